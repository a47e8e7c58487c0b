import { Alert, List, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage, problemsOf, type Problem } from '../lib/errors';

function where(p: Problem): string {
  const parts: string[] = [];
  if (p.row !== undefined) parts.push(`строка ${p.row}`);
  if (p.column && !/^[a-z]/i.test(p.column)) parts.push(p.column);
  return parts.length ? `${parts.join(', ')}: ` : '';
}

/** The Russian message of a refused operation, with every problem listed when there are several. */
export function ErrorAlert({ error, title = 'Не сохранено', onClose }: { error: unknown; title?: string; onClose?: () => void }) {
  if (!error) return null;
  const problems = problemsOf(error);
  const message = errorMessage(error);
  const listed = problems.length > 1 || problems.some((p) => p.row !== undefined);
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertTriangle size={18} />}
      withCloseButton={!!onClose}
      onClose={onClose}
      data-testid="error-alert"
    >
      <Text size="sm">{listed ? `Исправьте ошибки (${problems.length}):` : message}</Text>
      {listed ? (
        <List size="sm" mt={6} spacing={2}>
          {problems.slice(0, 30).map((p, i) => (
            <List.Item key={i}>
              {where(p)}
              {p.message}
            </List.Item>
          ))}
          {problems.length > 30 ? <List.Item>…и ещё {problems.length - 30}</List.Item> : null}
        </List>
      ) : null}
    </Alert>
  );
}
