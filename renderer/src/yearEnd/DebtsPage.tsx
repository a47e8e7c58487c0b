// «Академические задолженности» (issue 15 point 2; R24; 273-ФЗ art. 58; docs/year-end.md): the
// year's debts with filters, search and sort; the unsatisfactory attestation marks without a debt
// («Из итогов года») to record; a drawer per debt for the retakes, the commission and the decision;
// the notices to parents, the retake schedule and the commission's protocol (PDF).
import { useEffect, useMemo, useState } from 'react';
import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useOp } from '../data/useOp';
import { useAppState } from '../app/AppState';
import { useHashRoute } from '../app/useHashRoute';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow } from '../components/EditorRows';
import { ruDate } from '../lib/dates';
import { debtDecisions, debtStatuses, markValues, type DebtStatus } from '../../../electron/api/enums';
import { debtSorts, type DebtRow, type DebtSort } from '../../../electron/api/debts';
import { DebtDrawer } from './debts/DebtDrawer';
import { Candidates } from './debts/Candidates';
import { DebtFiles } from './debts/DebtFiles';

export const STATUS_COLOR: Record<DebtStatus, string> = { open: 'orange', closed: 'green', decided: 'red' };
const SORT_LABELS: Record<DebtSort, string> = { class: 'По классу', student: 'По ученику', subject: 'По предмету', next: 'По дате пересдачи', status: 'По состоянию' };

const retake = (on: string | null, result: DebtRow['firstResult']) =>
  on ? (
    <Text size="sm" className="tnum" lh={1.2}>
      {ruDate(on)}
      {result ? <b>{` — «${markValues.labels[result]}»`}</b> : null}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );

export function DebtsPage() {
  const route = useHashRoute();
  const { access } = useAppState();
  const canChange = access('yearEnd') === 'change';
  const [yearId, setYearId] = useState<string | null>(null);
  const asked = route.query.get('class');
  const [classId, setClassId] = useState<string | null>(asked);
  // A link with ?class= (or without) while the page is open chooses again.
  useEffect(() => setClassId(asked), [asked]);
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [status, setStatus] = useState<DebtStatus | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<DebtSort>('class');
  const [open, setOpen] = useState<string | null>(null);
  const list = useOp('debts.list', { yearId, classId, subjectId, status, search: search || undefined, sort, desc: false }, { keepPrevious: true });
  const d = list.data;
  const rows = d?.rows ?? [];
  const current = useMemo(() => rows.find((r) => r.id === open) ?? null, [rows, open]);
  const filtered = !!(classId || subjectId || status || search);
  return (
    <Stack gap="md" data-testid="debts-page" data-loaded={d ? true : undefined}>
      <PageHeader
        title="Академические задолженности"
        description="Не более двух пересдач по предмету в пределах года со дня возникновения задолженности, вторая — перед комиссией; обучающиеся с задолженностью переводятся условно (273-ФЗ, ст. 58)."
        actions={d ? <DebtFiles yearId={d.yearId} classId={classId} /> : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select label="Учебный год" data={(d?.years ?? []).map((y) => ({ value: y.id, label: y.name }))} value={d?.yearId ?? null} onChange={(v) => (setYearId(v), setClassId(null))} allowDeselect={false} w={130} data-testid="debts-year" />
        <Select label="Класс" placeholder="Все" data={(d?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))} value={classId} onChange={setClassId} clearable searchable w={110} data-testid="debts-class" />
        <Select label="Предмет" placeholder="Все" data={(d?.subjects ?? []).map((s) => ({ value: s.id, label: s.name }))} value={subjectId} onChange={setSubjectId} clearable searchable w={190} data-testid="debts-subject" />
        <Select label="Состояние" placeholder="Все" data={debtStatuses.options as never} value={status} onChange={(v) => setStatus(v as DebtStatus | null)} clearable w={170} data-testid="debts-status" />
        <SearchInput value={search} onChange={setSearch} placeholder="Фамилия ученика" w={220} data-testid="debts-search" />
        <Select label="Сортировка" data={debtSorts.map((s) => ({ value: s, label: SORT_LABELS[s] }))} value={sort} onChange={(v) => v && setSort(v as DebtSort)} allowDeselect={false} w={170} data-testid="debts-sort" />
      </Group>
      {d ? (
        <Group gap="xs">
          {debtStatuses.values.map((s) => (
            <Badge key={s} color={STATUS_COLOR[s]} variant="light" tt="none" size="lg" data-testid={`debts-count-${s}`}>
              {debtStatuses.labels[s]}: {d.counts[s]}
            </Badge>
          ))}
        </Group>
      ) : null}
      {list.error ? <ErrorAlert error={list.error} title="Список не загружен" /> : null}
      <Table striped highlightOnHover withTableBorder verticalSpacing={6} data-testid="debts-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={64}>Класс</Table.Th>
            <Table.Th>Ученик</Table.Th>
            <Table.Th>Предмет</Table.Th>
            <Table.Th w={118}>Возникла / срок</Table.Th>
            <Table.Th w={150}>1-я пересдача</Table.Th>
            <Table.Th>2-я пересдача, комиссия</Table.Th>
            <Table.Th w={160}>Состояние</Table.Th>
            <Table.Th>Что дальше</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} onClick={() => setOpen(r.id)} style={{ cursor: 'pointer' }} data-testid="debts-row" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && setOpen(r.id)}>
              <Table.Td>{r.className ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {r.studentName}
                </Text>
                {r.reason === 'absent' ? (
                  <Text size="xs" c="dimmed">
                    не прошёл аттестацию
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{r.subjectName}</Table.Td>
              <Table.Td>
                <Text size="sm" className="tnum" lh={1.2}>
                  {ruDate(r.recordedOn)}
                </Text>
                <Text size="xs" c="dimmed" className="tnum">
                  до {ruDate(r.deadline)}
                </Text>
              </Table.Td>
              <Table.Td>{retake(r.firstRetakeOn, r.firstResult)}</Table.Td>
              <Table.Td>
                {retake(r.secondRetakeOn, r.secondResult)}
                {r.commission.length ? (
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {r.commission.map((m) => m.name.split(' ')[0]).join(', ')}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600} c={`${STATUS_COLOR[r.status]}.8`} data-testid="debts-row-status">
                  {debtStatuses.labels[r.status]}
                </Text>
                {r.decision ? (
                  <Text size="xs" lh={1.2} mt={2}>
                    {debtDecisions.labels[r.decision].split(' (')[0]}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={r.next?.includes('решение') ? 'red.7' : undefined}>
                  {r.next ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
          {!rows.length && d ? <EmptyRow colSpan={8}>{filtered ? 'Задолженностей с такими условиями нет.' : `Задолженностей за ${d.yearName} учебный год нет.`}</EmptyRow> : null}
        </Table.Tbody>
      </Table>
      {d ? <Candidates list={d} classId={classId} canChange={canChange} /> : null}
      {current && d ? <DebtDrawer key={current.id} debt={current} list={d} canChange={canChange && current.editable} onClose={() => setOpen(null)} /> : null}
    </Stack>
  );
}
