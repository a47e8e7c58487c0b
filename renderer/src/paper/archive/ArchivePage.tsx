// STUB (issue 14 foundation): replaced by the page's engineer.
import { Title } from '@mantine/core';

export function ArchivePage() {
  return <Title order={2}>Архив</Title>;
}
