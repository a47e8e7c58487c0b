// «Печать бумажных копий» (issue 14 points 3 and 6; R21 `001 §4.2`): the study period, the scope
// (a class, a parallel, the whole school), «Напечатать» running the print job with its progress and
// cancel and offering the file (one class: its PDF; several: a ZIP of one PDF per class); the
// period's printed copies with search and sort, each marked whether it still matches the journal
// and, when not, what changed since printing.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Progress, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPrinter, IconSearch, IconX } from '@tabler/icons-react';
import { call, saveFile } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { useAppState } from '../../app/AppState';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { countOf, ruDate, ruDateTime } from '../../lib/dates';
import type { JobInfo } from '../../../../electron/api/jobs';
import type { PaperCopyPeriod, PaperCopyRow } from '../../../../electron/api/paperCopies';

type Scope = 'class' | 'grade' | 'school';
type Sort = 'printed' | 'class' | 'stale';

/** The period to offer first: the last one that has ended, else the first. */
function defaultPeriod(periods: PaperCopyPeriod[]): string | null {
  const ended = periods.filter((p) => p.ended);
  return (ended[ended.length - 1] ?? periods[0])?.id ?? null;
}

/** The print job's progress while it runs (the progress panel has it too), with its cancel. */
function useRunningJob(active: boolean): JobInfo | null {
  const [job, setJob] = useState<JobInfo | null>(null);
  useEffect(() => {
    if (!active) {
      setJob(null);
      return;
    }
    let stop = false;
    const poll = async () => {
      try {
        const jobs = await call('jobs.list');
        if (!stop) setJob(jobs.find((j) => j.op === 'paper.printCopies' && (j.state === 'running' || j.state === 'queued')) ?? null);
      } catch {
        /* the next poll tries again */
      }
    };
    void poll();
    const t = setInterval(() => void poll(), 500);
    return () => {
      stop = true;
      clearInterval(t);
    };
  }, [active]);
  return job;
}

function FreshBadge({ c }: { c: PaperCopyRow }) {
  if (c.upToDate)
    return (
      <Badge color="teal" variant="light" tt="none" data-testid="copy-fresh">
        соответствует журналу
      </Badge>
    );
  return (
    <Badge color={c.latest ? 'red' : 'gray'} variant="light" tt="none" style={{ whiteSpace: 'normal', height: 'auto', textAlign: 'left' }} data-testid="copy-stale">
      устарела: {c.changes.join('; ')}
    </Badge>
  );
}

export function PrintPage() {
  const { access } = useAppState();
  const canPrint = access('paper') === 'change';
  const periodsQ = useOp('paper.copyPeriods');
  const periods = periodsQ.data ?? [];
  const [periodChoice, setPeriod] = useState<string | null>(null);
  const periodId = periodChoice ?? defaultPeriod(periods);
  const period = periods.find((p) => p.id === periodId) ?? null;
  const [scope, setScope] = useState<Scope>('class');
  const [classId, setClassId] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('printed');
  const copiesQ = useOp('paper.copies', { periodId: periodId ?? '' }, { enabled: !!periodId, keepPrevious: true });
  const grades = useMemo(() => [...new Set((period?.classes ?? []).map((c) => c.grade))], [period]);
  const classOk = !!period?.classes.some((c) => c.id === classId);
  const gradeOk = !!grade && grades.includes(Number(grade));
  const ready = !!period && (scope === 'school' || (scope === 'class' ? classOk : gradeOk));
  const howMany = scope === 'class' ? 1 : scope === 'grade' ? (period?.classes.filter((c) => c.grade === Number(grade)).length ?? 0) : (period?.classes.length ?? 0);

  const print = useAction(
    async () => {
      const f = await call('paper.printCopies', { periodId: periodId!, classId: scope === 'class' ? classId : null, grade: scope === 'grade' ? Number(grade) : null });
      await saveFile(f.fileName, f.id, f.fileName.endsWith('.zip') ? 'application/zip' : 'application/pdf');
      return f;
    },
    {
      notify: 'Копии не напечатаны',
      success: (f) => ({ title: f.fileName, message: `${countOf(f.copies.length, 'копия', 'копии', 'копий')}, листов: ${f.sheets}; этап «Копия напечатана» отмечен` }),
    },
  );
  const job = useRunningJob(print.busy);
  const printProblems = problemsOf(print.error);

  const rows = useMemo(() => {
    const q = search.trim().toLocaleLowerCase('ru');
    const list = (copiesQ.data ?? []).filter((c) => !q || `${c.className} ${c.code} ${c.printedBy}`.toLocaleLowerCase('ru').includes(q));
    const byClass = (a: PaperCopyRow, b: PaperCopyRow) => a.grade - b.grade || a.className.localeCompare(b.className, 'ru');
    if (sort === 'class') return [...list].sort((a, b) => byClass(a, b) || b.printedAt.localeCompare(a.printedAt));
    if (sort === 'stale') return [...list].sort((a, b) => Number(a.upToDate) - Number(b.upToDate) || Number(b.latest) - Number(a.latest) || byClass(a, b));
    return list;
  }, [copiesQ.data, search, sort]);
  const stale = (copiesQ.data ?? []).filter((c) => c.latest && !c.upToDate).length;

  return (
    <Stack gap="md" data-testid="paper-print-page" data-loaded={periodsQ.data && (copiesQ.data || !periodId) ? true : undefined}>
      <PageHeader title="Печать бумажных копий" description="Бумажная копия классного журнала за период: титульный лист, список класса, листы уроков и отметок по предметам, пропуски, сводная ведомость, заверительный лист" />
      {periodsQ.error ? <ErrorAlert error={periodsQ.error} title="Не удалось загрузить периоды" /> : null}
      {periodsQ.data && !periods.length ? <Alert color="yellow">В учебном году нет учебных периодов: задайте их в разделе «Учебный год».</Alert> : null}
      <Paper p="md">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label="Учебный период"
            w={230}
            data={periods.map((p) => ({ value: p.id, label: `${p.name} (${p.gradeFrom === p.gradeTo ? p.gradeFrom : `${p.gradeFrom}–${p.gradeTo}`} кл.)` }))}
            value={periodId}
            onChange={(v) => {
              setPeriod(v);
              setClassId(null);
              setGrade(null);
            }}
            allowDeselect={false}
            data-testid="print-period"
          />
          <SegmentedControl
            value={scope}
            onChange={(v) => setScope(v as Scope)}
            data={[
              { value: 'class', label: 'Класс' },
              { value: 'grade', label: 'Параллель' },
              { value: 'school', label: 'Вся школа' },
            ]}
            data-testid="print-scope"
          />
          {scope === 'class' ? (
            <Select
              label="Класс"
              w={120}
              searchable
              data={(period?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))}
              value={classOk ? classId : null}
              onChange={setClassId}
              error={fieldError(printProblems, 'classId')}
              data-testid="print-class"
            />
          ) : null}
          {scope === 'grade' ? (
            <Select
              label="Параллель"
              w={120}
              data={grades.map((g) => ({ value: String(g), label: `${g} классы` }))}
              value={gradeOk ? grade : null}
              onChange={setGrade}
              error={fieldError(printProblems, 'grade')}
              data-testid="print-grade"
            />
          ) : null}
          {canPrint ? (
            <Button leftSection={<IconPrinter size={16} />} loading={print.busy} disabled={!ready} onClick={() => void print.run()} data-testid="print-run">
              Напечатать{ready && howMany > 1 ? ` (${countOf(howMany, 'класс', 'класса', 'классов')})` : ''}
            </Button>
          ) : null}
        </Group>
        {period ? (
          <Text size="xs" c="dimmed" mt={6}>
            {period.name} {period.yearName}: {ruDate(period.startDate)} — {ruDate(period.endDate)}, {countOf(period.classes.length, 'класс', 'класса', 'классов')}
            {period.ended ? '' : '. Период ещё не закончился: копия будет неполной.'}
          </Text>
        ) : null}
        {print.busy ? (
          <Group gap="sm" mt="sm" data-testid="print-progress">
            <Progress value={job && job.total ? (100 * job.done) / job.total : 0} w={320} animated />
            <Text size="sm">{job?.phrase || 'Подготовка…'}</Text>
            {job ? (
              <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} onClick={() => void call('jobs.cancel', { id: job.id })} data-testid="print-cancel">
                Отменить
              </Button>
            ) : null}
          </Group>
        ) : null}
      </Paper>
      <Paper p="md" data-testid="paper-copies">
        <Group justify="space-between" mb="xs">
          <Title order={5}>
            Напечатанные копии{period ? ` — ${period.name}` : ''}
            {stale ? (
              <Badge ml="sm" color="red" variant="light" tt="none">
                устарели: {stale}
              </Badge>
            ) : null}
          </Title>
          <Group gap="sm">
            <TextInput placeholder="Класс, номер копии, кто печатал" leftSection={<IconSearch size={14} />} w={260} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="copies-search" />
            <Select
              w={200}
              data={[
                { value: 'printed', label: 'Сначала новые' },
                { value: 'class', label: 'По классам' },
                { value: 'stale', label: 'Сначала устаревшие' },
              ]}
              value={sort}
              onChange={(v) => setSort((v as Sort) ?? 'printed')}
              allowDeselect={false}
              data-testid="copies-sort"
            />
          </Group>
        </Group>
        {copiesQ.error ? <ErrorAlert error={copiesQ.error} title="Не удалось загрузить копии" /> : null}
        {copiesQ.data && !copiesQ.data.length ? (
          <Text size="sm" c="dimmed">
            За этот период копии ещё не печатались.
          </Text>
        ) : null}
        {rows.length ? (
          <Table verticalSpacing={4} striped data-testid="copies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Класс</Table.Th>
                <Table.Th>Номер копии</Table.Th>
                <Table.Th ta="right">Листов</Table.Th>
                <Table.Th>Напечатана</Table.Th>
                <Table.Th>Сверка с журналом</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={c.id} data-testid="copy-row" style={c.latest ? undefined : { opacity: 0.65 }}>
                  <Table.Td>{c.className}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {c.code}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {c.digest}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className="tnum">
                    {c.sheets}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{ruDateTime(c.printedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {c.printedBy}
                      {c.latest ? '' : ' · заменена более новой'}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={520}>
                    <FreshBadge c={c} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : copiesQ.data?.length ? (
          <Text size="sm" c="dimmed">
            Ничего не найдено.
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
