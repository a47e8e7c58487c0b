import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { ClassesEditor } from './ClassesEditor';

export function ClassesPage() {
  return (
    <Stack gap="lg" maw={1300}>
      <PageHeader title="Классы" description="Классы текущего учебного года, классные руководители и кабинеты" />
      <ClassesEditor />
    </Stack>
  );
}
