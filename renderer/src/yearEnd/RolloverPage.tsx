import { Title } from '@mantine/core';

export function RolloverPage() {
  return <Title order={2}>{'…'}</Title>;
}
