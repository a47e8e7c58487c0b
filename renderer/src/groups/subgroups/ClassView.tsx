import { useState } from 'react';
import { Alert, Badge, Button, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowsSplit, IconFileTypePdf, IconX } from '@tabler/icons-react';
import type { ClassSubgroups, ClassSubjectDivision, Division, Subgroup } from '../../../../electron/api/types';
import { call, saveFile } from '../../api';
import { ReadOnlyScope, useReadOnly } from '../../app/access';
import { gradeOfName, useOwnParallels } from '../../app/parallels';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConfirm } from '../../components/Confirm';
import { notifyOk } from '../../lib/notify';
import { countOf } from '../../lib/dates';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { change } from '../../data/change';
import { opKey, queryClient } from '../../data/client';
import { PDF, METHOD_LABELS, type Refs } from '../shared';
import { SubgroupColumn } from './SubgroupColumn';
import { SplitModal } from './SplitModal';

/** A class's subjects with their subgroups (a query: it follows the data). */
export function ClassView({ classId, refs }: { classId: string; refs: Refs }) {
  const ro = useReadOnly();
  const own = useOwnParallels();
  const q = useOp('subgroups.forClass', { classId });
  const data = q.data;
  if (q.error) return <ErrorAlert error={q.error} title="Не загружено" />;
  if (!data) return <Loader size="sm" />;
  // The division a change returned is shown at once; the refetch that follows confirms it.
  const setDivision = (subjectId: string, d: Division | null) =>
    queryClient.setQueryData<ClassSubgroups>(opKey('subgroups.forClass', { classId }), (prev) =>
      prev ? { ...prev, subjects: prev.subjects.map((s) => (s.subjectId === subjectId ? { ...s, division: d } : s)) } : prev,
    );
  const divided = data.subjects.filter((s) => s.division);
  // R8: a deputy director sees another parallel's class read-only (the core refuses its changes).
  const foreign = !own.mine(gradeOfName(data.className));
  return (
    <ReadOnlyScope readOnly={ro || foreign}>
      <Stack gap="md" data-testid="class-subgroups">
        {foreign && !ro ? (
          <Alert color="gray" variant="light" data-testid="class-foreign">
            {own.reason(data.className)}: подгруппы класса показаны только для просмотра.
          </Alert>
        ) : null}
        <Text size="sm" c="dimmed">
          {data.className}: {countOf(data.studentCount, 'ученик', 'ученика', 'учеников')}, разделено предметов: {divided.length} из {data.subjects.length}
        </Text>
        {data.subjects.map((s) => (
          <SubjectCard key={s.subjectId} classId={classId} item={s} all={data.subjects} refs={refs} onDivision={(d) => setDivision(s.subjectId, d)} />
        ))}
      </Stack>
    </ReadOnlyScope>
  );
}

function SubjectCard({
  classId,
  item,
  all,
  refs,
  onDivision,
}: {
  classId: string;
  item: ClassSubjectDivision;
  all: ClassSubjectDivision[];
  refs: Refs;
  onDivision: (d: Division | null) => void;
}) {
  const ro = useReadOnly();
  const [splitOpen, setSplitOpen] = useState(false);
  const [ask, confirmModal] = useConfirm();
  const d = item.division;
  const slug = item.subjectName;

  const moving = useAction(
    async (studentId: string, to: Subgroup) => {
      const next = await call('subgroups.move', { studentId, subgroupId: to.id });
      onDivision(next);
      return next;
    },
    {
      notify: 'Не перемещено',
      success: (_next, studentId, to) => {
        const name = d?.subgroups.flatMap((g) => g.members).find((m) => m.id === studentId)?.fullName ?? 'Ученик';
        return { title: `${item.subjectName}: ученик перемещён`, message: `${name} → ${to.name}` };
      },
    },
  );
  const move = async (studentId: string, to: Subgroup) => {
    if (!d) return;
    const from = d.subgroups.find((g) => g.members.some((m) => m.id === studentId));
    if (from?.id === to.id) return;
    await moving.run(studentId, to);
  };

  const pdf = useAction(
    async () => {
      const f = await call('reports.subgroupListsPdf', { classId, subjectId: item.subjectId });
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'PDF не создан', success: (f) => ({ title: f.fileName, message: 'Списки подгрупп сохранены' }) },
  );

  return (
    <Paper p="md" withBorder data-testid={`subject-${slug}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Title order={4} fz={17}>
              {item.subjectName}
            </Title>
            <Text size="sm" c="dimmed">
              {item.hoursPerWeek} ч/нед
            </Text>
            {d ? (
              <Badge variant="light" color="blue" data-testid="division-badge">
                {countOf(d.subgroups.length, 'подгруппа', 'подгруппы', 'подгрупп')}, {METHOD_LABELS[d.method] ?? d.method}
              </Badge>
            ) : (
              <Badge variant="light" color="gray" data-testid="division-badge">
                не делится
              </Badge>
            )}
            {!d && item.rule ? (
              <Badge variant="outline" color="orange">
                по правилу: на {item.rule.parts}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {ro ? null : (
            <Button size="xs" variant="default" leftSection={<IconArrowsSplit size={14} />} onClick={() => setSplitOpen(true)} data-testid="split-open">
              Разделить…
            </Button>
          )}
          {d && !ro ? (
            <Button
              size="xs"
              variant="default"
              color="red"
              leftSection={<IconX size={14} />}
              data-testid="undivide"
              onClick={() =>
                ask({
                  title: 'Не делить',
                  message: `Отменить деление класса по предмету «${item.subjectName}»? Подгруппы будут удалены, учитель первой подгруппы будет вести весь класс.`,
                  confirmLabel: 'Не делить',
                  color: 'red',
                  errorTitle: 'Не выполнено',
                  run: async () => {
                    await change('subgroups.remove', { classId, subjectId: item.subjectId });
                    onDivision(null);
                    notifyOk(`${item.subjectName}: класс больше не делится`);
                  },
                })
              }
            >
              Не делить
            </Button>
          ) : null}
          {d ? (
            <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} color="var(--mantine-color-red-7)" />} loading={pdf.busy} onClick={() => void pdf.run()} data-testid="subgroup-pdf">
              Списки подгрупп (PDF)
            </Button>
          ) : null}
        </Group>
      </Group>
      {d ? (
        <>
          {d.unplaced.length ? (
            <Alert color="orange" variant="light" mt="sm" p="xs">
              Без подгруппы: {d.unplaced.map((u) => u.fullName).join(', ')} — см. панель «Новые ученики без подгруппы».
            </Alert>
          ) : null}
          <SimpleGrid cols={Math.min(d.subgroups.length, 4)} mt="md" spacing="md">
            {d.subgroups.map((g, gi) => (
              <SubgroupColumn key={g.id} g={g} index={gi} d={d} refs={refs} subjectName={item.subjectName} onMove={move} onDivision={onDivision} />
            ))}
          </SimpleGrid>
          {ro ? null : (
            <Text size="xs" c="dimmed" mt="xs">
              Перетащите ученика в другую подгруппу или выберите карточку и нажмите цифру подгруппы (1, 2…) либо ← / →.
            </Text>
          )}
        </>
      ) : null}
      {splitOpen ? (
      <SplitModal
        opened={splitOpen}
        onClose={() => setSplitOpen(false)}
        classId={classId}
        item={item}
        others={all.filter((s) => s.division && s.subjectId !== item.subjectId)}
        onDone={(next) => {
          onDivision(next);
          setSplitOpen(false);
        }}
      />
      ) : null}
      {confirmModal}
    </Paper>
  );
}

