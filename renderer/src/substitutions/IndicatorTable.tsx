// The indicator «Равноценность замены» per month (issue 11 point 4): the share of substituted
// lessons taken by a teacher of the same subject, next to the lessons left with no change.
import { Group, Loader, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../components/ErrorAlert';
import { useOp } from '../data/useOp';
import { monthLabel } from './shared';

function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}

export function IndicatorTable() {
  const q = useOp('substitutions.indicator', {});
  const rows = q.data ?? [];
  const total = rows.reduce((a, r) => ({ substituted: a.substituted + r.substituted, sameSubject: a.sameSubject + r.sameSubject, missed: a.missed + r.missed }), { substituted: 0, sameSubject: 0, missed: 0 });
  return (
    <Paper p="md" withBorder maw={760} data-testid="indicator">
      <Stack gap="xs">
        <Title order={4} fz={16}>
          Равноценность замены
        </Title>
        <Text size="sm" c="dimmed">
          Доля замещённых уроков, которые провёл учитель того же предмета (объединения подгрупп считаются заменами; переносы, отмены и смены кабинета — нет).
        </Text>
        {q.error ? <ErrorAlert error={q.error} title="Показатель не загружен" /> : null}
        {q.isLoading ? <Loader size="sm" /> : null}
        {q.data && !rows.length ? (
          <Text size="sm" c="dimmed">
            Замен в этом учебном году ещё не было.
          </Text>
        ) : null}
        {rows.length ? (
          <Table verticalSpacing={4} withTableBorder striped data-testid="indicator-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Месяц</Table.Th>
                <Table.Th ta="right">Замещено уроков</Table.Th>
                <Table.Th ta="right">Тем же предметом</Table.Th>
                <Table.Th w={220}>Равноценность</Table.Th>
                <Table.Th ta="right">Пропущено</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.month} data-testid="indicator-row" data-month={r.month}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{monthLabel(r.month)}</Table.Td>
                  <Table.Td ta="right" className="tnum">
                    {r.substituted}
                  </Table.Td>
                  <Table.Td ta="right" className="tnum">
                    {r.sameSubject}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={8} wrap="nowrap">
                      <Progress value={(r.share ?? 0) * 100} w={120} size="md" color={r.share === null ? 'gray' : r.share >= 0.7 ? 'teal' : r.share >= 0.4 ? 'yellow' : 'red'} aria-label={`Равноценность: ${percent(r.share)}`} />
                      <Text size="sm" className="tnum" data-testid="indicator-share">
                        {percent(r.share)}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" className="tnum" c={r.missed ? 'red.7' : undefined}>
                    {r.missed}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>За год</Table.Th>
                <Table.Th ta="right" className="tnum">
                  {total.substituted}
                </Table.Th>
                <Table.Th ta="right" className="tnum">
                  {total.sameSubject}
                </Table.Th>
                <Table.Th className="tnum">{percent(total.substituted ? total.sameSubject / total.substituted : null)}</Table.Th>
                <Table.Th ta="right" className="tnum">
                  {total.missed}
                </Table.Th>
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        ) : null}
      </Stack>
    </Paper>
  );
}
