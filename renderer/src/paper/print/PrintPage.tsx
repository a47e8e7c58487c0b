// STUB (issue 14 foundation): replaced by the page's engineer.
import { Title } from '@mantine/core';

export function PrintPage() {
  return <Title order={2}>Печать бумажных копий</Title>;
}
