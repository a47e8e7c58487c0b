import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { GRADING_OPTIONS } from '../../lib/labels';
import type { Grading, Subject } from '../../../../electron/api/types';

export function SubjectModal({ subject, opened, onClose, onSaved, nextSort }: { subject: Subject | null; opened: boolean; onClose: () => void; onSaved: (s: Subject) => void; nextSort: number }) {
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [grading, setGrading] = useState<Grading>('five_point');
  const [noAttestation, setNoAttestation] = useState(false);
  const [sortOrder, setSortOrder] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setName(subject?.name ?? '');
    setShortName(subject?.shortName ?? '');
    setGrading(subject?.grading ?? 'five_point');
    setNoAttestation(subject?.noAttestation ?? false);
    setSortOrder(subject?.sortOrder ?? nextSort);
    setError(null);
  }, [opened, subject, nextSort]);

  const submit = async () => {
    setBusy(true);
    try {
      const s = await call('subjects.save', { id: subject?.id ?? null, name, shortName: shortName || name, grading, noAttestation, sortOrder });
      onSaved(s);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const p = problemsOf(error);

  return (
    <Modal opened={opened} onClose={onClose} title={subject ? 'Предмет' : 'Новый предмет'} size="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="subject-form"
      >
        <Stack gap="sm">
          <TextInput label="Название" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(p, 'name', 'Название')} data-autofocus data-testid="subject-name" />
          <TextInput
            label="Краткое название"
            description="Для заголовков таблиц и расписания; если пусто — как название"
            value={shortName}
            onChange={(e) => setShortName(e.currentTarget.value)}
            error={fieldError(p, 'shortName', 'Краткое название')}
            data-testid="subject-short"
          />
          <Select label="Оценивание" data={GRADING_OPTIONS} value={grading} onChange={(v) => v && setGrading(v as Grading)} />
          <Switch
            label="Без аттестации"
            description="Отметки за период не выставляются (например, «Разговоры о важном»)"
            checked={noAttestation}
            onChange={(e) => setNoAttestation(e.currentTarget.checked)}
          />
          <NumberInput label="Порядок в списках" value={sortOrder} onChange={(v) => typeof v === 'number' && setSortOrder(v)} allowDecimal={false} w={180} />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} data-testid="subject-save">
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
