// The home screen's credentials deadlines (R7): per class teacher, how many accounts are late,
// due soon (within 3 working days) and not issued by the central (to be asked for again), with a link to the register; parents who refused the
// electronic service counted for the printed statements (R12).
import { Anchor, Badge, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useOp } from '../data/useOp';
import { useAppState } from '../app/AppState';
import { countOf, ruDate } from '../lib/dates';

export function HomeCredentials() {
  const { access } = useAppState();
  const sees = access('credentials') !== 'none';
  const dueQ = useOp('credentials.due', undefined, { enabled: sees });
  const d = dueQ.data;
  if (!sees || !d) return null;
  const teachers = d.teachers.filter((t) => t.late || t.dueSoon || t.failed);
  if (!d.teachers.length && !d.refusedParents.length) return null;
  const late = d.teachers.reduce((s, t) => s + t.late + t.failed, 0);
  return (
    <Paper p="lg" data-testid="home-credentials" style={late ? { borderColor: 'var(--mantine-color-red-3)' } : undefined}>
      <Group gap="xs" mb="xs" justify="space-between">
        <Group gap="xs">
          <ThemeIcon variant="light" color={late ? 'red' : 'orange'} size={30} radius="md">
            <IconKey size={18} />
          </ThemeIcon>
          <Title order={4}>Выдача учётных данных</Title>
        </Group>
        <Anchor href="#/credentials" size="sm" data-testid="home-credentials-link">
          Журнал выдачи →
        </Anchor>
      </Group>
      <Stack gap={0}>
        {teachers.length === 0 ? (
          <Text size="sm" c="dimmed">
            Сроки не горят: не вручено {countOf(d.teachers.reduce((s, t) => s + t.open, 0), 'учётная запись', 'учётные записи', 'учётных записей')}.
          </Text>
        ) : null}
        {teachers.map((t, i) => (
          <Group key={t.teacherId ?? t.classes.join()} justify="space-between" wrap="nowrap" py={6} style={{ borderTop: i ? '1px solid var(--mantine-color-gray-2)' : undefined }} data-testid="home-credentials-teacher">
            <div>
              <Anchor href="#/credentials" size="sm" fw={600} c="dark" underline="hover">
                {t.teacherName ?? 'Классный руководитель не назначен'}
              </Anchor>
              <Text size="xs" c="dimmed">
                {t.classes.length ? `${t.classes.join(', ')} · ` : ''}ближайший срок {ruDate(t.nearest)}
              </Text>
            </div>
            <Group gap={6} wrap="nowrap">
              {t.failed ? (
                <Badge color="red" variant="light" tt="none" className="tnum" data-testid="home-credentials-failed">
                  логин не выдан: {t.failed}
                </Badge>
              ) : null}
              {t.late ? (
                <Badge color="red" variant="filled" tt="none" className="tnum">
                  просрочено: {t.late}
                </Badge>
              ) : null}
              {t.dueSoon ? (
                <Badge color="orange" variant="light" tt="none" className="tnum">
                  срок скоро: {t.dueSoon}
                </Badge>
              ) : null}
            </Group>
          </Group>
        ))}
        {d.refusedParents.length ? (
          <Text size="xs" c="dimmed" pt={6} data-testid="home-credentials-refused">
            Отказались от электронного сервиса: {countOf(d.refusedParents.length, 'родитель', 'родителя', 'родителей')} — им выписки на бумаге.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
