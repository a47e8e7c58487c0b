// STUB (issue 14 foundation): replaced by the page's engineer.
import { Title } from '@mantine/core';

export function BoardPage() {
  return <Title order={2}>Ход сдачи бумажных копий</Title>;
}
