import { Badge, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { AREAS, AREA_LABELS, PARALLEL_BOUND_AREAS, PARALLEL_VISIBLE_AREAS, ROLE_LABELS, ROLE_MATRIX, type Access } from '../../../../electron/api/roles';
import { APP_ROLES } from '../roles';

function Cell({ a, note }: { a: Access; note?: string }) {
  if (a === 'change')
    return (
      <>
        <Badge variant="light" color="teal" tt="none" fw={600} size="md">
          Изменение
        </Badge>
        {note ? (
          <Text size="xs" c="dimmed" mt={2}>
            {note}
          </Text>
        ) : null}
      </>
    );
  if (a === 'view')
    return (
      <Badge variant="light" color="blue" tt="none" fw={600} size="md">
        Просмотр
      </Badge>
    );
  return (
    <Text c="gray.5" size="sm" span>
      —
    </Text>
  );
}

/** The one permission matrix of the core, read-only: who may do what. */
export function PermissionMatrix() {
  return (
    <Paper p="lg" data-testid="permission-matrix">
      <Group gap="xs" mb={4}>
        <IconShieldCheck size={20} stroke={1.6} />
        <Title order={4}>Права ролей</Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Права задаются ролью и одинаковы для всех её пользователей. Чтобы дать сотруднику другие права, назначьте ему другую роль. Заместитель
        директора изменяет учебный план, подгруппы, группы и нагрузку только параллелей из своей карточки сотрудника. Обращения об ошибках
        регистрирует секретарь или администратор, а исправляет данные и отмечает исправление администратор системы.
      </Text>
      <Table withTableBorder withColumnBorders verticalSpacing={6} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Раздел</Table.Th>
            {APP_ROLES.map((r) => (
              <Table.Th key={r} ta="center" w={170}>
                {ROLE_LABELS[r]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {AREAS.map((area) => (
            <Table.Tr key={area}>
              <Table.Td fw={500}>{AREA_LABELS[area]}</Table.Td>
              {APP_ROLES.map((r) => (
                <Table.Td key={r} ta="center" data-testid={`perm-${r}-${area}`}>
                  <Cell a={ROLE_MATRIX[r][area]} note={r === 'deputy' && (PARALLEL_BOUND_AREAS.includes(area) || PARALLEL_VISIBLE_AREAS.includes(area)) ? 'своих параллелей' : undefined} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
