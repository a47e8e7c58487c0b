import { Table, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../../electron/api/roles';
import type { AppRole } from '../../../electron/api/types';
import { ruDateTime } from '../lib/dates';

export interface IssuedPassword {
  login: string;
  role: AppRole;
  password: string;
  displayName?: string;
}

/**
 * One-time passwords as a table that prints cleanly (window.print with the .print-sheet rules of
 * global.css: only the sheet goes to paper, with a heading and the date).
 */
export function PasswordSheet({ rows, schoolName }: { rows: IssuedPassword[]; schoolName?: string | null }) {
  const withNames = rows.some((r) => r.displayName);
  return (
    <div>
      <div className="print-only">
        <Text fw={700} size="lg">
          Школьный офис{schoolName ? ` — ${schoolName}` : ''}
        </Text>
        <Text size="sm" mb="md">
          Одноразовые пароли, выданы {ruDateTime(new Date().toISOString())}. При первом входе программа попросит заменить пароль своим.
        </Text>
      </div>
      <Table withTableBorder withColumnBorders verticalSpacing={8} data-testid="password-sheet">
        <Table.Thead>
          <Table.Tr>
            {withNames ? <Table.Th>ФИО</Table.Th> : null}
            <Table.Th>Роль</Table.Th>
            <Table.Th w={140}>Логин</Table.Th>
            <Table.Th w={160}>Одноразовый пароль</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.login} data-testid="issued-password">
              {withNames ? <Table.Td>{r.displayName}</Table.Td> : null}
              <Table.Td>{ROLE_LABELS[r.role]}</Table.Td>
              <Table.Td ff="monospace" fw={600} data-testid="issued-login">
                {r.login}
              </Table.Td>
              <Table.Td ff="monospace" fw={700} fz="md" style={{ letterSpacing: 1 }} data-testid="issued-password-value">
                {r.password}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
