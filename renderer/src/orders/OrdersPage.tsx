// «Приказы» (issue 12 point 3): the register of orders about students — search, filters by kind,
// status and period, sort; a draft's editor (kind, date, title, preamble, basis, the students with
// classes and dates); signing with confirmation; cancellation by another order; printing.
// Issue 15: the promotion and graduation orders show and edit each student's decision, and the
// register filters by them (?kind=year_end from «Перевод и выпуск»; ?open=<id> opens an order).
import { useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Drawer, Group, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconFileTypePdf, IconPlus, IconSignature, IconTrash, IconBan, IconDeviceFloppy, IconUserPlus } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow } from '../components/EditorRows';
import { useConfirm } from '../components/Confirm';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { call, saveFile } from '../api';
import { change } from '../data/change';
import { useAppState } from '../app/AppState';
import { parseRuDate, ruDate, todayIso } from '../lib/dates';
import { fieldError, problemsOf } from '../lib/errors';
import { dateProblem, isoDates } from '../lib/dateFields';
import { orderKinds, orderStatuses, promotionDecisions, type OrderKind, type OrderStatus, type PromotionDecision } from '../../../electron/api/enums';
import { DECISION_KINDS, draftOrderKinds, orderSorts, type OrderDetails, type OrderRow } from '../../../electron/api/orders';
import { useHashRoute } from '../app/useHashRoute';
import { ArrivalModal } from './ArrivalModal';

const STATUS_COLOR: Record<OrderStatus, string> = { draft: 'gray', signed: 'green', cancelled: 'red' };
const SORT_LABELS: Record<(typeof orderSorts)[number], string> = { date: 'По дате', number: 'По номеру', kind: 'По виду', title: 'По заголовку' };

/** The problems the drawer shows next to a field (the others in the summary under the list). */
const SHOWN_AT_FIELD = /^(date|title|preamble|basis|kind|items)$|^items\.\d+\.(studentId|applicationId|classToId|classFromId|decision|effectiveDate|schoolFrom|schoolTo|reason)$/;

/** The register's filter «Перевод и выпуск»: both year-end kinds. */
const YEAR_END = 'year_end';
const KIND_FILTER = [...orderKinds.options, { value: YEAR_END, label: 'Перевод и выпуск (оба вида)' }];
/** The decisions each year-end kind takes (electron/core/orders/yearEnd.ts checks them). */
const KIND_DECISIONS: Partial<Record<OrderKind, PromotionDecision[]>> = { promotion: ['promoted', 'conditional', 'repeat'], graduation: ['graduated', 'continues'] };

/** The usual title of a new order of a kind. */
const DEFAULT_TITLE: Record<OrderKind, string> = orderKinds.labels;

interface ItemForm {
  key: number;
  studentId: string | null;
  applicationId: string | null;
  fullName: string;
  classToId: string | null;
  /** A promotion or graduation: the student's class and what the order decides. */
  classFromId: string | null;
  decision: PromotionDecision | null;
  /** An enrollment into a parallel (the formation's draft): kept as the draft has it. */
  grade: number | null;
  effectiveDate: string;
  schoolFrom: string;
  schoolTo: string;
  reason: string;
}
interface DraftForm {
  id: string | null;
  kind: OrderKind;
  date: string;
  title: string;
  preamble: string;
  basis: string;
  items: ItemForm[];
}

let nextKey = 1;
const emptyItem = (date: string): ItemForm => ({ key: nextKey++, studentId: null, applicationId: null, fullName: '', classToId: null, classFromId: null, decision: null, grade: null, effectiveDate: date, schoolFrom: '', schoolTo: '', reason: '' });

function formOf(o: OrderDetails): DraftForm {
  return {
    id: o.id,
    kind: o.kind,
    date: ruDate(o.date),
    title: o.title,
    preamble: o.preamble ?? '',
    basis: o.basis ?? '',
    items: o.items.map((it) => ({
      key: nextKey++,
      studentId: it.studentId,
      applicationId: it.applicationId,
      fullName: it.fullName,
      classToId: it.classToId,
      classFromId: it.classFromId,
      decision: it.decision,
      grade: it.grade,
      effectiveDate: ruDate(it.effectiveDate),
      schoolFrom: it.schoolFrom ?? '',
      schoolTo: it.schoolTo ?? '',
      reason: it.reason ?? '',
    })),
  };
}

/** The draft as orders.save takes it, from the form as it is on the screen. */
function inputOf(form: DraftForm) {
  // Dates typed wrongly are named next to their fields before anything is sent.
  const [date, ...effective] = isoDates([
    { column: 'date', label: 'Дата приказа', text: form.date },
    ...form.items.map((it, i) => ({ column: `items.${i}.effectiveDate`, label: `С даты (строка ${i + 1})`, text: it.effectiveDate })),
  ]);
  return {
    id: form.id,
    kind: form.kind as (typeof draftOrderKinds.values)[number],
    date: date!,
    title: form.title,
    preamble: form.preamble || null,
    basis: form.basis || null,
    items: form.items.map((it, i) => ({
      studentId: it.studentId,
      applicationId: it.applicationId,
      classToId: it.classToId,
      grade: it.grade,
      effectiveDate: effective[i]!,
      schoolFrom: it.schoolFrom || null,
      schoolTo: it.schoolTo || null,
      reason: it.reason || null,
      ...(DECISION_KINDS.has(form.kind) ? { classFromId: it.classFromId, decision: it.decision } : {}),
    })),
  };
}

export function OrdersPage() {
  const { access } = useAppState();
  const route = useHashRoute();
  const canChange = access('contingent') === 'change';
  const [search, setSearch] = useState('');
  const [kind, setKind] = useState<OrderKind | typeof YEAR_END | null>((route.query.get('kind') as OrderKind | null) ?? null);
  const [status, setStatus] = useState<OrderStatus | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [sort, setSort] = useState<(typeof orderSorts)[number]>('date');
  const [open, setOpen] = useState<string | 'new' | null>(route.query.get('open'));
  const [arrival, setArrival] = useState(false);
  const f = parseRuDate(from);
  const t = parseRuDate(to);
  const list = useOp(
    'orders.list',
    { search: search || undefined, kind: kind && kind !== YEAR_END ? kind : undefined, kinds: kind === YEAR_END ? ['promotion', 'graduation'] : undefined, status: status ?? undefined, from: f.ok && f.iso ? f.iso : undefined, to: t.ok && t.iso ? t.iso : undefined, sort, desc: sort === 'date' },
    { keepPrevious: true },
  );
  const rows = list.data ?? [];
  return (
    <Stack gap="md">
      <PageHeader
        title="Приказы"
        description="Реестр приказов по контингенту: зачисление, формирование классов, прибытие, выбытие, перевод. Проект приказа ничего не меняет, пока не подписан."
        actions={
          canChange ? (
            <Group gap="xs">
              <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={() => setArrival(true)} data-testid="orders-arrival">
                Прибытие ученика
              </Button>
              <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="orders-new">
                Новый приказ
              </Button>
            </Group>
          ) : null
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput value={search} onChange={setSearch} placeholder="Ученик или заголовок" data-testid="orders-search" style={{ width: 240 }} />
        <Select label="Вид" placeholder="Все виды" data={KIND_FILTER as never} value={kind} onChange={(v) => setKind(v as OrderKind | null)} clearable w={260} data-testid="orders-kind" />
        <Select label="Статус" placeholder="Все" data={orderStatuses.options as never} value={status} onChange={(v) => setStatus(v as OrderStatus | null)} clearable w={140} data-testid="orders-status" />
        <DateField label="С" value={from} onChange={setFrom} w={150} data-testid="orders-from" />
        <DateField label="По" value={to} onChange={setTo} w={150} data-testid="orders-to" />
        <Select label="Сортировка" data={orderSorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))} value={sort} onChange={(v) => v && setSort(v as typeof sort)} allowDeselect={false} w={160} data-testid="orders-sort" />
      </Group>
      {list.error ? <ErrorAlert error={list.error} title="Реестр не загружен" /> : null}
      <Table striped highlightOnHover withTableBorder data-testid="orders-table" data-loaded={list.data ? true : undefined}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Дата</Table.Th>
            <Table.Th w={90}>Номер</Table.Th>
            <Table.Th>Заголовок</Table.Th>
            <Table.Th>Ученики</Table.Th>
            <Table.Th w={120}>Статус</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((o) => (
            <Table.Tr key={o.id} onClick={() => setOpen(o.id)} style={{ cursor: 'pointer' }} data-testid="orders-row">
              <Table.Td className="tnum">{ruDate(o.date)}</Table.Td>
              <Table.Td className="tnum">{o.numberText ? `№ ${o.numberText}` : '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {o.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {orderKinds.labels[o.kind]}
                  {o.cancelledBy ? ` · отменён приказом № ${o.cancelledBy.numberText} от ${ruDate(o.cancelledBy.date)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{o.studentNames || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[o.status]} variant="light">
                  {orderStatuses.labels[o.status]}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
          {!rows.length && !list.isLoading ? (
            <EmptyRow colSpan={5}>
              Приказов нет{search || kind || status || from || to ? ' с такими условиями' : ''}.
            </EmptyRow>
          ) : null}
        </Table.Tbody>
      </Table>
      {open ? <OrderDrawer key={open} id={open} canChange={canChange} onClose={() => setOpen(null)} onOpen={setOpen} /> : null}
      <ArrivalModal opened={arrival} onClose={() => setArrival(false)} onMade={(id) => (setArrival(false), setOpen(id))} />
    </Stack>
  );
}

/** One order: a draft's editor, or a signed order's view with printing and cancellation. */
function OrderDrawer({ id, canChange, onClose, onOpen }: { id: string; canChange: boolean; onClose: () => void; onOpen: (id: string) => void }) {
  const details = useOp('orders.get', { id }, { enabled: id !== 'new' });
  const classes = useOp('classes.list');
  const students = useOp('students.list', { limit: 10000 });
  const today = ruDate(todayIso());
  const [form, setForm] = useState<DraftForm | null>(id === 'new' ? { id: null, kind: 'class_transfer', date: today, title: DEFAULT_TITLE.class_transfer, preamble: '', basis: '', items: [emptyItem(today)] } : null);
  const [cancelDate, setCancelDate] = useState(today);
  const [cancelError, setCancelError] = useState<string | undefined>(undefined);
  const [ask, confirmModal] = useConfirm();
  if (!form && details.data) setForm(formOf(details.data));
  const o = details.data;
  const editable = canChange && (!o || o.status === 'draft');
  const classOptions = useMemo(() => (classes.data ?? []).map((c) => ({ value: c.id, label: c.name })), [classes.data]);
  const studentOptions = useMemo(
    () => (students.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.fullName}${s.className ? `, ${s.className}` : ''}` })),
    [students.data],
  );
  const set = <K extends keyof DraftForm>(k: K, v: DraftForm[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));
  const setItem = (i: number, patch: Partial<ItemForm>) => setForm((f) => (f ? { ...f, items: f.items.map((it, j) => (j === i ? { ...it, ...patch } : it)) } : f));

  const input = () => inputOf(form!);
  const saving = useAction(async () => change('orders.save', input()), {
    success: 'Проект приказа сохранён',
    onSuccess: (r) => {
      setForm(formOf(r));
      if (id === 'new') onOpen(r.id);
    },
  });
  // «Подписать» signs the order as it is on the screen: the edits not yet saved are saved with the
  // signing, in one call (orders.sign with the draft), and a refused save signs nothing — its
  // messages stand next to the fields, as the save's do.
  const signing = useAction(
    async () => {
      const { id, ...draft } = input();
      return change('orders.sign', dirty ? { id: id!, draft } : { id: id! });
    },
    { success: (r) => `Приказ подписан: № ${r.numberText}`, onSuccess: (r) => setForm(formOf(r)) },
  );
  const printing = useAction(
    async () => {
      const f = await call('orders.print', { id: form!.id! });
      await saveFile(f.fileName, f.id, 'application/pdf');
      return f;
    },
    { invalidates: false, notify: 'Приказ не напечатан', success: (f) => ({ title: f.fileName, message: 'Приказ сохранён в PDF' }) },
  );
  // The sign's refusal of the draft it saves names the fields under 'draft.' (the call's shape): the same fields.
  const p = saving.error ? problemsOf(saving.error) : problemsOf(signing.error).map((x) => (x.column?.startsWith('draft.') ? { ...x, column: x.column.slice(6) } : x));
  /** The form differs from the stored draft (edits not saved). */
  const dirty = !!(o && form && o.status === 'draft' && JSON.stringify(input()) !== JSON.stringify(inputOf(formOf(o))));
  const kind = form?.kind;
  const decisions = kind ? KIND_DECISIONS[kind] : undefined;
  const title = o ? `${o.numberText ? `Приказ № ${o.numberText}` : 'Проект приказа'} от ${ruDate(o.date)}` : 'Новый приказ';
  return (
    <Drawer opened onClose={onClose} position="right" size={980} title={<Title order={3}>{title}</Title>} data-testid="order-drawer">
      {form ? (
        <Stack gap="sm">
          {o && o.status !== 'draft' ? (
            <Group gap="xs">
              <Badge color={STATUS_COLOR[o.status]} variant="light">
                {orderStatuses.labels[o.status]}
              </Badge>
              {o.cancelledBy ? <Text size="sm">Отменён приказом № {o.cancelledBy.numberText} от {ruDate(o.cancelledBy.date)}</Text> : null}
              {o.cancels ? <Text size="sm">Отменяет приказ № {o.cancels.numberText} от {ruDate(o.cancels.date)}</Text> : null}
            </Group>
          ) : null}
          <Group grow align="flex-start">
            <Select
              label="Вид приказа"
              data={(o?.kind === 'cancellation' ? orderKinds.options : draftOrderKinds.options) as never}
              value={form.kind}
              disabled={!editable}
              allowDeselect={false}
              onChange={(v) => v && setForm((f) => (f ? { ...f, kind: v as OrderKind, title: f.title === DEFAULT_TITLE[f.kind] || !f.title ? DEFAULT_TITLE[v as OrderKind] : f.title } : f))}
              error={fieldError(p, 'kind', 'Вид приказа')}
              data-testid="order-kind"
            />
            <DateField label="Дата приказа" value={form.date} onChange={(v) => set('date', v)} disabled={!editable} error={fieldError(p, 'date')} data-testid="order-date" />
          </Group>
          <TextInput label="Заголовок" value={form.title} onChange={(e) => set('title', e.currentTarget.value)} disabled={!editable} error={fieldError(p, 'title', 'Заголовок')} data-testid="order-title" />
          <Textarea label="Преамбула" description="Например: «В соответствии с … на основании заявления родителя (законного представителя)»" autosize minRows={2} value={form.preamble} onChange={(e) => set('preamble', e.currentTarget.value)} disabled={!editable} error={fieldError(p, 'preamble', 'Преамбула')} data-testid="order-preamble" />
          <Textarea label="Основание" autosize minRows={1} value={form.basis} onChange={(e) => set('basis', e.currentTarget.value)} disabled={!editable} error={fieldError(p, 'basis', 'Основание')} data-testid="order-basis" />
          <Group justify="space-between" mt="xs">
            <Title order={4} fz={16}>
              Ученики
            </Title>
            {editable ? (
              <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => set('items', [...form.items, emptyItem(form.date)])} data-testid="order-item-add">
                Добавить ученика
              </Button>
            ) : null}
          </Group>
          <Table withTableBorder data-testid="order-items">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={30}>№</Table.Th>
                <Table.Th>Ученик</Table.Th>
                <Table.Th w={110}>{kind === 'transfer_out' || kind === 'expulsion' || decisions ? 'Из класса' : 'В класс'}</Table.Th>
                <Table.Th w={140}>С даты</Table.Th>
                <Table.Th>{kind === 'transfer_in' ? 'Из какой школы' : kind === 'transfer_out' ? 'В какую школу' : kind === 'expulsion' ? 'Причина' : decisions ? 'Решение' : ''}</Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {form.items.map((it, i) => {
                const shown = o?.items[i];
                return (
                  <Table.Tr key={it.key} data-testid="order-item">
                    <Table.Td>{i + 1}</Table.Td>
                    <Table.Td>
                      {editable && !it.applicationId ? (
                        <Select
                          size="xs"
                          searchable
                          placeholder="Выберите ученика"
                          data={studentOptions}
                          value={it.studentId}
                          onChange={(v) => setItem(i, { studentId: v })}
                          nothingFoundMessage="Никого не найдено"
                          error={fieldError(p, `items.${i}.studentId`, `items.${i}.applicationId`)}
                          data-testid="order-item-student"
                        />
                      ) : (
                        <Text size="sm" c={fieldError(p, `items.${i}.studentId`, `items.${i}.applicationId`) ? 'red' : undefined}>
                          {it.fullName || shown?.fullName}
                          {fieldError(p, `items.${i}.studentId`, `items.${i}.applicationId`) ? ` — ${fieldError(p, `items.${i}.studentId`, `items.${i}.applicationId`)}` : ''}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {decisions && editable ? (
                        <Select size="xs" data={classOptions} value={it.classFromId} onChange={(v) => setItem(i, { classFromId: v })} placeholder="Класс" error={fieldError(p, `items.${i}.classFromId`)} data-testid="order-item-class-from" />
                      ) : kind === 'transfer_out' || kind === 'expulsion' || decisions ? (
                        <Text size="sm">{shown?.classFromName ?? '—'}</Text>
                      ) : editable ? (
                        <Select size="xs" data={classOptions} value={it.classToId} onChange={(v) => setItem(i, { classToId: v })} placeholder={kind === 'enrollment' ? 'Параллель' : 'Класс'} clearable error={fieldError(p, `items.${i}.classToId`)} data-testid="order-item-class" />
                      ) : (
                        <Text size="sm">{shown?.classFromName && kind === 'class_transfer' ? `${shown.classFromName} → ` : ''}{shown?.classToName ?? (shown?.grade ? `${shown.grade}-й` : '—')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {/* A year-end decision's day is the law's (the order's day, or the next year's first): shown, not typed. */}
                      <DateField compact value={it.effectiveDate} onChange={(v) => setItem(i, { effectiveDate: v })} disabled={!editable || !!decisions} error={fieldError(p, `items.${i}.effectiveDate`)} data-testid="order-item-date" />
                    </Table.Td>
                    <Table.Td>
                      {kind === 'transfer_in' || kind === 'transfer_out' || kind === 'expulsion' ? (
                        <TextInput
                          size="xs"
                          value={kind === 'transfer_in' ? it.schoolFrom : kind === 'transfer_out' ? it.schoolTo : it.reason}
                          disabled={!editable}
                          onChange={(e) => setItem(i, kind === 'transfer_in' ? { schoolFrom: e.currentTarget.value } : kind === 'transfer_out' ? { schoolTo: e.currentTarget.value } : { reason: e.currentTarget.value })}
                          error={fieldError(p, `items.${i}.schoolFrom`, `items.${i}.schoolTo`, `items.${i}.reason`)}
                          data-testid="order-item-extra"
                        />
                      ) : decisions ? (
                        <Stack gap={2}>
                          <Select
                            size="xs"
                            data={decisions.map((d) => ({ value: d, label: promotionDecisions.labels[d] }))}
                            value={it.decision}
                            onChange={(v) => setItem(i, { decision: v as PromotionDecision | null })}
                            disabled={!editable}
                            placeholder="Решение"
                            aria-label={`Решение, строка ${i + 1}`}
                            error={fieldError(p, `items.${i}.decision`)}
                            data-testid="order-item-decision"
                          />
                          {it.reason ? (
                            <Text size="xs" c="dimmed">
                              {it.reason}
                            </Text>
                          ) : null}
                        </Stack>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {editable ? (
                        <ActionIcon variant="subtle" color="red" aria-label="Убрать из приказа" onClick={() => set('items', form.items.filter((_, j) => j !== i))}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {saving.error && !p.every((x) => x.column !== undefined && SHOWN_AT_FIELD.test(x.column)) ? <ErrorAlert error={saving.error} /> : null}
          {/* A refused signing says so even when its reasons stand at the fields: the order is still a draft. */}
          {signing.error ? <ErrorAlert error={signing.error} title="Приказ не подписан" /> : null}
          {p.filter((x) => x.column === 'items').map((x) => (
            <Text key={x.message} size="sm" c="red" data-testid="order-items-error">
              {x.message}
            </Text>
          ))}
          <Group justify="space-between" mt="sm">
            <Group gap="xs">
              {form.id ? (
                <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={printing.busy} onClick={() => void printing.run()} data-testid="order-print">
                  Печать
                </Button>
              ) : null}
              {canChange && o?.status === 'draft' ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  onClick={() =>
                    ask({ title: 'Удалить проект приказа?', message: 'Проект ничего не изменил; он будет удалён.', confirmLabel: 'Удалить', color: 'red', run: async () => (await change('orders.remove', { id: o.id }), onClose()) })
                  }
                  data-testid="order-remove"
                >
                  Удалить проект
                </Button>
              ) : null}
            </Group>
            <Group gap="xs">
              {canChange && o?.status === 'signed' && o.kind !== 'cancellation' ? (
                <>
                  <DateField compact value={cancelDate} onChange={(v) => (setCancelDate(v), setCancelError(undefined))} w={130} aria-label="Дата приказа об отмене" error={cancelError} data-testid="order-cancel-date" />
                  <Button
                    variant="light"
                    color="red"
                    leftSection={<IconBan size={16} />}
                    data-testid="order-cancel"
                    onClick={() => {
                      const bad = dateProblem({ column: 'date', label: 'Дата приказа об отмене', text: cancelDate });
                      if (bad) return setCancelError(bad.message);
                      ask({
                        title: 'Отменить приказ другим приказом?',
                        message: `Будет издан и подписан приказ «Об отмене приказа № ${o.numberText} от ${ruDate(o.date)}»: всё, что изменил этот приказ в классах, вернётся как было. Сам приказ останется в реестре со статусом «Отменён».`,
                        confirmLabel: 'Издать приказ об отмене',
                        color: 'red',
                        errorTitle: 'Приказ не отменён',
                        run: async () => {
                          const [date] = isoDates([{ column: 'date', label: 'Дата приказа об отмене', text: cancelDate }]);
                          const c = await change('orders.cancel', { id: o.id, date: date! });
                          onOpen(c.id);
                        },
                      });
                    }}
                  >
                    Отменить приказом
                  </Button>
                </>
              ) : null}
              {editable ? (
                <>
                  <Button variant="default" leftSection={<IconDeviceFloppy size={16} />} loading={saving.busy} onClick={() => (signing.setError(null), void saving.run())} data-testid="order-save">
                    Сохранить проект
                  </Button>
                  {o?.status === 'draft' ? (
                    <Button
                      leftSection={<IconSignature size={16} />}
                      loading={signing.busy}
                      data-testid="order-sign"
                      onClick={() => {
                        saving.setError(null);
                        ask({
                          title: 'Подписать приказ?',
                          message: `Приказ будет подписан таким, как он сейчас на экране${dirty ? ' (несохранённые изменения сохранятся вместе с подписью)' : ''}. Ему будет присвоен номер, и он применится: ${form.items.length} уч. — ${decisions ? 'выпускники отчисляются с даты приказа; перевод в следующий класс и продолжение обучения применяются при переходе на новый учебный год' : 'зачисление, перевод или отчисление с указанных дат'}. Подписанный приказ не удаляют — только отменяют другим приказом.`,
                          confirmLabel: 'Подписать',
                          errorTitle: 'Приказ не подписан',
                          run: async () => void (await signing.run()),
                        });
                      }}
                    >
                      Подписать
                    </Button>
                  ) : null}
                </>
              ) : null}
            </Group>
          </Group>
        </Stack>
      ) : null}
      {confirmModal}
    </Drawer>
  );
}

/** The student card's history of orders. */
export function StudentOrders({ studentId }: { studentId: string }) {
  const orders = useOp('orders.list', { studentId, sort: 'date', desc: false });
  const rows: OrderRow[] = orders.data ?? [];
  if (!rows.length) return null;
  return (
    <Stack gap={4} data-testid="student-orders">
      <Title order={4} fz={16}>
        Приказы
      </Title>
      {rows.map((o) => (
        <Text size="sm" key={o.id}>
          {o.numberText ? `№ ${o.numberText}` : 'Проект'} от {ruDate(o.date)} — {o.title}
          {o.status === 'cancelled' ? ' (отменён)' : ''}
        </Text>
      ))}
    </Stack>
  );
}
