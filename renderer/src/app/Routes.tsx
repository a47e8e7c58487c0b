import { Button, Stack, Text, Title } from '@mantine/core';
import type { HashRoute } from './useHashRoute';
import { HomePage } from '../home/HomePage';
import { WizardPage } from '../wizard/WizardPage';
import { SchoolPage } from '../setup/school/SchoolPage';
import { YearPage } from '../setup/year/YearPage';
import { BellsPage } from '../setup/bells/BellsPage';
import { SubjectsPage } from '../setup/subjects/SubjectsPage';
import { RoomsPage } from '../setup/rooms/RoomsPage';
import { StaffPage } from '../setup/staff/StaffPage';
import { ClassesPage } from '../setup/classes/ClassesPage';
import { CurriculumPage } from '../setup/curriculum/CurriculumPage';
import { StudentsPage } from '../students/StudentsPage';
import { ImportPage } from '../import/ImportPage';

export function Routes({ route }: { route: HashRoute }) {
  const [a, b] = route.parts;
  if (!a) return <HomePage />;
  if (a === 'wizard') return <WizardPage step={b} />;
  if (a === 'students') return <StudentsPage route={route} />;
  if (a === 'import') return <ImportPage key={b ?? 'students'} initialKind={b === 'staff' ? 'staff' : 'students'} />;
  if (a === 'setup') {
    switch (b) {
      case 'school':
        return <SchoolPage />;
      case 'year':
        return <YearPage />;
      case 'bells':
        return <BellsPage />;
      case 'subjects':
        return <SubjectsPage />;
      case 'rooms':
        return <RoomsPage />;
      case 'staff':
        return <StaffPage />;
      case 'classes':
        return <ClassesPage />;
      case 'curriculum':
        return <CurriculumPage />;
    }
  }
  return (
    <Stack align="flex-start">
      <Title order={3}>Раздел не найден</Title>
      <Text c="dimmed">Адрес «{route.path}» не соответствует ни одному разделу программы.</Text>
      <Button component="a" href="#/">
        На главную
      </Button>
    </Stack>
  );
}
