import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { SubjectsEditor } from './SubjectsEditor';

export function SubjectsPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <PageHeader title="Предметы" description="Перечень учебных предметов школы и способ оценивания" />
      <SubjectsEditor />
    </Stack>
  );
}
