import { Title } from '@mantine/core';

export function DebtsPage() {
  return <Title order={2}>{'…'}</Title>;
}
