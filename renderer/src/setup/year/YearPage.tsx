import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { YearEditor } from './YearEditor';

export function YearPage() {
  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title="Учебный год" description="Календарный учебный график: периоды аттестации и каникулы" />
      <YearEditor />
    </Stack>
  );
}
