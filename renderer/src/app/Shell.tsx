import { AppShell, Badge, Box, Group, NavLink, ScrollArea, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAlertSquareRounded,
  IconBell,
  IconDatabaseExport,
  IconHistory,
  IconUserCog,
  IconBook2,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCircleCheckFilled,
  IconDatabase,
  IconDoor,
  IconFileImport,
  IconFileCertificate,
  IconHome,
  IconSchool,
  IconTable,
  IconUsers,
  IconBooks,
  IconUsersGroup,
  IconWand,
  IconIdBadge2,
  IconArrowsSplit,
  IconUsersPlus,
  IconCalculator,
  IconClipboardCheck,
  IconNotebook,
  IconPencilCheck,
  IconReportAnalytics,
  IconMailForward,
  IconCloudComputing,
  IconReplace,
  IconCalendarWeek,
  IconCalendarStats,
  IconKey,
  IconChartBar,
  IconLayoutKanban,
  IconPrinter,
  IconListNumbers,
  IconArchive,
  IconMedal,
  IconChecklist,
  IconAlertTriangle,
  IconStairsUp,
  IconCalendarPlus,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ChecklistItem } from '../../../electron/api/types';
import { useOp } from '../data/useOp';
import { useAppState } from './AppState';
import type { HashRoute } from './useHashRoute';
import { Routes } from './Routes';
import { UserMenu } from '../auth/UserMenu';
import { useProblemCount } from '../groups/ValidationPage';
import { JobsPanel } from '../jobs/JobsPanel';
import { SyncIndicator } from '../sync/SyncIndicator';

interface NavItem {
  href: string;
  label: string;
  icon: ReactNode;
  check?: ChecklistItem['key'];
  badge?: ReactNode;
}

const I = { size: 18, stroke: 1.6 };
/**
 * Tighter than Mantine's default, so that the whole navigation of the administrator (the longest)
 * fits a 1366×768 laptop screen: 20 links of 28 px and 4 section labels in the 712 px under the
 * header (issue 8). A smaller window scrolls it, with its scrollbar shown.
 */
const NAV_STYLES = {
  root: { borderRadius: 'var(--mantine-radius-sm)', paddingBlock: 5, paddingInline: 10, gap: 8 },
  body: { fontSize: 'var(--mantine-font-size-sm)', lineHeight: 1.3 },
  label: { whiteSpace: 'nowrap' },
  section: { marginInline: 0 },
} as const;
const NAV_WIDTH = 256;
const SETUP: NavItem[] = [
  { href: '/setup/school', label: 'Школа', icon: <IconBuildingCommunity {...I} />, check: 'school' },
  { href: '/setup/year', label: 'Учебный год', icon: <IconCalendarEvent {...I} />, check: 'year' },
  { href: '/setup/bells', label: 'Звонки', icon: <IconBell {...I} />, check: 'bells' },
  { href: '/setup/subjects', label: 'Предметы', icon: <IconBook2 {...I} />, check: 'subjects' },
  { href: '/setup/rooms', label: 'Кабинеты', icon: <IconDoor {...I} /> },
  { href: '/setup/staff', label: 'Сотрудники', icon: <IconIdBadge2 {...I} />, check: 'staff' },
  { href: '/setup/classes', label: 'Классы', icon: <IconUsersGroup {...I} />, check: 'classes' },
  { href: '/setup/curriculum', label: 'Учебный план', icon: <IconTable {...I} />, check: 'curriculum' },
  { href: '/setup/calendar', label: 'Календарь', icon: <IconCalendarStats {...I} /> },
];

function SectionLabel({ children }: { children: ReactNode }) {
  return (
    <Text fz={11} lh={1.3} fw={700} c="dimmed" tt="uppercase" px="sm" pt={8} pb={3} style={{ letterSpacing: 0.4 }}>
      {children}
    </Text>
  );
}

/** Open correction requests for the navbar's badge (red when some are overdue); follows the data. */
function useOpenCorrections(enabled: boolean): { open: number; overdue: number } {
  const q = useOp('corrections.list', { onlyOpen: true }, { enabled });
  const list = (enabled && q.data) || [];
  return { open: list.filter((c) => !c.correctedAt).length, overdue: list.filter((c) => c.overdue && !c.correctedAt).length };
}

export function Shell({ route }: { route: HashRoute }) {
  const { info, school, checklist, access } = useAppState();
  const corrections = useOpenCorrections(access('corrections') !== 'none');
  const problems = useProblemCount(access('groups') !== 'none', route.path);
  const problemCount = problems ? problems.errors + problems.warnings : 0;
  const done = checklist.filter((c) => c.done).length;
  const isDone = (key?: ChecklistItem['key']) => (key ? checklist.find((c) => c.key === key)?.done : undefined);
  const canSetUp = access('setup') === 'change';
  const canImport = access('contingent') === 'change' || canSetUp;
  const admin: NavItem[] = [];
  if (access('users') !== 'none') admin.push({ href: '/admin/users', label: 'Пользователи', icon: <IconUserCog {...I} /> });
  if (access('audit') !== 'none') admin.push({ href: '/admin/audit', label: 'Журнал изменений', icon: <IconHistory {...I} /> });
  if (access('corrections') !== 'none') {
    admin.push({
      href: '/admin/corrections',
      label: 'Обращения', // «об ошибках»: the page's title says it; the navigation is narrow
      icon: <IconAlertSquareRounded {...I} />,
      badge: corrections.open ? (
        <Badge size="sm" variant={corrections.overdue ? 'filled' : 'light'} color={corrections.overdue ? 'red' : 'orange'} data-testid="nav-corrections-count">
          {corrections.open}
        </Badge>
      ) : null,
    });
  }
  if (access('backups') !== 'none') admin.push({ href: '/admin/backups', label: 'Резервные копии', icon: <IconDatabaseExport {...I} /> });
  if (access('sync') !== 'none') admin.push({ href: '/sync', label: 'Синхронизация', icon: <IconCloudComputing {...I} /> });
  const active = (href: string) => (href === '/' ? route.path === '/' : route.path === href || route.path.startsWith(href + '/'));

  const link = (item: NavItem) => {
    const ok = isDone(item.check);
    return (
      <NavLink
        key={item.href}
        href={`#${item.href}`}
        label={item.label}
        leftSection={item.icon}
        active={active(item.href)}
        data-testid={`nav-${item.href.split('/').pop() || 'home'}`}
        rightSection={item.badge ?? (ok ? <IconCircleCheckFilled size={16} color="var(--mantine-color-teal-6)" aria-label="заполнено" /> : null)}
        styles={NAV_STYLES}
      />
    );
  };

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: NAV_WIDTH, breakpoint: 0 }} padding={0}>
      <AppShell.Header px="md" style={{ display: 'flex', alignItems: 'center' }}>
        <Group justify="space-between" w="100%" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ flexShrink: 0, maxWidth: '40%' }}>
            <ThemeIcon size={32} radius="sm" variant="filled">
              <IconSchool size={20} stroke={1.7} />
            </ThemeIcon>
            <Text fw={700} size="md" style={{ whiteSpace: 'nowrap' }}>
              Школьный офис
            </Text>
            <Text c="gray.4">|</Text>
            <Text fw={500} size="md" data-testid="header-school" lineClamp={1}>
              {school?.shortName ?? 'Школа ещё не создана'}
            </Text>
          </Group>
          <Group gap="lg" wrap="nowrap" style={{ minWidth: 0 }}>
            <SyncIndicator enabled={access('sync') !== 'none'} />
            {info ? (
              <Tooltip label={`База данных: ${info.dbPath}`} position="bottom-end">
                <Group gap={6} wrap="nowrap" maw={420} style={{ minWidth: 0, flexShrink: 100 }}>
                  <IconDatabase size={16} stroke={1.6} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
                  <Text size="xs" c="dimmed" data-testid="header-db" ff="monospace" truncate="start">
                    {/* Cut at the start when the header is full (the sync line); the marks keep the path's order under the right-to-left cut. */}
                    {'\u200E' + (info.dbPath.length > 52 ? '…' + info.dbPath.slice(-51) : info.dbPath) + '\u200E'}
                  </Text>
                </Group>
              </Tooltip>
            ) : null}
            <Box style={{ flexShrink: 0 }}>
              <UserMenu />
            </Box>
            <JobsPanel />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar px="xs" py={6}>
        <AppShell.Section grow component={ScrollArea} type="auto" scrollbarSize={8} data-testid="navbar-scroll">
          {link({ href: '/', label: 'Главная', icon: <IconHome {...I} /> })}
          {canSetUp ? (
            <NavLink
              href="#/wizard"
              label="Мастер настройки"
              leftSection={<IconWand {...I} />}
              active={active('/wizard')}
              data-testid="nav-wizard"
              styles={NAV_STYLES}
              rightSection={
                checklist.length ? (
                  <Badge size="sm" variant="light" color={done === checklist.length ? 'teal' : 'gray'}>
                    {done}/{checklist.length}
                  </Badge>
                ) : null
              }
            />
          ) : null}
          {access('setup') !== 'none' ? (
            <>
              <SectionLabel>Настройка</SectionLabel>
              {SETUP.map(link)}
            </>
          ) : null}
          {access('groups') !== 'none' ? (
            <>
              <SectionLabel>Группы и нагрузка</SectionLabel>
              {link({ href: '/subgroups', label: 'Подгруппы', icon: <IconArrowsSplit {...I} /> })}
              {link({ href: '/study-groups', label: 'Учебные группы', icon: <IconUsersPlus {...I} /> })}
              {link({ href: '/workload', label: 'Тарификация', icon: <IconCalculator {...I} /> })}
              {link({
                href: '/validation',
                label: 'Проверка',
                icon: <IconClipboardCheck {...I} />,
                badge: problems ? (
                  <Badge size="sm" variant={problems.errors ? 'filled' : 'light'} color={problemCount ? (problems.errors ? 'red' : 'orange') : 'teal'} data-testid="nav-problems-count">
                    {problemCount}
                  </Badge>
                ) : null,
              })}
            </>
          ) : null}
          {access('timetable') !== 'none' ? (
            <>
              <SectionLabel>Расписание и замены</SectionLabel>
              {link({ href: '/timetable', label: 'Расписание', icon: <IconCalendarWeek {...I} /> })}
              {link({ href: '/substitutions', label: 'Замены', icon: <IconReplace {...I} /> })}
            </>
          ) : null}
          {access('contingent') !== 'none' || canImport ? (
            <>
              <SectionLabel>{access('contingent') !== 'none' ? 'Контингент' : 'Данные'}</SectionLabel>
              {access('contingent') !== 'none' ? link({ href: '/students', label: 'Ученики', icon: <IconUsers {...I} />, check: 'students' }) : null}
              {access('contingent') !== 'none' ? link({ href: '/enrollment', label: 'Приём в 1 класс', icon: <IconSchool {...I} /> }) : null}
              {access('contingent') !== 'none' ? link({ href: '/formation', label: '1-е классы', icon: <IconUsersGroup {...I} /> }) : null}
              {access('contingent') !== 'none' ? link({ href: '/orders', label: 'Приказы', icon: <IconFileCertificate {...I} /> }) : null}
              {access('contingent') !== 'none' ? link({ href: '/books', label: 'Книги и сведения', icon: <IconBooks {...I} /> }) : null}
              {canImport ? link({ href: '/import', label: 'Импорт из Excel', icon: <IconFileImport {...I} /> }) : null}
            </>
          ) : null}
          {access('credentials') !== 'none' ? link({ href: '/credentials', label: 'Учётные данные', icon: <IconKey {...I} /> }) : null}
          {access('journal') !== 'none' ? (
            <>
              <SectionLabel>Журнал</SectionLabel>
              {link({ href: '/journal/class', label: 'Классный журнал', icon: <IconNotebook {...I} /> })}
              {link({ href: '/journal/changes', label: 'Изменения отметок', icon: <IconPencilCheck {...I} /> })}
              {access('reports') !== 'none' ? link({ href: '/reports/monitoring', label: 'Мониторинг журнала', icon: <IconReportAnalytics {...I} /> }) : null}
              {access('statements') !== 'none' ? link({ href: '/statements', label: 'Выписки для родителей', icon: <IconMailForward {...I} /> }) : null}
            </>
          ) : null}
          {access('reports') !== 'none' ? (
            <>
              <SectionLabel>Отчёты</SectionLabel>
              {link({ href: '/reports/term', label: 'Отчёт за период', icon: <IconChartBar {...I} /> })}
              {link({ href: '/reports/summary', label: 'Сводная ведомость', icon: <IconTable {...I} /> })}
            </>
          ) : null}
          {access('paper') !== 'none' ? (
            <>
              <SectionLabel>Бумажные копии и архив</SectionLabel>
              {link({ href: '/paper', label: 'Ход сдачи копий', icon: <IconLayoutKanban {...I} /> })}
              {link({ href: '/paper/print', label: 'Печать копий', icon: <IconPrinter {...I} /> })}
              {link({ href: '/paper/register', label: 'Реестр копий', icon: <IconListNumbers {...I} /> })}
              {link({ href: '/paper/archive', label: 'Архив', icon: <IconArchive {...I} /> })}
              {link({ href: '/paper/medal', label: 'Медальная комиссия', icon: <IconMedal {...I} /> })}
            </>
          ) : null}
          {access('yearEnd') !== 'none' ? (
            <>
              <SectionLabel>Конец учебного года</SectionLabel>
              {link({ href: '/year-end', label: 'Итоги года', icon: <IconChecklist {...I} /> })}
              {link({ href: '/year-end/debts', label: 'Задолженности', icon: <IconAlertTriangle {...I} /> })}
              {link({ href: '/year-end/promotion', label: 'Перевод и выпуск', icon: <IconStairsUp {...I} /> })}
              {access('setup') === 'change' ? link({ href: '/year-end/rollover', label: 'Переход на новый год', icon: <IconCalendarPlus {...I} /> }) : null}
            </>
          ) : null}
          {admin.length ? (
            <>
              <SectionLabel>Администрирование</SectionLabel>
              {admin.map(link)}
            </>
          ) : null}
        </AppShell.Section>
        <AppShell.Section>
          <Box px="sm" pt={4}>
            <Text fz={11} lh={1.3} c="dimmed">
              Версия {info?.version}
            </Text>
          </Box>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box p="lg" maw={1600}>
          <Routes route={route} />
        </Box>
        {/* The progress panel of running jobs (issue 9 point 6) goes here: beside every page, fed by
            a query of the jobs and the change events with by: 'job' (data/useFollowChanges.ts). */}
      </AppShell.Main>
    </AppShell>
  );
}
