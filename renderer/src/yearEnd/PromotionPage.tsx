// «Перевод и выпуск» (issue 15 point 3, R24; docs/year-end.md «Перевод и выпуск»): the year's classes
// with the decisions the debts give (promoted, conditional, repeat, graduates, continuing into 10),
// the state of each class's orders with a link to the register; the 9th graders' continue-or-leave
// choice; «Подготовить приказы» makes the drafts of every class without one, «Открыть приказы» shows
// them in «Приказы». Editing a draft's decision goes through orders.save.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconExternalLink, IconFileText } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow } from '../components/EditorRows';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { call } from '../api';
import { useAppState } from '../app/AppState';
import { useUnsavedGuard } from '../app/unsaved';
import { countOf, ruDate, todayIso } from '../lib/dates';
import { fieldError, problemsOf } from '../lib/errors';
import { isoDates } from '../lib/dateFields';
import type { PromotionDecision } from '../../../electron/api/enums';
import { ruFold } from '../../../electron/api/text';
import type { PromotionClass, PromotionClassOrder, PromotionDrafts, PromotionStudent } from '../../../electron/api/promotion';

const DECISION: Record<PromotionDecision, { label: string; color: string }> = {
  promoted: { label: 'переведён', color: 'teal' },
  conditional: { label: 'условно', color: 'orange' },
  repeat: { label: 'повторное обучение', color: 'red' },
  graduated: { label: 'выпуск', color: 'blue' },
  continues: { label: 'продолжает в 10', color: 'indigo' },
};
const ORDER_STATE: Record<PromotionClassOrder['state'], { label: string; color: string }> = {
  none: { label: 'нет', color: 'gray' },
  draft: { label: 'проект', color: 'yellow' },
  signed: { label: 'подписан', color: 'green' },
  cancelled: { label: 'отменён', color: 'red' },
};
const SORTS = [
  { value: 'class', label: 'По классу' },
  { value: 'debts', label: 'Сначала с задолженностями' },
  { value: 'orders', label: 'Сначала без приказов' },
];
const YEAR_END_ORDERS = '#/orders?kind=year_end';

const collate = new Intl.Collator('ru').compare;
const fold = ruFold;

function OrderCell({ o }: { o: PromotionClassOrder }) {
  if (!o.needed && o.state === 'none') return <Text size="sm" c="dimmed">—</Text>;
  if (!o.orderId)
    return (
      <Badge size="sm" variant="light" color={ORDER_STATE.none.color}>
        {ORDER_STATE.none.label}
      </Badge>
    );
  // The label says the state («проект от …», «№ 3-пер от …»); a cancelled one says so.
  return (
    <Anchor href={`#/orders?open=${o.orderId}`} size="sm" c={o.state === 'signed' ? 'green.8' : o.state === 'cancelled' ? 'red.8' : undefined} style={{ whiteSpace: 'nowrap' }} data-testid="promotion-order-link" onClick={(e) => e.stopPropagation()}>
      {o.state === 'cancelled' ? `отменён ${o.label}` : o.label}
    </Anchor>
  );
}

function Count({ n, color }: { n: number; color?: string }) {
  return (
    <Text size="sm" className="tnum" c={n ? color : 'dimmed'} fw={n && color ? 600 : undefined}>
      {n || '—'}
    </Text>
  );
}

function StudentLine({ s }: { s: PromotionStudent }) {
  return (
    <Group gap={8} wrap="nowrap" data-testid="promotion-student">
      <Text size="sm" style={{ minWidth: 260 }}>
        {s.fullName}
      </Text>
      {s.decision ? (
        <Badge size="sm" variant="light" color={DECISION[s.decision].color}>
          {DECISION[s.decision].label}
        </Badge>
      ) : (
        <Badge size="sm" variant="outline" color="red">
          нет решения
        </Badge>
      )}
      <Text size="xs" c="dimmed" lineClamp={1}>
        {[s.debts.length ? `задолженность: ${s.debts.join(', ')}` : null, s.note, s.source === 'order' ? 'в приказе' : null].filter(Boolean).join(' · ')}
      </Text>
    </Group>
  );
}

export function PromotionPage() {
  const { access } = useAppState();
  const canChange = access('contingent') === 'change';
  const plan = useOp('promotion.plan', {}, { keepPrevious: true });
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState('class');
  const [open, setOpen] = useState<Set<string>>(new Set());
  /** 9th graders marked as leaving before the drafts exist (the drafts take them). */
  const [leaving, setLeaving] = useState<Set<string>>(new Set());
  const [date, setDate] = useState<string | null>(null);
  const [basis, setBasis] = useState('');
  const [made, setMade] = useState<PromotionDrafts | null>(null);
  const data = plan.data;
  // The orders' day: today within the year (or the summer after it), else the year's last day.
  const today = todayIso();
  const dateText = date ?? (data ? ruDate(today >= data.yearStart && today < data.effectiveDate ? today : data.yearEnd) : '');
  useUnsavedGuard(leaving.size > 0, { discard: () => setLeaving(new Set()) });

  const drafts = useAction(
    async () => {
      const [iso] = isoDates([{ column: 'date', label: 'Дата приказов', text: dateText }]);
      return call('promotion.drafts', { yearId: data?.yearId, date: iso!, basis: basis || null, leaving9: [...leaving] });
    },
    {
      success: (r) => (r.made.length ? `Подготовлено проектов приказов: ${r.made.length}` : 'Новых проектов нет: у всех классов уже есть приказы'),
      onSuccess: (r) => {
        setMade(r);
        setLeaving(new Set());
      },
    },
  );
  // A 9th grader in a draft: the choice edits the draft's item (orders.save), at once.
  const toggle = useAction(
    async (s: PromotionStudent, decision: PromotionDecision) => {
      const o = await call('orders.get', { id: s.orderId! });
      return call('orders.save', {
        id: o.id,
        kind: o.kind as 'graduation',
        date: o.date,
        title: o.title,
        preamble: o.preamble,
        basis: o.basis,
        items: o.items.map((it) => ({
          studentId: it.studentId,
          classFromId: it.classFromId,
          decision: it.studentId === s.studentId ? decision : it.decision,
          reason: it.reason,
          effectiveDate: it.effectiveDate,
        })),
      });
    },
    { notify: 'Решение не сохранено', success: (_r, s, d) => `${s.fullName}: ${d === 'graduated' ? 'уходит после 9 класса' : 'продолжает обучение в 10 классе'} — проект приказа изменён` },
  );
  const p = problemsOf(drafts.error);

  const needle = fold(search.trim());
  const matches = (c: PromotionClass) => !needle || fold(c.className).includes(needle) || c.students.some((s) => fold(s.fullName).includes(needle));
  const classes = useMemo(() => {
    const list = (data?.classes ?? []).filter(matches);
    const byClass = (a: PromotionClass, b: PromotionClass) => a.grade - b.grade || collate(a.letter, b.letter);
    const debts = (c: PromotionClass) => c.counts.conditional + c.counts.repeat + c.counts.undecided;
    const missing = (c: PromotionClass) => c.orders.filter((o) => o.needed && (o.state === 'none' || o.state === 'cancelled')).length;
    return [...list].sort(sort === 'debts' ? (a, b) => debts(b) - debts(a) || byClass(a, b) : sort === 'orders' ? (a, b) => missing(b) - missing(a) || byClass(a, b) : byClass);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, needle, sort]);
  const ninth = (data?.classes ?? [])
    .filter((c) => c.grade === 9)
    .flatMap((c) => c.students.filter((s) => s.decision === 'graduated' || s.decision === 'continues').map((s) => ({ c, s })))
    .filter(({ c, s }) => !needle || fold(s.fullName).includes(needle) || fold(c.className).includes(needle))
    .sort((a, b) => a.c.grade - b.c.grade || collate(a.c.letter, b.c.letter) || collate(a.s.fullName, b.s.fullName));
  const missingOrders = (data?.classes ?? []).some((c) => c.orders.some((o) => o.needed && (o.state === 'none' || o.state === 'cancelled')));
  const choiceOf = (s: PromotionStudent): PromotionDecision => (s.source === 'rules' ? (leaving.has(s.studentId) ? 'graduated' : 'continues') : (s.decision ?? 'continues'));

  return (
    <Stack gap="md" data-testid="promotion-page" data-loaded={data ? '' : undefined}>
      <PageHeader
        title="Перевод и выпуск"
        description="Решения по каждому обучающемуся по итогам года (ст. 58 273-ФЗ): переведён, переведён условно (есть академическая задолженность), оставлен на повторное обучение; выпускники 9 и 11 классов. Приказы готовятся здесь и подписываются в «Приказах»; перевод в новые классы выполняется при переходе на новый учебный год."
        actions={
          <Button component="a" href={YEAR_END_ORDERS} variant="default" leftSection={<IconExternalLink size={16} />} data-testid="promotion-open-orders">
            Открыть приказы
          </Button>
        }
      />
      {plan.error ? <ErrorAlert error={plan.error} title="Сведения не загружены" /> : null}
      {data ? (
        <Group gap="lg" data-testid="promotion-totals">
          <Text size="sm">
            Учебный год <b>{data.yearName}</b>; перевод — с <b>{ruDate(data.effectiveDate)}</b>
          </Text>
          <Text size="sm">Переведены: {data.totals.promoted}</Text>
          <Text size="sm" c={data.totals.conditional ? 'orange.8' : undefined}>Условно: {data.totals.conditional}</Text>
          <Text size="sm" c={data.totals.repeat ? 'red.8' : undefined}>На повторное обучение: {data.totals.repeat}</Text>
          <Text size="sm">Выпуск: {data.totals.graduated}</Text>
          <Text size="sm">Продолжают в 10: {data.totals.continues}</Text>
          {data.totals.undecided ? (
            <Text size="sm" c="red.8" fw={600}>
              Без решения: {data.totals.undecided}
            </Text>
          ) : null}
        </Group>
      ) : null}
      {data?.rolledOver ? <Alert color="gray">Переход на новый учебный год уже выполнен: решения приказов применены, отменить их нельзя.</Alert> : null}

      {canChange && data && !data.rolledOver ? (
        <Paper withBorder p="sm" data-testid="promotion-drafts">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <DateField label="Дата приказов" value={dateText} onChange={setDate} w={150} error={fieldError(p, 'date')} data-testid="promotion-date" />
            <TextInput label="Основание" description="Решение педагогического совета: дата и номер протокола" placeholder="Решение педагогического совета (протокол от 28.05.2027 № 9)" value={basis} onChange={(e) => setBasis(e.currentTarget.value)} error={fieldError(p, 'basis', 'Основание')} style={{ flex: 1, minWidth: 320 }} data-testid="promotion-basis" />
            <Button leftSection={<IconFileText size={16} />} loading={drafts.busy} onClick={() => void drafts.run()} disabled={!missingOrders} data-testid="promotion-make">
              Подготовить приказы
            </Button>
          </Group>
          {!missingOrders ? (
            <Text size="sm" c="dimmed" mt={6}>
              У всех классов есть приказы (проекты или подписанные).
            </Text>
          ) : null}
          {drafts.error && !p.some((x) => x.column === 'date' || x.column === 'basis') ? <ErrorAlert error={drafts.error} title="Приказы не подготовлены" /> : null}
          {made ? (
            <Alert color={made.made.length ? 'green' : 'gray'} mt="sm" data-testid="promotion-made">
              <Group justify="space-between" align="flex-start">
                <Stack gap={2}>
                  <Text size="sm">
                    Подготовлено проектов: {made.made.length} ({made.made.filter((o) => o.kind === 'promotion').length} о переводе, {made.made.filter((o) => o.kind === 'graduation').length} о выпуске).
                    Проверьте и подпишите их в «Приказах».
                  </Text>
                  {made.skipped
                    .filter((x) => !x.reason.startsWith('уже есть'))
                    .map((x) => (
                      <Text key={`${x.className}${x.kind}`} size="sm" c="red.8">
                        {x.className}: {x.reason}
                      </Text>
                    ))}
                </Stack>
                <Button component="a" href={YEAR_END_ORDERS} size="xs" data-testid="promotion-made-open">
                  Открыть приказы
                </Button>
              </Group>
            </Alert>
          ) : null}
        </Paper>
      ) : null}

      <Group gap="sm" align="flex-end">
        <SearchInput value={search} onChange={setSearch} placeholder="Класс или ученик" style={{ width: 260 }} data-testid="promotion-search" />
        <Select label="Сортировка" data={SORTS} value={sort} onChange={(v) => v && setSort(v)} allowDeselect={false} w={270} data-testid="promotion-sort" />
      </Group>

      <Table withTableBorder striped highlightOnHover data-testid="promotion-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Класс</Table.Th>
            <Table.Th w={90}>Учеников</Table.Th>
            <Table.Th w={100}>Переведены</Table.Th>
            <Table.Th w={80}>Условно</Table.Th>
            <Table.Th w={110}>Повторное обучение</Table.Th>
            <Table.Th w={80}>Выпуск</Table.Th>
            <Table.Th w={110}>Продолжают в 10</Table.Th>
            <Table.Th>Приказ о переводе</Table.Th>
            <Table.Th>Приказ о выпуске</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.map((c) => {
            const expanded = open.has(c.classId) || (!!needle && !fold(c.className).includes(needle));
            const flip = () => setOpen((s) => (s.has(c.classId) ? new Set([...s].filter((x) => x !== c.classId)) : new Set([...s, c.classId])));
            return [
              <Table.Tr key={c.classId} onClick={flip} style={{ cursor: 'pointer' }} data-testid="promotion-class">
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <button type="button" aria-label={expanded ? `Свернуть ${c.className}` : `Показать учеников ${c.className}`} onClick={(e) => (e.stopPropagation(), flip())} style={{ all: 'unset', cursor: 'pointer', display: 'flex' }}>
                      {expanded ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
                    </button>
                    <Text size="sm" fw={600}>
                      {c.className}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td className="tnum">{c.students.length}</Table.Td>
                <Table.Td><Count n={c.counts.promoted} /></Table.Td>
                <Table.Td><Count n={c.counts.conditional} color="orange.8" /></Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Count n={c.counts.repeat} color="red.8" />
                    {c.counts.undecided ? (
                      <Badge size="xs" color="red" variant="outline" title="Академическая задолженность не ликвидирована: решения нет">
                        без решения: {c.counts.undecided}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td><Count n={c.counts.graduated} /></Table.Td>
                <Table.Td><Count n={c.counts.continues} /></Table.Td>
                <Table.Td><OrderCell o={c.orders[0]!} /></Table.Td>
                <Table.Td><OrderCell o={c.orders[1]!} /></Table.Td>
              </Table.Tr>,
              expanded ? (
                <Table.Tr key={`${c.classId}-students`} data-testid="promotion-class-students">
                  <Table.Td colSpan={9}>
                    <Stack gap={2} pl="lg">
                      {c.students.filter((s) => !needle || fold(c.className).includes(needle) || fold(s.fullName).includes(needle)).map((s) => (
                        <StudentLine key={s.studentId} s={s} />
                      ))}
                      {!c.students.length ? <Text size="sm" c="dimmed">В классе нет обучающихся.</Text> : null}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ) : null,
            ];
          })}
          {data && !classes.length ? <EmptyRow colSpan={9}>{search ? 'Никого не найдено.' : 'В учебном году нет классов.'}</EmptyRow> : null}
        </Table.Tbody>
      </Table>

      {ninth.length ? (
        <Stack gap="xs" data-testid="promotion-ninth">
          <Title order={4}>Выпускники 9 классов: продолжают обучение в 10 классе или уходят</Title>
          <Text size="sm" c="dimmed">
            По умолчанию выпускник 9 класса продолжает обучение в 10 классе. Уходящие отчисляются приказом о выпуске с даты приказа; до подготовки приказов выбор хранится на этой странице, после — в проекте приказа.
          </Text>
          <Table withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>Класс</Table.Th>
                <Table.Th>Обучающийся</Table.Th>
                <Table.Th w={330}>После 9 класса</Table.Th>
                <Table.Th w={200}>Приказ</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ninth.map(({ c, s }) => {
                const signed = s.source === 'order' && c.orders[1]?.orderId === s.orderId && c.orders[1]?.state === 'signed';
                const locked = !canChange || signed || toggle.busy || !!data?.rolledOver || (s.source === 'order' && c.orders[1]?.orderId !== s.orderId);
                return (
                  <Table.Tr key={s.studentId} data-testid="promotion-ninth-row">
                    <Table.Td>{c.className}</Table.Td>
                    <Table.Td>{s.fullName}</Table.Td>
                    <Table.Td>
                      <SegmentedControl
                        size="xs"
                        data={[
                          { value: 'continues', label: 'Продолжает в 10' },
                          { value: 'graduated', label: 'Уходит' },
                        ]}
                        value={choiceOf(s)}
                        disabled={locked}
                        aria-label={`${s.fullName}: после 9 класса`}
                        onChange={(v) => {
                          const d = v as PromotionDecision;
                          if (s.source === 'order') void toggle.run(s, d);
                          else setLeaving((set) => (d === 'graduated' ? new Set([...set, s.studentId]) : new Set([...set].filter((x) => x !== s.studentId))));
                        }}
                        data-testid="promotion-ninth-choice"
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {s.source === 'order' ? (signed ? 'в подписанном приказе' : 'в проекте приказа') : 'приказа ещё нет'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {leaving.size ? (
            <Text size="sm" c="orange.8" data-testid="promotion-leaving-note">
              Отмечены уходящими: {countOf(leaving.size, 'обучающийся', 'обучающихся', 'обучающихся')} — выбор войдёт в приказы, когда вы нажмёте «Подготовить приказы».
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
