// The students behind a number of the term report, one click from it (issue 13 point 1): ФИО,
// класс and, where a figure has them, the subjects (неуспевающие, н/а, осв.).
import { Badge, Drawer, Group, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import type { TermStudent } from '../../../../electron/api/term';
import { countOf } from '../../lib/dates';

export interface OpenList {
  /** «Неуспевающие», «Алгебра: «2»». */
  title: string;
  /** «Параллель 7, 2 четверть». */
  context: string;
  students: TermStudent[];
}

export function ListDrawer({ list, onClose }: { list: OpenList | null; onClose: () => void }) {
  const withSubjects = !!list?.students.some((s) => s.subjects?.length);
  const classes = new Set(list?.students.map((s) => s.className)).size;
  return (
    <Drawer
      opened={!!list}
      onClose={onClose}
      position="right"
      size={withSubjects ? 720 : 560}
      title={
        <Stack gap={0}>
          <Title order={3}>{list?.title}</Title>
          <Text size="sm" c="dimmed">
            {list?.context}
          </Text>
        </Stack>
      }
      data-testid="term-list"
    >
      {list ? (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge variant="light" size="lg" tt="none" data-testid="term-list-count">
              {countOf(list.students.length, 'ученик', 'ученика', 'учеников')}
            </Badge>
            {classes > 1 ? (
              <Text size="sm" c="dimmed">
                {countOf(classes, 'класс', 'класса', 'классов')}
              </Text>
            ) : null}
          </Group>
          {list.students.length ? (
            <ScrollArea.Autosize mah="calc(100vh - 170px)">
              <Table striped highlightOnHover stickyHeader verticalSpacing={6} data-testid="term-list-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40}>№</Table.Th>
                    <Table.Th>Фамилия Имя Отчество</Table.Th>
                    <Table.Th w={70}>Класс</Table.Th>
                    {withSubjects ? <Table.Th>Предметы</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.students.map((s, i) => (
                    <Table.Tr key={s.id} data-testid="term-list-row">
                      <Table.Td className="tnum" c="dimmed">
                        {i + 1}
                      </Table.Td>
                      <Table.Td>{s.name}</Table.Td>
                      <Table.Td>{s.className}</Table.Td>
                      {withSubjects ? <Table.Td>{s.subjects?.join(', ')}</Table.Td> : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          ) : (
            <Text c="dimmed">Таких учеников нет.</Text>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}
