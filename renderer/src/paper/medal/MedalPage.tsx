// «Ведомости для медальной комиссии» (issue 14 point 5; R22, `004 §2.1`; docs/paper-copies.md
// «Медальная комиссия»): the students of grades 10–11, per subject the half-year and year marks of
// grades 10 and 11 and the final mark (the mean, x.5 up), and the status by the medal conditions on
// the marks; printed (PDF, A4 landscape with the commission's signature lines) or exported to Excel,
// both as jobs. The ЕГЭ conditions are filled in by hand on paper.
import { useMemo, useState, type CSSProperties } from 'react';
import { Alert, Badge, Checkbox, Group, Paper, ScrollArea, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { call, saveFile } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PdfXlsxButtons, PDF_MIME, XLSX_MIME } from '../../components/FileButtons';
import { countOf } from '../../lib/dates';
import { markValues } from '../../../../electron/api/enums';
import type { MedalClassStatement, MedalStatusKind, MedalStudent } from '../../../../electron/api/paperMedal';

const ALL = 'all';

const STATUS: Record<MedalStatusKind, { label: string; color: string }> = {
  first: { label: 'I степени', color: 'yellow.7' },
  second: { label: 'II степени', color: 'gray.6' },
  none: { label: 'не претендует', color: 'gray.4' },
  incomplete: { label: 'нет данных', color: 'orange.6' },
};
const FINAL_COLORS: Record<string, string> = { '5': 'teal.8', '4': 'blue.8', '3': 'orange.8', '2': 'red.7', '1': 'red.7', незач: 'red.7' };

const cell: CSSProperties = { padding: '2px 4px', textAlign: 'center', borderLeft: '1px solid var(--mantine-color-gray-3)', whiteSpace: 'nowrap' };
// The grid scrolls sideways; the number and the name stay in view.
const stickyNo: CSSProperties = { position: 'sticky', left: 0, zIndex: 1, background: 'var(--mantine-color-body)', width: 32, textAlign: 'center' };
const stickyName: CSSProperties = { position: 'sticky', left: 32, zIndex: 1, background: 'var(--mantine-color-body)', minWidth: 210, boxShadow: '1px 0 0 var(--mantine-color-gray-3)' };

const line = (s: MedalStudent, subjectId: string, keys: string[]) =>
  keys.map((k) => {
    const v = s.marks[subjectId]?.[k];
    return v ? markValues.labels[v] : '–';
  }).join(' ');

function ClassGrid({ c, students }: { c: MedalClassStatement; students: MedalStudent[] }) {
  const keys10 = c.columns.filter((k) => k.grade === 10).map((k) => k.key);
  const keys11 = c.columns.filter((k) => k.grade === 11).map((k) => k.key);
  const grades = c.preliminary ? [{ g: 10, keys: keys10 }] : [{ g: 10, keys: keys10 }, { g: 11, keys: keys11 }];
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="medal-grid" data-scroll-x>
      <Table withTableBorder verticalSpacing={2} horizontalSpacing={4} style={{ width: 'max-content', minWidth: '100%' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ ...stickyNo, zIndex: 3 }}>№</Table.Th>
            <Table.Th style={{ ...stickyName, zIndex: 3 }}>Обучающийся</Table.Th>
            <Table.Th style={{ minWidth: 190, maxWidth: 260 }}>Статус по отметкам</Table.Th>
            {c.subjects.map((s) => (
              <Table.Th key={s.id} style={{ ...cell, fontSize: 12, lineHeight: 1.15, width: 112, minWidth: 112, maxWidth: 124, whiteSpace: 'normal' }} title={s.name}>
                {s.name}
                <Text size="10px" c="dimmed" fw={400}>
                  {c.preliminary ? '10 кл.: I · II · год | итог' : '10 и 11 кл.: I · II · год | итог'}
                </Text>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {students.map((s) => (
            <Table.Tr key={s.id} data-testid="medal-row">
              <Table.Td style={stickyNo} className="tnum">
                {s.no}
              </Table.Td>
              <Table.Td style={stickyName}>
                <Text size="sm" lh={1.2}>
                  {s.name}
                </Text>
                {s.note ? (
                  <Text size="xs" c="orange.8" lh={1.1}>
                    {s.note}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ maxWidth: 260 }}>
                <Badge color={STATUS[s.status.kind].color} variant={s.status.kind === 'first' || s.status.kind === 'second' ? 'filled' : 'light'} size="sm" data-testid="medal-status">
                  {STATUS[s.status.kind].label}
                </Badge>
                {s.status.kind === 'none' || s.status.kind === 'incomplete' ? (
                  <Text size="xs" c="dimmed" lh={1.15} mt={2} lineClamp={3} title={s.status.text}>
                    {s.status.text}
                  </Text>
                ) : null}
              </Table.Td>
              {c.subjects.map((subj) => {
                const f = s.finals[subj.id];
                return (
                  <Table.Td key={subj.id} style={cell} title={f?.reason ?? (f?.mean != null ? `Среднее ${f.mean.toFixed(2).replace('.', ',')}` : undefined)}>
                    {f ? (
                      <Group gap={6} wrap="nowrap" justify="center">
                        <Stack gap={0}>
                          {grades.map(({ g, keys }) => (
                            <Text key={g} size="11px" lh={1.25} c="dimmed" className="tnum">
                              {line(s, subj.id, keys)}
                            </Text>
                          ))}
                        </Stack>
                        <Text span fw={700} size="md" c={f.text ? (FINAL_COLORS[f.text] ?? 'gray.6') : 'red.7'} data-testid="medal-final">
                          {f.text ?? '—'}
                        </Text>
                      </Group>
                    ) : null}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** Makes the statement's file (a job) and offers it to save. */
function useFileAction(op: 'paper.medalPdf' | 'paper.medalXlsx', mime: string, input: { yearId: string | null; classId: string | null }) {
  return useAction(
    async () => {
      const f = await call(op, input);
      await saveFile(f.fileName, f.id, mime);
      return f;
    },
    { invalidates: false, notify: 'Файл не сохранён', success: (f) => ({ title: f.fileName, message: `В ведомости: ${countOf(f.rows, 'обучающийся', 'обучающихся', 'обучающихся')}` }) },
  );
}

export function MedalPage() {
  const [yearId, setYearId] = useState<string | null>(null);
  const [classId, setClassId] = useState<string>(ALL);
  const [search, setSearch] = useState('');
  const [onlyCandidates, setOnlyCandidates] = useState(false);
  const input = useMemo(() => ({ yearId, classId: classId === ALL ? null : classId }), [yearId, classId]);
  const st = useOp('paper.medal', input, { keepPrevious: true });
  const pdf = useFileAction('paper.medalPdf', PDF_MIME, input);
  const xlsx = useFileAction('paper.medalXlsx', XLSX_MIME, input);
  const data = st.data;
  const needle = search.trim().toLocaleLowerCase('ru');
  const shown = (c: MedalClassStatement) =>
    c.students.filter((s) => (!onlyCandidates || s.status.kind === 'first' || s.status.kind === 'second') && (!needle || s.name.toLocaleLowerCase('ru').includes(needle)));
  const candidates = data ? data.statements.flatMap((c) => c.students).filter((s) => s.status.kind === 'first' || s.status.kind === 'second') : [];

  return (
    <Stack gap="sm" data-testid="medal-page" data-loaded={data ? '' : undefined}>
      <PageHeader
        title="Ведомости для медальной комиссии"
        description="10–11 классы: полугодовые и годовые отметки за 10 и 11 классы, итоговая отметка (среднее, x,5 — вверх) и проверка условий медали по отметкам (Приказ Минпросвещения № 730). Баллы ЕГЭ комиссия вносит на бумаге."
        actions={<PdfXlsxButtons pdf={pdf} xlsx={xlsx} disabled={!data} testId="medal" />}
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
          data-testid="medal-year"
        />
        <Select
          label="Класс"
          data={[{ value: ALL, label: 'Все 10–11' }, ...(data?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))]}
          value={classId}
          onChange={(v) => v && setClassId(v)}
          allowDeselect={false}
          w={130}
          data-testid="medal-class"
        />
        <TextInput label="Поиск" placeholder="Фамилия" leftSection={<IconSearch size={14} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} w={200} data-testid="medal-search" />
        <Checkbox label="Только претенденты" checked={onlyCandidates} onChange={(e) => setOnlyCandidates(e.currentTarget.checked)} mb={8} data-testid="medal-only" />
        {data ? (
          <Text size="sm" c="dimmed" mb={6}>
            Претендентов по отметкам: {candidates.filter((s) => s.status.kind === 'first').length} на I степень, {candidates.filter((s) => s.status.kind === 'second').length} на II степень
          </Text>
        ) : null}
      </Group>
      {st.error ? <ErrorAlert error={st.error} title="Ведомость не загружена" /> : null}
      {data && !data.statements.length ? <Alert color="gray">В этом учебном году нет 10–11 классов.</Alert> : null}
      {data && data.statements.some((c) => c.grade === 11) && !data.previousYear ? (
        <Alert color="orange" data-testid="medal-no-prev">
          Прошлого учебного года нет в программе: нет данных за 10 класс, итоговые отметки 11 класса не вычисляются.
        </Alert>
      ) : null}
      {data?.statements.map((c) => {
        const rows = shown(c);
        return (
          <Paper key={c.classId} withBorder p={0} data-testid="medal-class-block">
            <Group justify="space-between" px="sm" py={6}>
              <Title order={4}>
                {c.className}
                {c.preliminary ? (
                  <Text span size="sm" c="dimmed" fw={400}>
                    {' '}
                    — предварительно, по отметкам 10 класса
                  </Text>
                ) : null}
              </Title>
              <Text size="sm" c="dimmed">
                {countOf(c.students.length, 'обучающийся', 'обучающихся', 'обучающихся')}
              </Text>
            </Group>
            {rows.length && c.subjects.length ? (
              <ClassGrid c={c} students={rows} />
            ) : (
              <Text c="dimmed" ta="center" p="md" size="sm">
                {!c.students.length ? 'В классе нет обучающихся.' : !c.subjects.length ? 'В учебном плане класса нет предметов с отметками.' : 'Никто не подходит под отбор.'}
              </Text>
            )}
          </Paper>
        );
      })}
      {data ? (
        <Stack gap={2} data-testid="medal-rules">
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
