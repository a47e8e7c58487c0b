import { Title } from '@mantine/core';

export function CheckPage() {
  return <Title order={2}>{'…'}</Title>;
}
