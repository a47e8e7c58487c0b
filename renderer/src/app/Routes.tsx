import { Button, Stack, Text, Title } from '@mantine/core';
import type { HashRoute } from './useHashRoute';
import { AreaGate, NoAccess } from './access';
import { useAppState } from './AppState';
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
import { OrdersPage } from '../orders/OrdersPage';
import { ImportPage } from '../import/ImportPage';
import { UsersPage } from '../admin/users/UsersPage';
import { AuditPage } from '../admin/audit/AuditPage';
import { CorrectionsPage } from '../admin/corrections/CorrectionsPage';
import { BackupsPage } from '../admin/backups/BackupsPage';
import { SubgroupsPage } from '../groups/SubgroupsPage';
import { ValidationPage } from '../groups/ValidationPage';
import { StudyGroupsPage } from '../groups/StudyGroupsPage';
import { WorkloadPage } from '../groups/WorkloadPage';
import { ClassJournalPage } from '../journal/ClassJournalPage';
import { MarkChangesPage } from '../journal/MarkChangesPage';
import { SummaryPage } from '../reports/summary/SummaryPage';
import { MonitoringPage } from '../reports/monitoring/MonitoringPage';
import { SyncPage } from '../sync/SyncPage';
import { SubstitutionsPage } from '../substitutions/SubstitutionsPage';
import { EnrollmentPage } from '../enrollment/EnrollmentPage';
import { AbsencePage } from '../substitutions/AbsencePage';
import { TimetablePage } from '../timetable/TimetablePage';
import { BooksPage } from '../books/BooksPage';
import { FormationPage } from '../formation/FormationPage';
import { CredentialsPage } from '../credentials/CredentialsPage';
import { CalendarPage } from '../credentials/CalendarPage';
import { TermReportPage } from '../reports/term/TermReportPage';
import { StatementsPage } from '../statements/StatementsPage';
import { BoardPage } from '../paper/board/BoardPage';
import { PrintPage } from '../paper/print/PrintPage';
import { RegisterPage } from '../paper/register/RegisterPage';
import { ArchivePage } from '../paper/archive/ArchivePage';
import { MedalPage } from '../paper/medal/MedalPage';
import { CheckPage } from '../yearEnd/CheckPage';
import { DebtsPage } from '../yearEnd/DebtsPage';
import { PromotionPage } from '../yearEnd/PromotionPage';
import { RolloverPage } from '../yearEnd/RolloverPage';
import { ROLE_LABELS } from '../../../electron/api/roles';

function setupPage(b: string | undefined) {
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
    case 'calendar':
      return <CalendarPage />;
  }
  return null;
}

export function Routes({ route }: { route: HashRoute }) {
  const { access, user } = useAppState();
  const role = user ? ROLE_LABELS[user.role] : '';
  const [a, b] = route.parts;
  if (!a) return <HomePage />;
  if (a === 'wizard')
    return access('setup') === 'change' ? <WizardPage step={b} /> : <NoAccess title="Мастер настройки недоступен" role={role} />;
  if (a === 'students')
    return (
      <AreaGate area="contingent">
        <StudentsPage route={route} />
      </AreaGate>
    );
  if (a === 'books') return <AreaGate area="contingent"><BooksPage /></AreaGate>;
  if (a === 'enrollment') return <AreaGate area="contingent"><EnrollmentPage /></AreaGate>;
  if (a === 'orders')
    return (
      <AreaGate area="contingent">
        <OrdersPage />
      </AreaGate>
    );
  if (a === 'formation')
    return (
      <AreaGate area="contingent">
        <FormationPage />
      </AreaGate>
    );
  if (a === 'subgroups')
    return (
      <AreaGate area="groups">
        <SubgroupsPage classId={b} />
      </AreaGate>
    );
  if (a === 'study-groups')
    return (
      <AreaGate area="groups">
        <StudyGroupsPage openId={route.query.get('open') ?? undefined} />
      </AreaGate>
    );
  if (a === 'workload')
    return (
      <AreaGate area="groups">
        <WorkloadPage teacherId={route.query.get('teacher') ?? undefined} classId={route.query.get('class') ?? undefined} />
      </AreaGate>
    );
  if (a === 'validation')
    return (
      <AreaGate area="groups">
        <ValidationPage />
      </AreaGate>
    );
  if (a === 'journal' && b === 'class')
    return (
      <AreaGate area="journal">
        <ClassJournalPage
          initial={{ target: route.query.get('class'), subject: route.query.get('subject'), subgroup: route.query.get('subgroup'), period: route.query.get('period') }}
        />
      </AreaGate>
    );
  if (a === 'reports' && b === 'term')
    return (
      <AreaGate area="reports">
        <TermReportPage />
      </AreaGate>
    );
  if (a === 'reports' && b === 'monitoring')
    return (
      <AreaGate area="reports">
        <MonitoringPage />
      </AreaGate>
    );
  if (a === 'journal' && b === 'changes')
    return (
      <AreaGate area="journal">
        <MarkChangesPage />
      </AreaGate>
    );
  if (a === 'reports' && b === 'summary')
    return (
      <AreaGate area="reports">
        <SummaryPage classId={route.query.get('class') ?? undefined} />
      </AreaGate>
    );
  if (a === 'substitutions')
    return (
      <AreaGate area="timetable">
        {b === 'absence' && route.parts[2] ? (
          <AbsencePage absenceId={route.parts[2]} date={route.query.get('date') ?? undefined} />
        ) : (
          <SubstitutionsPage date={route.query.get('date') ?? undefined} tab={route.query.get('tab') ?? undefined} />
        )}
      </AreaGate>
    );
  if (a === 'timetable' && !b)
    return (
      <AreaGate area="timetable">
        <TimetablePage initialVersion={route.query.get('v') ?? undefined} />
      </AreaGate>
    );
  if (a === 'credentials')
    return (
      <AreaGate area="credentials">
        <CredentialsPage classId={route.query.get('class') ?? undefined} />
      </AreaGate>
    );
  if (a === 'paper')
    return (
      <AreaGate area="paper">
        {!b ? <BoardPage /> : null}
        {b === 'print' ? <PrintPage /> : null}
        {b === 'register' ? <RegisterPage /> : null}
        {b === 'archive' ? <ArchivePage /> : null}
        {b === 'medal' ? <MedalPage /> : null}
      </AreaGate>
    );
  if (a === 'year-end')
    return b === 'rollover' ? (
      <AreaGate area="setup">
        <RolloverPage />
      </AreaGate>
    ) : (
      <AreaGate area="yearEnd">
        {!b ? <CheckPage /> : null}
        {b === 'debts' ? <DebtsPage /> : null}
        {b === 'promotion' ? <PromotionPage /> : null}
      </AreaGate>
    );
  if (a === 'statements')
    return (
      <AreaGate area="statements">
        <StatementsPage />
      </AreaGate>
    );
  if (a === 'sync')
    return (
      <AreaGate area="sync">
        <SyncPage />
      </AreaGate>
    );
  if (a === 'import') {
    const kind = b === 'staff' ? 'staff' : 'students';
    if (access(kind === 'staff' ? 'setup' : 'contingent') !== 'change') return <NoAccess title="Импорт из Excel недоступен" role={role} />;
    return <ImportPage key={kind} initialKind={kind} />;
  }
  if (a === 'setup') {
    const page = setupPage(b);
    if (page) return <AreaGate area={b === 'curriculum' ? 'curriculum' : 'setup'}>{page}</AreaGate>;
  }
  if (a === 'admin') {
    if (b === 'users')
      return (
        <AreaGate area="users">
          <UsersPage forStaff={route.query.get('staff') ?? undefined} />
        </AreaGate>
      );
    if (b === 'audit')
      return (
        <AreaGate area="audit">
          <AuditPage />
        </AreaGate>
      );
    if (b === 'corrections')
      return (
        <AreaGate area="corrections">
          <CorrectionsPage />
        </AreaGate>
      );
    if (b === 'backups')
      return (
        <AreaGate area="backups">
          <BackupsPage />
        </AreaGate>
      );
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
