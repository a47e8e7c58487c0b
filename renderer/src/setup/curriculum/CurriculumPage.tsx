import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { CurriculumEditor } from './CurriculumEditor';

export function CurriculumPage() {
  return (
    <Stack gap="lg">
      <PageHeader title="Учебный план" description="Часы в неделю по каждому предмету в каждом классе" />
      <CurriculumEditor />
    </Stack>
  );
}
