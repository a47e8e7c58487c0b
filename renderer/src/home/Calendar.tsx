// The office's calendar on the home screen (issue 15 point 5): «Сейчас и просрочено» first, then the
// year by month with today marked; each item a link to the page where it is done.
import { Fragment } from 'react';
import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconArchive,
  IconCalendarDue,
  IconCertificate,
  IconChecklist,
  IconDatabaseExclamation,
  IconFileCertificate,
  IconKey,
  IconMailForward,
  IconMessageReport,
  IconNotebook,
  IconPrinter,
  IconReportAnalytics,
  IconSchool,
  IconCalendarPlus,
} from '@tabler/icons-react';
import type { CalendarItem, CalendarKind, OfficeCalendar } from '../../../electron/api/home';
import { ruDate } from '../lib/dates';
import { byMonth, nowItems, stateBadge, whenText } from './calendarText';

const ICON: Record<CalendarKind, React.ReactNode> = {
  credentials: <IconKey size={18} />,
  corrections: <IconMessageReport size={18} />,
  periodMarks: <IconNotebook size={18} />,
  paperCopies: <IconPrinter size={18} />,
  statements: <IconMailForward size={18} />,
  firstGrade: <IconSchool size={18} />,
  monitoring: <IconReportAnalytics size={18} />,
  attestation: <IconCertificate size={18} />,
  debts: <IconAlertTriangle size={18} />,
  orders: <IconFileCertificate size={18} />,
  rollover: <IconCalendarPlus size={18} />,
  backups: <IconDatabaseExclamation size={18} />,
  archive: <IconArchive size={18} />,
};

const COLOR: Record<CalendarItem['state'], string> = { late: 'red', now: 'orange', soon: 'yellow', later: 'gray', done: 'teal' };

/** One item; in the year's list (showDate) it is a `year-item`, in «Сейчас и просрочено» a `due-item`. */
function Row({ item, today, first, showDate }: { item: CalendarItem; today: string; first: boolean; showDate: boolean }) {
  const b = stateBadge(item, today);
  const late = item.state === 'late';
  return (
    <Group
      justify="space-between"
      wrap="nowrap"
      py={7}
      style={{ borderTop: first ? undefined : '1px solid var(--mantine-color-gray-2)', opacity: item.state === 'done' ? 0.75 : undefined }}
      data-testid={showDate ? 'year-item' : 'due-item'}
      data-key={item.key}
      data-state={item.state}
      data-red={late || undefined}
    >
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }} align="flex-start">
        {showDate ? (
          <Text size="sm" fw={600} className="tnum" w={150} style={{ flexShrink: 0, whiteSpace: 'nowrap' }} pt={4}>
            {whenText(item)}
          </Text>
        ) : null}
        <ThemeIcon variant="light" color={COLOR[item.state]} size={30} radius="md" style={{ flexShrink: 0 }}>
          {ICON[item.kind]}
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Anchor href={`#${item.href}`} size="sm" fw={600} c={late ? 'red.8' : 'dark'} underline="hover" data-testid="due-item-link">
            {item.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {item.detail}
          </Text>
        </div>
      </Group>
      <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
        {item.forInfo ? (
          <Badge variant="outline" color="gray" tt="none" fw={500}>
            для сведения
          </Badge>
        ) : null}
        <Badge variant={b.filled ? 'filled' : 'light'} color={b.color} tt="none" fw={600} className="tnum" data-testid="due-item-state">
          {b.text}
        </Badge>
      </Group>
    </Group>
  );
}

/** «Сейчас и просрочено»: what is late (in red, with how many days) and what is due now. */
export function NowPanel({ calendar }: { calendar: OfficeCalendar }) {
  const items = nowItems(calendar.items);
  const urgent = items.some((i) => i.state === 'late');
  return (
    <Paper p="lg" data-testid="due-items" style={urgent ? { borderColor: 'var(--mantine-color-red-3)' } : undefined}>
      <Group gap="xs" mb="xs">
        <IconAlertTriangle size={20} stroke={1.6} color={urgent ? 'var(--mantine-color-red-6)' : undefined} />
        <Title order={4}>Сейчас и просрочено</Title>
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="due-none">
          Сроки не горят: всё, что нужно было сделать к {ruDate(calendar.today)}, сделано.
        </Text>
      ) : (
        <Stack gap={0}>
          {items.map((it, i) => (
            <Row key={it.key} item={it} today={calendar.today} first={i === 0} showDate={false} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

/** The year by month: every item at its day, today marked. */
export function YearPanel({ calendar }: { calendar: OfficeCalendar }) {
  const { year, today } = calendar;
  return (
    <Paper p="lg" h="100%" data-testid="home-year">
      <Group gap="xs" mb="sm">
        <IconCalendarDue size={20} stroke={1.6} />
        <Title order={4}>{year ? `Сроки учебного года ${year.name}` : 'Сроки'}</Title>
      </Group>
      {!year ? (
        <Text size="sm" c="dimmed">
          Сроки появятся, когда будет создан учебный год: <Anchor href="#/setup/year">Настройка → Учебный год</Anchor>.
        </Text>
      ) : (
        <Stack gap="sm">
          {byMonth(calendar.items, year.startDate).map((m) => {
            const current = today.startsWith(m.month);
            const before = m.items.filter((i) => i.date < today);
            const after = m.items.filter((i) => i.date >= today);
            return (
              <div key={m.month} data-testid="home-month" data-current={current || undefined}>
                <Text size="xs" fw={700} tt="uppercase" c={current ? 'blue.8' : 'dimmed'} mb={2}>
                  {m.label}
                </Text>
                {m.items.length === 0 && !current ? (
                  <Text size="xs" c="dimmed">
                    Сроков нет
                  </Text>
                ) : null}
                {(current ? before : m.items).map((it, i) => (
                  <Row key={it.key} item={it} today={today} first={i === 0} showDate />
                ))}
                {current ? (
                  <Fragment>
                    <Group gap="xs" py={4} data-testid="home-today">
                      <IconChecklist size={16} color="var(--mantine-color-blue-7)" />
                      <Text size="sm" fw={700} c="blue.8">
                        Сегодня, {ruDate(today)}
                      </Text>
                      <div style={{ flex: 1, borderTop: '2px solid var(--mantine-color-blue-4)' }} />
                    </Group>
                    {after.map((it, i) => (
                      <Row key={it.key} item={it} today={today} first={i === 0} showDate />
                    ))}
                  </Fragment>
                ) : null}
              </div>
            );
          })}
        </Stack>
      )}
    </Paper>
  );
}
