import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { StaffList } from './StaffList';

export function StaffPage() {
  return (
    <Stack gap="lg">
      <PageHeader title="Сотрудники" description="Педагогические работники и администрация: должности, роли, предметы, ставка" />
      <StaffList />
    </Stack>
  );
}
