// One class's lists of the year-end check (issue 15 point 1): missing marks, debts (with the link to
// record them), one «3», one «4», отличники; grade 11 the medal candidates; grades 9 and 11 the
// certificate's marks. `needle` filters every list by the student's name.
import { Badge, Button, Group, Paper, ScrollArea, Table, Text, Title } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { YearCheckClass, YearCheckDebt, YearCheckItem, YearCheckMedal, YearCheckMissing, YearCheckPupil } from '../../../../electron/api/yearCheck';
import { countOf } from '../../lib/dates';
import { ListTable, type Column } from './ListTable';

const student: Column<{ student: string }> = { key: 'student', label: 'Обучающийся', get: (r) => r.student };
const subject: Column<{ subject: string }> = { key: 'subject', label: 'Предмет', get: (r) => r.subject };

function Section({ title, count, testId, action, children }: { title: string; count: number; testId: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper withBorder p={0} data-testid={testId}>
      <Group justify="space-between" px="sm" py={6}>
        <Title order={5}>
          {title}{' '}
          <Badge variant="light" color={count ? 'blue' : 'gray'} size="sm" ml={4}>
            {count}
          </Badge>
        </Title>
        {action}
      </Group>
      {children}
    </Paper>
  );
}

const MEDAL: Record<YearCheckMedal['kind'], { label: string; color: string }> = {
  first: { label: 'I степени', color: 'yellow.7' },
  second: { label: 'II степени', color: 'gray.6' },
  incomplete: { label: 'нет итоговой отметки', color: 'orange.6' },
};

export function ClassDetail({ c, needle }: { c: YearCheckClass; needle: string }) {
  const match = <T extends { student: string }>(rows: T[]) => (needle ? rows.filter((r) => r.student.toLocaleLowerCase('ru').includes(needle)) : rows);
  const debts = match(c.debts);
  const unrecorded = c.debts.filter((d) => !d.recorded).length;
  const cert = c.certificate;
  return (
    <>
      <Section title="Нет отметок" count={c.missing.length} testId="check-missing">
        <ListTable<YearCheckMissing>
          rows={match(c.missing)}
          columns={[student, subject, { key: 'which', label: 'Какой', get: (r) => r.whichText, width: 120 }]}
          rowKey={(r) => `${r.studentId}${r.subjectId}${r.which}`}
          testId="check-missing-list"
          empty="Годовые отметки и отметки ПА выставлены по всем аттестуемым предметам."
        />
      </Section>
      <Section
        title="Академические задолженности"
        count={c.debts.length}
        testId="check-debts"
        action={
          <Button component="a" href={`#/year-end/debts?class=${c.classId}`} size="xs" variant={unrecorded ? 'filled' : 'default'} rightSection={<IconArrowRight size={14} />} data-testid="check-record-debts">
            Оформить задолженность{unrecorded ? ` (${unrecorded})` : ''}
          </Button>
        }
      >
        <ListTable<YearCheckDebt>
          rows={debts}
          columns={[
            student,
            subject,
            { key: 'mark', label: 'ПА', get: (r) => r.mark, width: 60 },
            { key: 'reason', label: 'Причина', get: (r) => r.reasonText },
            {
              key: 'status',
              label: 'Состояние',
              get: (r) => r.statusText ?? '',
              render: (r) =>
                r.recorded ? (
                  <Text size="sm">{r.statusText}</Text>
                ) : (
                  <Badge color="red" variant="light" tt="none" data-testid="check-unrecorded">
                    не оформлена
                  </Badge>
                ),
            },
          ]}
          rowKey={(r) => `${r.studentId}${r.subjectId}`}
          testId="check-debts-list"
          empty="Неудовлетворительных отметок промежуточной аттестации нет."
        />
      </Section>
      <Group grow align="flex-start" gap="sm">
        <Section title="С одной «3»" count={c.oneThree.length} testId="check-one-three">
          <ListTable<YearCheckItem> rows={match(c.oneThree)} columns={[student, subject]} rowKey={(r) => r.studentId} testId="check-one-three-list" empty="Нет." />
        </Section>
        <Section title="С одной «4»" count={c.oneFour.length} testId="check-one-four">
          <ListTable<YearCheckItem> rows={match(c.oneFour)} columns={[student, subject]} rowKey={(r) => r.studentId} testId="check-one-four-list" empty="Нет." />
        </Section>
        <Section title="Отличники" count={c.excellent.length} testId="check-excellent">
          <ListTable<YearCheckPupil> rows={match(c.excellent)} columns={[student]} rowKey={(r) => r.studentId} testId="check-excellent-list" empty="Нет." />
        </Section>
      </Group>
      {c.medal ? (
        <Section title="Медаль «За особые успехи в учении»" count={c.medal.filter((m) => m.kind !== 'incomplete').length} testId="check-medal">
          <ListTable<YearCheckMedal>
            rows={match(c.medal)}
            columns={[
              student,
              {
                key: 'kind',
                label: 'По отметкам',
                get: (r) => r.kind,
                width: 200,
                render: (r) => (
                  <Badge color={MEDAL[r.kind].color} variant={r.kind === 'incomplete' ? 'light' : 'filled'} size="sm" tt="none">
                    {MEDAL[r.kind].label}
                  </Badge>
                ),
              },
              { key: 'text', label: 'Пояснение', get: (r) => r.text },
            ]}
            rowKey={(r) => r.studentId}
            testId="check-medal-list"
            empty="Претендентов на медаль по отметкам нет."
          />
        </Section>
      ) : null}
      {cert ? (
        <Section title={`Отметки в аттестат: ${cert.title.toLocaleLowerCase('ru')}`} count={cert.rows.length} testId="check-certificate">
          <ScrollArea type="auto" offsetScrollbars data-scroll-x>
            <Table withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={4} style={{ width: 'max-content', minWidth: '100%' }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ minWidth: 220 }}>Обучающийся</Table.Th>
                  {cert.subjects.map((s) => (
                    <Table.Th key={s.id} style={{ fontSize: 11, lineHeight: 1.15, width: 96, minWidth: 96, whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'center' }}>
                      {s.name}
                    </Table.Th>
                  ))}
                  {cert.examColumn ? <Table.Th style={{ width: 60, textAlign: 'center' }}>{cert.examColumn}</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {match(cert.rows.map((r) => ({ ...r }))).map((r) => (
                  <Table.Tr key={r.studentId} data-testid="check-certificate-row">
                    <Table.Td>{r.student}</Table.Td>
                    {cert.subjects.map((s) => (
                      <Table.Td key={s.id} ta="center" fw={600} c={r.marks[s.id] ? undefined : 'red.7'}>
                        {r.marks[s.id] ?? '—'}
                      </Table.Td>
                    ))}
                    {cert.examColumn ? <Table.Td /> : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          <Text size="xs" c="dimmed" px="sm" py={4}>
            {cert.note}
          </Text>
        </Section>
      ) : null}
      <Text size="xs" c="dimmed">
        {c.classTeacher ? `Классный руководитель: ${c.classTeacher}. ` : ''}
        {countOf(c.totals.students, 'обучающийся', 'обучающихся', 'обучающихся')}; аттестуемых предметов: {c.subjects.length}.
      </Text>
    </>
  );
}
