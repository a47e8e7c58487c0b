import { useState } from 'react';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import type { ClassSubjectDivision, Division, SplitBy } from '../../../../electron/api/types';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField } from '../../components/NumberField';
import { checkNumber, PARTS, type NumberRule } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import { useAction } from '../../data/useAction';
import { SPLIT_OPTIONS } from '../shared';

const SPLIT_PARTS: NumberRule = { min: 2, max: 10, step: 1, unit: PARTS };

/** Divides a class by a subject: parts and the method (the rule's by default). */
export function SplitModal({
  opened,
  onClose,
  classId,
  item,
  others,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  classId: string;
  item: ClassSubjectDivision;
  others: ClassSubjectDivision[];
  onDone: (d: Division) => void;
}) {
  /** As typed: refused with its message when not 2–10, never replaced by another number. */
  const [parts, setParts] = useState(String(item.rule?.parts ?? 2));
  const [by, setBy] = useState<SplitBy>(item.rule?.by ?? 'balanced');
  const [copyFrom, setCopyFrom] = useState<string | null>(null);
  const partsCheck = checkNumber(parts, SPLIT_PARTS);
  const splitting = useAction((n: number) => call('subgroups.split', { classId, subjectId: item.subjectId, parts: n, by, copyFromSubjectId: by === 'copy' ? copyFrom : null }), {
    success: (d) => ({ title: 'Класс разделён', message: `${item.subjectName}: ${d.subgroups.map((g) => `${g.name} — ${g.members.length}`).join(', ')}` }),
    onSuccess: (d) => onDone(d),
  });
  const { busy, error } = splitting;
  const run = async () => {
    const n = by === 'gender' || by === 'copy' ? 2 : partsCheck.ok ? partsCheck.value : null;
    if (n === null) return;
    await splitting.run(n);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Разделить: ${item.subjectName}`} data-testid="split-modal">
      <Stack gap="sm">
        {item.division ? <Alert color="orange" variant="light">Класс уже разделён по этому предмету: состав подгрупп будет составлен заново.</Alert> : null}
        <Text size="sm" fw={500}>
          Способ
        </Text>
        <SegmentedControl
          orientation="vertical"
          fullWidth
          value={by}
          onChange={(v) => setBy(v as SplitBy)}
          data={SPLIT_OPTIONS.map((o) => ({ ...o, disabled: o.value === 'copy' && others.length === 0 }))}
          data-testid="split-method"
        />
        {by === 'copy' ? (
          <Select label="Как в предмете" data={others.map((o) => ({ value: o.subjectId, label: o.subjectName }))} value={copyFrom} onChange={setCopyFrom} data-testid="split-copy-from" />
        ) : null}
        {by !== 'gender' && by !== 'copy' ? (
          <NumberField label="Подгрупп" description="От 2 до 10" rule={SPLIT_PARTS} value={parts} onChange={setParts} error={fieldError(problemsOf(error), 'parts')} data-testid="split-parts" />
        ) : null}
        <ErrorAlert error={error} title="Не разделено" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={busy} onClick={() => void run()} disabled={(by === 'copy' && !copyFrom) || (by !== 'gender' && by !== 'copy' && !partsCheck.ok)} data-testid="split-run">
            Разделить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

