import { Badge, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBook2, IconIdBadge2, IconUsers, IconUsersGroup, IconWand } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAppState } from '../app/AppState';
import { go } from '../app/useHashRoute';
import { Checklist } from '../components/Checklist';
import { Stat } from '../components/Stat';
import { ruDate } from '../lib/dates';
import { NowPanel, YearPanel } from './Calendar';
import { useProblemCount } from '../groups/ValidationPage';
import { IconClipboardCheck } from '@tabler/icons-react';
import type { YearDetails } from '../../../electron/api/types';

const STEP_OF: Record<string, number> = { school: 1, year: 2, bells: 3, subjects: 4, staff: 5, classes: 6, curriculum: 7, students: 8 };

interface Counts {
  students: number;
  classes: number;
  staff: number;
  subjects: number;
}

export function HomePage() {
  const { info, school, checklist, access } = useAppState();
  const canSetUp = access('setup') === 'change';
  // The school's numbers follow the data (queries shared with the pages that list them).
  const studentsQ = useOp('students.list', { limit: 1 });
  const classesQ = useOp('classes.list');
  const staffQ = useOp('staff.list', {});
  const subjectsQ = useOp('subjects.list');
  const yearsQ = useOp('years.list');
  // The office's calendar for this role (the core's rules: electron/core/home/).
  const calendarQ = useOp('home.calendar', {});
  const all = [studentsQ, classesQ, staffQ, subjectsQ, yearsQ, calendarQ];
  const loaded = all.every((q) => q.data !== undefined);
  const counts: Partial<Counts> = loaded
    ? { students: studentsQ.data?.total, classes: classesQ.data?.length, staff: staffQ.data?.length, subjects: subjectsQ.data?.length }
    : {};
  const years = yearsQ.data;
  const year: YearDetails | null = loaded && years ? (years.find((y) => y.isCurrent) ?? years[0] ?? null) : null;
  const loadError = all.find((q) => q.error)?.error;

  const problems = useProblemCount(access('groups') !== 'none', 'home');
  const today = info?.today ?? '';
  const allDone = checklist.length > 0 && checklist.every((c) => c.done);
  const calendar = calendarQ.data;

  return (
    <Stack gap="lg" data-testid="home" data-loaded={(counts.students !== undefined && calendar !== undefined) || undefined}>
      <div>
        <Title order={2} fz={24}>
          {school?.shortName ?? 'Главная'}
        </Title>
        <Text c="dimmed" size="sm">
          {school?.fullName}
          {year ? ` · учебный год ${year.name}` : ''} · сегодня {ruDate(today)}
        </Text>
      </div>
      {loadError ? <ErrorAlert error={loadError} title="Не всё загружено" /> : null}
      {calendar ? <NowPanel calendar={calendar} /> : null}
      {problems ? (
        <Paper p="md" component="a" href="#/validation" style={{ textDecoration: 'none', color: 'inherit' }} data-testid="home-problems">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={36} radius="md" variant="light" color={problems.errors ? 'red' : problems.warnings ? 'orange' : 'teal'}>
              <IconClipboardCheck size={20} />
            </ThemeIcon>
            <div style={{ flex: 1 }}>
              <Text fw={600}>Группы и нагрузка</Text>
              <Text size="sm" c="dimmed">
                {problems.errors + problems.warnings
                  ? 'Проверка подгрупп, учебных групп и тарификации нашла проблемы — откройте, чтобы исправить.'
                  : 'Подгруппы, учебные группы и тарификация проверены: проблем нет.'}
              </Text>
            </div>
            <Badge size="lg" color={problems.errors ? 'red' : problems.warnings ? 'orange' : 'teal'} data-testid="home-problems-count">
              {problems.errors + problems.warnings}
            </Badge>
          </Group>
        </Paper>
      ) : null}
      <SimpleGrid cols={4}>
        <Stat label="Учеников" value={counts.students} icon={<IconUsers size={24} />} href="#/students" color="indigo" />
        <Stat label="Классов" value={counts.classes} icon={<IconUsersGroup size={24} />} href="#/setup/classes" color="violet" />
        <Stat label="Сотрудников" value={counts.staff} icon={<IconIdBadge2 size={24} />} href="#/setup/staff" color="cyan" />
        <Stat label="Предметов" value={counts.subjects} icon={<IconBook2 size={24} />} href="#/setup/subjects" color="teal" />
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          {calendar ? <YearPanel calendar={calendar} /> : null}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper p="lg" h="100%">
            <Checklist items={checklist} onPick={(k) => go(canSetUp ? `/wizard/${STEP_OF[k] ?? 1}` : k === 'students' ? '/students' : `/setup/${k}`)} />
            {!allDone && canSetUp ? (
              <Button mt="md" fullWidth leftSection={<IconWand size={16} />} onClick={() => go('/wizard')} data-testid="home-wizard">
                Продолжить настройку
              </Button>
            ) : allDone ? (
              <Text size="sm" c="teal.8" mt="md" fw={500}>
                Школа готова к учебному году.
              </Text>
            ) : (
              <Text size="sm" c="dimmed" mt="md">
                Настройку школы завершает администратор системы.
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
