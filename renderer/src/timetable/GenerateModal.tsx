// «Составить расписание» (issue 11 point 3): the generator as a job with progress and cancel (the
// jobs panel shows it too); it places the unplaced cards, or rebuilds a parallel, a teacher or the
// whole timetable; pinned cards never move. Cancelling leaves the timetable as it was.
import { useState } from 'react';
import { Button, Group, List, Modal, Progress, Radio, Select, Stack, Text } from '@mantine/core';
import { AppError, call } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import type { GenerateResult, GenerateScope, TimetableBoard } from '../../../electron/api/timetable';
import { useOwnParallels } from '../app/parallels';

export function GenerateModal({ board, onClose }: { board: TimetableBoard; onClose: () => void }) {
  const own = useOwnParallels();
  const grades = [...new Set(board.classes.map((c) => c.grade))].filter((g) => own.mine(g)).sort((a, b) => a - b);
  const [kind, setKind] = useState<GenerateScope['kind']>('unplaced');
  const [grade, setGrade] = useState<string | null>(grades[0] !== undefined ? String(grades[0]) : null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [result, setResult] = useState<GenerateResult | null>(null);
  const run = useAction(
    () => {
      const scope: GenerateScope = kind === 'grade' ? { kind, grade: Number(grade) } : kind === 'teacher' ? { kind, teacherId: teacherId ?? '' } : { kind };
      return call('timetable.generate', { timetableId: board.version.id, scope, seed: 1 });
    },
    { onSuccess: (r) => setResult(r), success: (r) => `Поставлено уроков: ${r.placed}` },
  );
  const jobs = useOp('jobs.list', undefined, { enabled: run.busy, refetchInterval: run.busy ? 700 : false });
  const job = run.busy ? jobs.data?.find((j) => j.op === 'timetable.generate' && (j.state === 'running' || j.state === 'queued')) : undefined;
  const cancel = useAction((id: string) => call('jobs.cancel', { id }), { invalidates: false });
  const cancelled = run.error instanceof AppError && run.error.code === 'cancelled';
  const ready = kind === 'grade' ? grade !== null : kind === 'teacher' ? teacherId !== null : true;

  return (
    <Modal opened onClose={onClose} title="Составить расписание" size="md" closeOnClickOutside={!run.busy} data-testid="tt-generate-modal">
      <Stack gap="sm">
        <Radio.Group value={kind} onChange={(v) => setKind(v as GenerateScope['kind'])} label="Что составить">
          <Stack gap={6} mt={6}>
            <Radio value="unplaced" label="Поставить все непоставленные уроки" disabled={run.busy} />
            <Radio value="grade" label="Пересоставить параллель" disabled={run.busy || !grades.length} />
            <Radio value="teacher" label="Пересоставить уроки учителя" disabled={run.busy} />
            {own.grades ? null : <Radio value="all" label="Составить всё заново" disabled={run.busy} />}
          </Stack>
        </Radio.Group>
        {kind === 'grade' ? <Select label="Параллель" data={grades.map((g) => ({ value: String(g), label: `${g} классы` }))} value={grade} onChange={setGrade} disabled={run.busy} /> : null}
        {kind === 'teacher' ? <Select label="Учитель" searchable data={board.teachers.map((t) => ({ value: t.id, label: t.name }))} value={teacherId} onChange={setTeacherId} disabled={run.busy} /> : null}
        <Text size="xs" c="dimmed">
          Закреплённые уроки не передвигаются. Накладок не будет; окна учителей сводятся к меньшему.
        </Text>
        {run.busy ? (
          <Stack gap={4} data-testid="tt-generate-progress">
            <Progress value={job && job.total > 0 ? (100 * job.done) / job.total : 100} animated striped={!job || job.total === 0} />
            <Text size="xs" c="dimmed">
              {job?.phrase || 'Составляем расписание…'}
            </Text>
          </Stack>
        ) : null}
        {result ? (
          <Stack gap={4} data-testid="tt-generate-result">
            <Text size="sm">
              Поставлено уроков: {result.placed}; окон у учителей: {result.teacherWindows}; предупреждений: {result.warnings}; за {(result.ms / 1000).toFixed(1)} с.
            </Text>
            {result.unplaced.length ? (
              <>
                <Text size="sm" c="red">
                  Не удалось поставить без накладок ({result.unplaced.length}):
                </Text>
                <List size="xs">
                  {result.unplaced.slice(0, 20).map((u) => (
                    <List.Item key={u.cardId}>{u.name}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
          </Stack>
        ) : null}
        {cancelled ? <Text size="sm">Отменено: расписание не изменилось.</Text> : <ErrorAlert error={run.error} title="Не составлено" />}
        <Group justify="flex-end">
          {run.busy ? (
            <Button variant="default" color="red" disabled={!job} loading={cancel.busy} onClick={() => job && void cancel.run(job.id)} data-testid="tt-generate-cancel">
              Отменить
            </Button>
          ) : (
            <Button variant="default" onClick={onClose}>
              Закрыть
            </Button>
          )}
          <Button onClick={() => void run.run()} loading={run.busy} disabled={!ready} data-testid="tt-generate-run">
            Составить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
