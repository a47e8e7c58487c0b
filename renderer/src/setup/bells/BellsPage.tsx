import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { BellsEditor } from './BellsEditor';

export function BellsPage() {
  return (
    <Stack gap="lg" maw={1000}>
      <PageHeader title="Расписание звонков" description="Время уроков по сменам текущего учебного года" />
      <BellsEditor />
    </Stack>
  );
}
