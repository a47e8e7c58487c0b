import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
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

/** One-time passwords as a table, on screen and on the printed sheet. */
export function PasswordSheet({ rows, printed }: { rows: IssuedPassword[]; printed?: boolean }) {
  const withNames = rows.some((r) => r.displayName);
  const id = (testId: string) => (printed ? undefined : testId);
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={8} data-testid={id('password-sheet')}>
      <Table.Thead>
        <Table.Tr>
          {withNames ? <Table.Th>ФИО</Table.Th> : null}
          <Table.Th>Роль</Table.Th>
          <Table.Th w={140}>Логин</Table.Th>
          <Table.Th w={190}>Одноразовый пароль</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.login} data-testid={id('issued-password')}>
            {withNames ? <Table.Td>{r.displayName}</Table.Td> : null}
            <Table.Td>{ROLE_LABELS[r.role]}</Table.Td>
            <Table.Td ff="monospace" fw={600} data-testid={id('issued-login')}>
              {r.login}
            </Table.Td>
            <Table.Td ff="monospace" fw={700} fz="md" style={{ letterSpacing: 1 }} data-testid={id('issued-password-value')}>
              {r.password}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * What window.print() puts on paper: a heading with the school and the date, then the passwords.
 * Rendered straight into body (see .print-portal in global.css), so a modal's clipping does not
 * cut it, and nothing else of the screen is printed.
 */
export function PrintedPasswords({ rows, schoolName }: { rows: IssuedPassword[]; schoolName?: string | null }): ReactNode {
  return createPortal(
    <div className="print-portal">
      <Text fw={700} size="lg">
        Школьный офис{schoolName ? ` — ${schoolName}` : ''}
      </Text>
      <Text size="sm" mb="md">
        Учётные записи для входа в программу. Пароли одноразовые, выданы {ruDateTime(new Date().toISOString())}: при первом входе программа попросит
        заменить пароль своим. Храните этот лист так же, как ключи от кабинета.
      </Text>
      <PasswordSheet rows={rows} printed />
    </div>,
    document.body,
  );
}
