// STUB (issue 14 foundation): replaced by the page's engineer.
import { Title } from '@mantine/core';

export function MedalPage() {
  return <Title order={2}>Ведомости для медальной комиссии</Title>;
}
