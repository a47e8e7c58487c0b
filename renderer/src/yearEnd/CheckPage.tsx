// «Итоги учебного года» (issue 15 point 1; R24; docs/year-end.md «Итоги года»): the summary of every class
// of the year (students, missing marks, debts, one «3», one «4», отличники, medal candidates); a click on
// a class (or the class picker) opens its lists. Read-only: the debts are recorded on «Задолженности».
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter, IconSearch } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { PDF_MIME } from '../components/FileButtons';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SortTh, useSort } from '../components/sort';
import { countOf, ruDate } from '../lib/dates';
import type { YearCheckClassRow, YearCheckTotals } from '../../../electron/api/yearCheck';
import { ClassDetail } from './check/ClassDetail';

const ALL = 'all';

const COLUMNS: { key: keyof YearCheckTotals; label: string; alarm?: boolean }[] = [
  { key: 'students', label: 'Учеников' },
  { key: 'missing', label: 'Нет отметок', alarm: true },
  { key: 'debts', label: 'Задолженности', alarm: true },
  { key: 'oneThree', label: 'Одна «3»' },
  { key: 'oneFour', label: 'Одна «4»' },
  { key: 'excellent', label: 'Отличники' },
  { key: 'medal', label: 'Медаль' },
];

function Figure({ t, k, alarm }: { t: YearCheckTotals; k: keyof YearCheckTotals; alarm?: boolean }) {
  const v = t[k];
  return (
    <Text span size="sm" className="tnum" fw={alarm && v ? 700 : 400} c={alarm && v ? 'red.7' : v ? undefined : 'dimmed'}>
      {v}
      {k === 'debts' && t.unrecorded ? (
        <Text span size="xs" c="dimmed" fw={400}>
          {' '}
          (не оформл. {t.unrecorded})
        </Text>
      ) : null}
    </Text>
  );
}

function Summary({ rows, total, chosen, onPick }: { rows: YearCheckClassRow[]; total: YearCheckTotals; chosen: string; onPick: (id: string) => void }) {
  const accessors = useMemo(
    () => ({ className: (r: YearCheckClassRow) => r.grade * 100 + r.className.charCodeAt(r.className.length - 1), ...Object.fromEntries(COLUMNS.map((c) => [c.key, (r: YearCheckClassRow) => r.totals[c.key]])) }),
    [],
  );
  const { sorted, sort, toggle } = useSort(rows, accessors, { key: 'className', desc: false });
  return (
    <Paper withBorder p={0}>
      <Table highlightOnHover verticalSpacing={3} horizontalSpacing="sm" data-testid="check-summary">
        <Table.Thead>
          <Table.Tr>
            <SortTh label="Класс" k="className" sort={sort} onSort={toggle} w={90} />
            {COLUMNS.map((c) => (
              <SortTh key={c.key} label={c.label} k={c.key} sort={sort} onSort={toggle} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.map((r) => (
            <Table.Tr
              key={r.classId}
              onClick={() => onPick(r.classId)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(r.classId))}
              tabIndex={0}
              style={{ cursor: 'pointer' }}
              bg={r.classId === chosen ? 'var(--mantine-primary-color-light)' : undefined}
              data-testid="check-class-row"
              data-class={r.className}
            >
              <Table.Td fw={600}>{r.className}</Table.Td>
              {COLUMNS.map((c) => (
                <Table.Td key={c.key}>{r.grade === 11 || c.key !== 'medal' ? <Figure t={r.totals} k={c.key} alarm={c.alarm} /> : <Text span c="dimmed" size="sm">—</Text>}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="check-total">
            <Table.Th>Всего</Table.Th>
            {COLUMNS.map((c) => (
              <Table.Th key={c.key}>
                <Figure t={total} k={c.key} alarm={c.alarm} />
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Paper>
  );
}

export function CheckPage() {
  const [yearId, setYearId] = useState<string | null>(null);
  const [classId, setClassId] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const input = useMemo(() => ({ yearId, classId: classId === ALL ? null : classId }), [yearId, classId]);
  const st = useOp('year.check', input, { keepPrevious: true });
  const pdf = useAction(
    async () => {
      const f = await call('year.checkPdf', input);
      await saveFile(f.fileName, f.id, PDF_MIME);
      return f;
    },
    { invalidates: false, notify: 'Файл не сохранён', success: (f) => ({ title: f.fileName, message: `В документе: ${countOf(f.rows, 'обучающийся', 'обучающихся', 'обучающихся')}` }) },
  );
  const data = st.data;
  const detail = data?.detail ?? null;
  const needle = search.trim().toLocaleLowerCase('ru');
  // A class picked in the table: its lists (under the long table) are brought into view once they are in.
  const scrollTo = useRef<string | null>(null);
  const detailRef = useRef<HTMLDivElement>(null);
  const pick = (id: string) => {
    scrollTo.current = id === classId ? null : id;
    setClassId(id === classId ? ALL : id);
  };
  useEffect(() => {
    if (detail && scrollTo.current === detail.classId) {
      scrollTo.current = null;
      detailRef.current?.scrollIntoView({ block: 'start' });
    }
  }, [detail]);

  return (
    <Stack gap="sm" data-testid="year-check-page" data-loaded={data && !st.isPlaceholderData ? '' : undefined}>
      <PageHeader
        title="Итоги учебного года"
        description="По каждому классу: выставлены ли годовые отметки и отметки промежуточной аттестации (ПА), академические задолженности, ученики с одной «3» и одной «4», отличники; 11 класс — претенденты на медаль; 9 и 11 классы — отметки в аттестат."
        actions={
          <Button variant="default" leftSection={<IconPrinter size={16} stroke={1.6} />} loading={pdf.busy} disabled={!data} onClick={() => void pdf.run()} data-testid="check-pdf">
            {detail ? `Печать ${detail.className} (PDF)` : 'Печать всех классов (PDF)'}
          </Button>
        }
      />
      <Group gap="sm" align="flex-end">
        <Select
          label="Учебный год"
          data={(data?.years ?? []).map((y) => ({ value: y.id, label: y.name }))}
          value={yearId ?? data?.yearId ?? null}
          onChange={(v) => {
            if (!v) return;
            setYearId(v);
            setClassId(ALL);
          }}
          allowDeselect={false}
          w={130}
          data-testid="check-year"
        />
        <Select
          label="Класс"
          data={[{ value: ALL, label: 'Все классы' }, ...(data?.classes ?? []).map((c) => ({ value: c.classId, label: c.className }))]}
          value={classId}
          onChange={(v) => v && setClassId(v)}
          allowDeselect={false}
          searchable
          w={140}
          data-testid="check-class"
        />
        <TextInput
          label="Поиск ученика"
          placeholder="Фамилия"
          leftSection={<IconSearch size={14} />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          w={220}
          disabled={!detail}
          data-testid="check-search"
        />
        {data ? (
          <Text size="sm" c="dimmed" mb={6}>
            Списки классов на {ruDate(data.day)}
          </Text>
        ) : null}
      </Group>
      {st.error ? <ErrorAlert error={st.error} title="Итоги не загружены" /> : null}
      {data && !data.classes.length ? <Alert color="gray">В этом учебном году нет классов.</Alert> : null}
      {data && data.classes.length ? <Summary rows={data.classes} total={data.total} chosen={classId} onPick={pick} /> : null}
      {detail ? (
        <Stack gap="sm" data-testid="check-detail" data-class={detail.className} ref={detailRef}>
          <Title order={3}>Класс {detail.className}</Title>
          <ClassDetail c={detail} needle={needle} />
        </Stack>
      ) : data && data.classes.length ? (
        <Text size="sm" c="dimmed">
          Выберите класс в таблице, чтобы увидеть списки.
        </Text>
      ) : null}
      {data ? (
        <Stack gap={2} data-testid="check-rules">
          {data.rules.map((r) => (
            <Text key={r} size="xs" c="dimmed">
              {r}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
