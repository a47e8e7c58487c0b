import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { SchoolForm } from './SchoolForm';

export function SchoolPage() {
  return (
    <Stack gap="lg" maw={980}>
      <PageHeader title="Школа" description="Сведения об образовательной организации" />
      <SchoolForm />
    </Stack>
  );
}
