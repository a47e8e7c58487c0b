import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Button, Group, Paper, Progress, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClockHour4, IconX } from '@tabler/icons-react';
import { call } from '../api';
import type { JobInfo } from '../../../electron/api/types';

/** How often the list is asked for while a job runs, and while none does. */
const POLL_RUNNING_MS = 700;
const POLL_IDLE_MS = 2500;
/** An ended job stays in the panel this long (failed ones until closed). */
const SHOW_ENDED_MS = 4000;
/** A job is shown once it has run this long: a quick one (most checks of a file) does not flash by. */
const SHOW_AFTER_MS = 800;

const running = (j: JobInfo) => j.state === 'queued' || j.state === 'running';

/** «Списки подгрупп: 12 из 40 классов — 30 %»; a job that does not know its size yet says what it does. */
function progressText(j: JobInfo): string {
  if (j.state === 'queued') return 'Ожидает очереди';
  if (j.state === 'done') return 'Готово';
  if (j.state === 'cancelled') return 'Отменено, ничего не изменено';
  if (j.state === 'failed') return j.error ?? 'Не выполнено';
  const pct = j.total > 0 ? ` — ${Math.floor((100 * j.done) / j.total)} %` : '';
  return `${j.phrase || 'Выполняется'}${pct}`;
}

/**
 * The progress panel (issue 9, point 7): the session's long jobs — printed lists, exports,
 * imports, backups — with their progress and a cancel button, in the corner of every screen.
 * Self-contained: it asks `jobs.list` itself (often while something runs) and shows an ended job
 * for a few seconds. Cancelling ends the job as «Отменено», leaving nothing written; the screen
 * that started it is told by its own call.
 */
export function JobsPanel() {
  const [jobs, setJobs] = useState<JobInfo[]>([]);
  const [asked, setAsked] = useState<Set<string>>(new Set());
  const [closed, setClosed] = useState<Set<string>>(new Set());
  /** When this panel first saw each job, and saw it ended (the host's clock may differ from the page's). */
  const seen = useRef(new Map<string, number>());
  const endedSeen = useRef(new Map<string, number>());
  /** Jobs the panel has shown: only these stay a moment after they end. */
  const shownOnce = useRef(new Set<string>());
  const [, tick] = useState(0);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One request at a time: a locked program holds the call until it is unlocked.
    const poll = async () => {
      let next = POLL_IDLE_MS;
      try {
        const list = await call('jobs.list');
        if (stop) return;
        const now = Date.now();
        for (const j of list) {
          if (!seen.current.has(j.id)) seen.current.set(j.id, running(j) ? now : 0);
          if (!running(j) && !endedSeen.current.has(j.id)) endedSeen.current.set(j.id, now);
        }
        setJobs(list);
        tick((n) => n + 1);
        if (list.some(running) || list.some((j) => now - (endedSeen.current.get(j.id) ?? now) < SHOW_ENDED_MS)) next = POLL_RUNNING_MS;
      } catch {
        // logged out or no connection: the shell shows it; the panel tries again later
      }
      if (!stop) timer = setTimeout(() => void poll(), next);
    };
    void poll();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, []);

  const now = Date.now();
  // In the order they were started: the running ones first, the waiting ones under them.
  const shown = [...jobs].reverse().filter(
    (j) =>
      !closed.has(j.id) &&
      (running(j)
        ? now - (seen.current.get(j.id) ?? now) >= SHOW_AFTER_MS
        : shownOnce.current.has(j.id) && (j.state === 'failed' || now - (endedSeen.current.get(j.id) ?? now) < SHOW_ENDED_MS)),
  );
  for (const j of shown) shownOnce.current.add(j.id);
  if (!shown.length) return null;

  const cancel = async (j: JobInfo) => {
    setAsked((s) => new Set(s).add(j.id));
    try {
      const after = await call('jobs.cancel', { id: j.id });
      setJobs((list) => list.map((x) => (x.id === after.id ? after : x)));
    } catch {
      // already ended: the next look at the list shows how
    }
  };

  return (
    <Paper
      withBorder
      shadow="md"
      radius="md"
      p="sm"
      w={380}
      data-testid="jobs-panel"
      role="status"
      aria-label="Выполняемые задачи"
      // Clicks pass through to the screen under it, except on its own buttons: it never hides a button from the user's mouse.
      style={{ position: 'fixed', right: 16, bottom: 16, zIndex: 300, pointerEvents: 'none' }}
    >
      <Stack gap="sm">
        {shown.map((j) => (
          <Stack key={j.id} gap={4} data-testid="job" data-state={j.state} data-job-id={j.id}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <ThemeIcon size={22} radius="xl" variant="light" color={j.state === 'failed' ? 'red' : j.state === 'done' ? 'teal' : j.state === 'cancelled' ? 'gray' : 'blue'}>
                  {j.state === 'done' ? <IconCheck size={14} /> : j.state === 'failed' ? <IconAlertTriangle size={14} /> : j.state === 'cancelled' ? <IconX size={14} /> : <IconClockHour4 size={14} />}
                </ThemeIcon>
                <Text size="sm" fw={600} truncate>
                  {j.title}
                </Text>
              </Group>
              {running(j) ? (
                <Button size="compact-xs" variant="light" color="red" loading={asked.has(j.id)} onClick={() => void cancel(j)} data-testid="job-cancel" style={{ pointerEvents: 'auto', flexShrink: 0 }}>
                  Отменить
                </Button>
              ) : (
                <Tooltip label="Скрыть">
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label="Скрыть" style={{ pointerEvents: 'auto' }} onClick={() => setClosed((s) => new Set(s).add(j.id))}>
                    <IconX size={14} />
                  </ActionIcon>
                </Tooltip>
              )}
            </Group>
            {running(j) ? (
              <Progress
                value={j.total > 0 ? (100 * j.done) / j.total : 100}
                striped={j.total === 0 || j.state === 'queued'}
                animated={j.total === 0 || j.state === 'queued'}
                size="sm"
                aria-label={j.title}
              />
            ) : null}
            <Text size="xs" c={j.state === 'failed' ? 'red' : 'dimmed'} data-testid="job-phrase" lineClamp={2}>
              {asked.has(j.id) && running(j) ? 'Отменяется…' : progressText(j)}
            </Text>
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
