// STUB (issue 14 foundation): replaced by the page's engineer.
import { Title } from '@mantine/core';

export function RegisterPage() {
  return <Title order={2}>Реестр бумажных копий</Title>;
}
