// «Сводная ведомость» (issue 13 point 2; R16; docs/indicators.md «Сводная ведомость»): a class's
// period and year marks as written — students (by name, numbered) × subjects × periods — or the year's
// summary statement of attestation; printed (PDF, A4 landscape with signature lines) or exported to
// Excel, both as jobs. A deputy director chooses among the classes of their parallels.
import { useMemo, useState, type CSSProperties } from 'react';
import { Alert, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { call, saveFile } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { PdfXlsxButtons, PDF_MIME, XLSX_MIME } from '../../components/FileButtons';
import { countOf } from '../../lib/dates';
import { markValues, type MarkValue } from '../../../../electron/api/enums';
import type { SummaryStatement } from '../../../../electron/api/types';


const COLORS: Partial<Record<MarkValue, string>> = { '5': 'teal.8', '4': 'blue.8', '3': 'orange.8', '2': 'red.7', '1': 'red.7', na: 'red.7', fail: 'red.7', exempt: 'gray.6' };

const cell = { padding: '3px 4px', textAlign: 'center' as const, fontSize: 13, borderLeft: '1px solid var(--mantine-color-gray-3)' };

// A wide grid scrolls sideways; the number and the name stay in view.
const stickyNo: CSSProperties = { position: 'sticky', left: 0, zIndex: 1, background: 'var(--mantine-color-body)' };
const stickyName: CSSProperties = { position: 'sticky', left: 34, zIndex: 1, background: 'var(--mantine-color-body)' };

function Grid({ st }: { st: SummaryStatement }) {
  const year = st.kind === 'year';
  return (
    <ScrollArea type="auto" offsetScrollbars data-testid="summary-grid" data-scroll-x>
      <Table withTableBorder stickyHeader verticalSpacing={2} horizontalSpacing={4} style={{ width: 'max-content', minWidth: '100%' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th rowSpan={year ? 1 : 2} style={{ ...stickyNo, width: 34, textAlign: 'center', zIndex: 3 }}>
              №
            </Table.Th>
            <Table.Th rowSpan={year ? 1 : 2} style={{ ...stickyName, minWidth: 230, zIndex: 3 }}>
              Ученик
            </Table.Th>
            {st.subjects.map((s) =>
              year ? (
                <Table.Th key={s.id} style={{ ...cell, height: 150, verticalAlign: 'bottom', minWidth: 40 }} title={s.name}>
                  <span style={{ writingMode: 'vertical-rl', transform: 'rotate(180deg)', whiteSpace: 'nowrap', fontSize: 12 }}>{s.name}</span>
                </Table.Th>
              ) : (
                <Table.Th key={s.id} colSpan={st.periods.length} style={{ ...cell, fontSize: 12, maxWidth: st.periods.length * 40, lineHeight: 1.15 }} title={s.name}>
                  {s.name}
                </Table.Th>
              ),
            )}
          </Table.Tr>
          {year ? null : (
            <Table.Tr>
              {st.subjects.flatMap((s) =>
                st.periods.map((p) => (
                  <Table.Th key={`${s.id}-${p.key}`} style={{ ...cell, fontSize: 11, fontWeight: p.key === 'year' ? 700 : 500, minWidth: 34 }} title={p.name}>
                    {p.short}
                  </Table.Th>
                )),
              )}
            </Table.Tr>
          )}
        </Table.Thead>
        <Table.Tbody>
          {st.students.map((s) => (
            <Table.Tr key={s.id} data-testid="summary-row">
              <Table.Td style={{ ...stickyNo, textAlign: 'center' }} className="tnum">
                {s.no}
              </Table.Td>
              <Table.Td style={stickyName}>
                <Text size="sm" lh={1.2}>
                  {s.name}
                </Text>
                {s.note ? (
                  <Text size="xs" c="dimmed" lh={1.1}>
                    {s.note}
                  </Text>
                ) : null}
              </Table.Td>
              {st.subjects.flatMap((subj) =>
                st.periods.map((p) => {
                  const v = s.marks[subj.id]?.[p.key];
                  return (
                    <Table.Td key={`${subj.id}-${p.key}`} style={{ ...cell, background: p.key === 'year' && !year ? 'var(--mantine-color-gray-0)' : undefined }}>
                      {v ? (
                        <Text span size="sm" fw={p.key === 'year' ? 700 : 500} c={COLORS[v]}>
                          {markValues.labels[v]}
                        </Text>
                      ) : null}
                    </Table.Td>
                  );
                }),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}

/** Makes the statement's file (a job) and offers it to save. */
function useFileAction(op: 'summary.pdf' | 'summary.xlsx', mime: string, input: { classId: string; year: boolean }) {
  return useAction(
    async () => {
      const f = await call(op, input);
      await saveFile(f.fileName, f.id, mime);
      return f;
    },
    { invalidates: false, notify: 'Файл не сохранён', success: (f) => ({ title: f.fileName, message: `В ведомости: ${countOf(f.rows, 'ученик', 'ученика', 'учеников')}` }) },
  );
}

export function SummaryPage({ classId: initialClass }: { classId?: string }) {
  const options = useOp('term.options');
  const classes = options.data?.classes ?? [];
  const [chosen, setChosen] = useState<string | null>(initialClass ?? null);
  const classId = chosen ?? classes[0]?.id ?? null;
  const [kind, setKind] = useState<'periods' | 'year'>('periods');
  const input = useMemo(() => ({ classId: classId ?? '', year: kind === 'year' }), [classId, kind]);
  const st = useOp('summary.get', input, { enabled: !!classId, keepPrevious: true });
  const pdf = useFileAction('summary.pdf', PDF_MIME, input);
  const xlsx = useFileAction('summary.xlsx', XLSX_MIME, input);
  const data = st.data;

  return (
    <Stack gap="sm">
      <PageHeader
        title="Сводная ведомость"
        description="Отметки класса за четверти (полугодия) и год по предметам учебного плана — как выставлены в журнале; итоговая ведомость за год — с подписями (R16)"
        actions={<PdfXlsxButtons pdf={pdf} xlsx={xlsx} disabled={!data} testId="summary" />}
      />
      <Group gap="sm" align="flex-end">
        <Select
          label="Класс"
          data={classes.map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={(v) => v && setChosen(v)}
          searchable
          allowDeselect={false}
          w={110}
          data-testid="summary-class"
        />
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'periods' | 'year')}
          data={[
            { value: 'periods', label: 'Отметки за периоды' },
            { value: 'year', label: 'Итоги года' },
          ]}
          data-testid="summary-kind"
        />
        {data ? (
          <Text size="sm" c="dimmed" mb={6}>
            {data.className}, {data.yearName}: {countOf(data.students.length, 'ученик', 'ученика', 'учеников')}
            {data.kind === 'periods' ? ' (все, кто учился в классе в этом году)' : ' (в списке класса на конец года)'}
          </Text>
        ) : null}
      </Group>
      {options.error || st.error ? <ErrorAlert error={options.error ?? st.error} title="Ведомость не загружена" /> : null}
      {options.data && !classes.length ? <Alert color="gray">Нет классов, для которых можно составить ведомость.</Alert> : null}
      {data ? (
        <Paper withBorder p={0} data-testid="summary-ready">
          {data.students.length && data.subjects.length ? (
            <Grid st={data} />
          ) : (
            <Text c="dimmed" ta="center" p="lg">
              {data.students.length ? 'В учебном плане класса нет предметов с отметками.' : 'В классе нет учеников.'}
            </Text>
          )}
        </Paper>
      ) : null}
      {data ? (
        <Text size="xs" c="dimmed" data-testid="summary-legend">
          {data.kind === 'periods' ? 'I, II, … — отметки за четверти (полугодия), «год» — годовая. Пустая клетка: отметки нет или ученик в этот день не числился в классе. ' : ''}
          {data.notAttested.length ? `Без аттестации (не оцениваются): ${data.notAttested.join(', ')}.` : ''}
        </Text>
      ) : null}
    </Stack>
  );
}
