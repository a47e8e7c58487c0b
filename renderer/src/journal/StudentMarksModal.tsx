// A student's marks card (issue 10 point 5), opened from the student's card («Оценки»): per subject
// the period's marks with dates and kinds of work, averages, period and year marks, absences by kind.
import { useState } from 'react';
import { Group, Loader, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import { absenceKinds } from '../../../electron/api/enums';
import { AbsenceLetter, FinalMark, MarkText, NoJournalData, avg } from './marks';

export function StudentMarksModal({ studentId, onClose }: { studentId: string | null; onClose: () => void }) {
  const [period, setPeriod] = useState<string | null>(null);
  const options = useOp('journal.options', undefined, { enabled: studentId !== null });
  const card = useOp('journal.studentMarks', { studentId: studentId ?? '', periodId: period ?? undefined }, { enabled: studentId !== null, keepPrevious: true });
  const c = card.data;
  return (
    <Modal
      opened={studentId !== null}
      onClose={() => {
        setPeriod(null);
        onClose();
      }}
      size={1040}
      title={
        <Text fw={700} fz={18}>
          Оценки{c ? `: ${c.fullName}${c.className ? `, ${c.className}` : ''}` : ''}
        </Text>
      }
      data-testid="student-marks"
    >
      {card.error ? <ErrorAlert error={card.error} title="Оценки не загружены" /> : null}
      {options.data && !options.data.hasData ? <NoJournalData /> : null}
      {!c ? (
        card.error ? null : <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <Group gap="md" align="flex-end">
            <Select
              label="Период"
              data={c.periods.map((p) => ({ value: p.id, label: p.name }))}
              value={c.period?.id ?? null}
              onChange={(v) => setPeriod(v)}
              allowDeselect={false}
              w={170}
              data-testid="student-marks-period"
            />
            <Text size="sm" c="dimmed" pb={6} data-testid="student-marks-absences">
              Пропуски за период:{' '}
              {absenceKinds.values.map((k, i) => (
                <span key={k}>
                  {i ? ', ' : ''}
                  <AbsenceLetter k={k} /> — {c.absences[k]}
                </span>
              ))}
            </Text>
          </Group>
          {c.subjects.length === 0 ? (
            <Text c="dimmed" size="sm" data-testid="student-marks-none">
              За этот период отметок нет.
            </Text>
          ) : (
            <Table withTableBorder withColumnBorders verticalSpacing={5} fz="sm" data-testid="student-marks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={190}>Предмет</Table.Th>
                  <Table.Th>Отметки (дата, вид работы — при наведении)</Table.Th>
                  <Table.Th w={56} ta="center">
                    Ср.
                  </Table.Th>
                  <Table.Th w={64} ta="center">
                    Ср. взв.
                  </Table.Th>
                  <Table.Th w={64} ta="center">
                    {c.period ? c.period.name.replace(/\s*четверть/i, ' ч.').replace(/\s*полугодие/i, ' п/г') : 'Период'}
                  </Table.Th>
                  <Table.Th w={48} ta="center">
                    Год
                  </Table.Th>
                  <Table.Th w={110}>Пропуски</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.subjects.map((s) => (
                  <Table.Tr key={s.subjectId} data-testid="student-marks-row" data-subject={s.subject}>
                    <Table.Td fw={500}>{s.subject}</Table.Td>
                    <Table.Td>
                      <Group gap={8} style={{ rowGap: 2 }}>
                        {s.marks.map((m, i) => (
                          <span key={i} style={{ display: 'inline-flex', flexDirection: 'column', alignItems: 'center', lineHeight: 1.1 }} data-testid="student-mark">
                            <MarkText m={m} />
                            <Text span fz={10} c="dimmed" className="tnum">
                              {m.date.slice(8, 10)}.{m.date.slice(5, 7)}
                            </Text>
                          </span>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td ta="center" className="tnum">
                      {avg(s.average)}
                    </Table.Td>
                    <Table.Td ta="center" className="tnum" data-testid="student-marks-wavg">
                      {avg(s.weightedAverage)}
                    </Table.Td>
                    <Table.Td ta="center">
                      <FinalMark v={s.periodMark} />
                    </Table.Td>
                    <Table.Td ta="center">
                      <FinalMark v={s.yearMark} />
                    </Table.Td>
                    <Table.Td fz="xs">
                      {absenceKinds.values
                        .filter((k) => s.absences[k])
                        .map((k) => `${absenceKinds.labels[k]}: ${s.absences[k]}`)
                        .join(', ') || '—'}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Modal>
  );
}
