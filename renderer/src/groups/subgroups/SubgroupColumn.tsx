import { useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Badge, Group, Kbd, Paper, Select, Stack, Text } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import type { Division, Subgroup } from '../../../../electron/api/types';
import { call } from '../../api';
import { useReadOnly } from '../../app/access';
import { GENDER_SHORT } from '../../lib/labels';
import { useAction } from '../../data/useAction';
import { teacherOptions, type Refs } from '../shared';

/** One subgroup: its teacher and members; a card moves by drag and drop or by keys. */
export function SubgroupColumn({
  g,
  index,
  d,
  refs,
  subjectName,
  onMove,
  onDivision,
}: {
  g: Subgroup;
  index: number;
  d: Division;
  refs: Refs;
  subjectName: string;
  onMove: (studentId: string, to: Subgroup) => Promise<void>;
  onDivision: (d: Division) => void;
}) {
  const ro = useReadOnly();
  const [over, setOver] = useState(false);
  const options = useMemo(() => teacherOptions(refs.staff, subjectName), [refs.staff, subjectName]);
  const setTeacher = useAction(
    async (teacherId: string | null) => {
      const next = await call('subgroups.setTeacher', { subgroupId: g.id, teacherId });
      onDivision(next);
    },
    { notify: 'Учитель не назначен', success: (_r, teacherId) => (teacherId ? `Учитель подгруппы «${g.name}» назначен` : `Учитель подгруппы «${g.name}» снят`) },
  );
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData('text/plain');
    if (id) void onMove(id, g);
  };
  const onKey = (e: KeyboardEvent, studentId: string) => {
    if (ro) return;
    let target: Subgroup | undefined;
    if (/^[1-9]$/.test(e.key)) target = d.subgroups[Number(e.key) - 1];
    else if (e.key === 'ArrowRight') target = d.subgroups[index + 1];
    else if (e.key === 'ArrowLeft') target = d.subgroups[index - 1];
    if (!target) return;
    e.preventDefault();
    const t = target;
    void onMove(studentId, t).then(() => {
      // Keep the focus on the moved card in its new column.
      setTimeout(() => document.querySelector<HTMLElement>(`[data-student-card="${d.id}:${studentId}"]`)?.focus(), 50);
    });
  };
  return (
    <Paper
      p="sm"
      radius="md"
      bg={over ? 'blue.0' : 'gray.0'}
      style={{ border: `1px ${over ? 'dashed var(--mantine-color-blue-5)' : 'solid var(--mantine-color-gray-3)'}` }}
      onDragOver={(e) => {
        if (ro) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      data-testid={`subgroup-col-${g.number}`}
    >
      <Group justify="space-between" mb={6}>
        <Group gap={6}>
          {ro ? null : (
            <Kbd size="xs" title={`Клавиша ${index + 1} переносит выбранного ученика сюда`}>
              {index + 1}
            </Kbd>
          )}
          <Text fw={600}>{g.name}</Text>
        </Group>
        <Badge variant="filled" color={g.members.length ? 'blue' : 'red'} data-testid="subgroup-size">
          {g.members.length}
        </Badge>
      </Group>
      <Select
        size="xs"
        placeholder="Учитель не назначен"
        data={options}
        value={g.teacherId}
        searchable
        clearable
        readOnly={ro}
        error={g.teachers.length === 0 ? 'Нет учителя' : undefined}
        onChange={(v) => void setTeacher.run(v)}
        mb="xs"
        data-testid="subgroup-teacher"
        aria-label={`Учитель: ${g.name}`}
      />
      {g.teachers.length > 1 ? (
        <Text size="xs" c="dimmed" mb={4}>
          {g.teachers.map((t) => `${t.fullName} (${t.hours} ч)`).join(', ')}
        </Text>
      ) : null}
      <Stack gap={4} mih={40}>
        {g.members.map((m) => (
          <Paper
            key={m.id}
            px={8}
            py={4}
            radius="sm"
            withBorder
            tabIndex={0}
            draggable={!ro}
            onDragStart={(e) => {
              e.dataTransfer.setData('text/plain', m.id);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onKeyDown={(e) => onKey(e, m.id)}
            style={{ cursor: ro ? 'default' : 'grab', display: 'flex', alignItems: 'center', gap: 6 }}
            data-testid="student-card"
            data-student-id={m.id}
            data-student-card={`${d.id}:${m.id}`}
            aria-label={`${m.fullName}, ${g.name}`}
          >
            {ro ? null : <IconGripVertical size={14} color="var(--mantine-color-gray-5)" />}
            <Text size="sm" style={{ flex: 1 }}>
              {m.fullName}
            </Text>
            {m.gender ? (
              <Text size="xs" c="dimmed">
                {GENDER_SHORT[m.gender]}
              </Text>
            ) : null}
          </Paper>
        ))}
      </Stack>
    </Paper>
  );
}

