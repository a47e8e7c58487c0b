import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import { call } from '../../api';
import { useGuardedClose } from '../../app/unsaved';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, hasErrors, MAX, missing, numberText, sameData, tooLong, type FieldErrors, type NumberRule } from '../../lib/checks';
import { fieldError, problemsOf } from '../../lib/errors';
import { GRADING_OPTIONS, ROOM_KIND_OPTIONS } from '../../lib/labels';
import type { RoomKind } from '../../../../electron/api/enums';
import type { Grading, Subject } from '../../../../electron/api/types';

/** The place of a subject in lists (the standard list uses 10, 20, 30…). */
const SORT_ORDER: NumberRule = { min: 0, max: 100_000, step: 1 };

interface Form {
  name: string;
  shortName: string;
  grading: Grading;
  noAttestation: boolean;
  sortOrder: string;
  /** The kind of room its lessons need (issue 11); null: any room. */
  roomKind: RoomKind | null;
}
const fromSubject = (s: Subject | null, nextSort: number): Form => ({
  name: s?.name ?? '',
  shortName: s?.shortName ?? '',
  grading: s?.grading ?? 'five_point',
  noAttestation: s?.noAttestation ?? false,
  sortOrder: numberText(s?.sortOrder ?? nextSort),
  roomKind: s?.roomKind ?? null,
});

export function SubjectModal({ subject, opened, onClose, onSaved, nextSort }: { subject: Subject | null; opened: boolean; onClose: () => void; onSaved: (s: Subject) => void; nextSort: number }) {
  const [f, setF] = useState<Form>(() => fromSubject(null, nextSort));
  const [initial, setInitial] = useState<Form>(f);
  const [tried, setTried] = useState(false);
  const saving = useAction((input: OpInput<'subjects.save'>) => call('subjects.save', input), { onSuccess: (s) => onSaved(s) });
  const { busy, error, setError } = saving;

  useEffect(() => {
    if (!opened) return;
    const start = fromSubject(subject, nextSort);
    setF(start);
    setInitial(start);
    setTried(false);
    setError(null);
    // Only when the form opens: a reload of the list behind it must not reset what is typed.
  }, [opened, subject]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((x) => ({ ...x, [k]: v }));

  // Too long and wrong numbers are named while typing; an empty name on «Сохранить».
  const local: FieldErrors = {
    name: tooLong(f.name, MAX.title, 'Название') ?? (tried ? missing(f.name, 'Название') : undefined),
    shortName:
      tooLong(f.shortName, MAX.shortTitle, 'Краткое название') ??
      (tried && f.shortName.trim() === '' && f.name.trim().length > MAX.shortTitle ? `Название длиннее ${MAX.shortTitle} символов: укажите краткое` : undefined),
  };
  const sort = checkNumber(f.sortOrder, SORT_ORDER);

  const submit = async (): Promise<boolean> => {
    setTried(true);
    const all = {
      ...local,
      name: local.name ?? missing(f.name, 'Название'),
      shortName: local.shortName ?? (f.shortName.trim() === '' && f.name.trim().length > MAX.shortTitle ? 'short' : undefined),
    };
    if (hasErrors(all) || !sort.ok) return focusFirstError(document.querySelector('[data-testid="subject-form"]'));
    return saving.run({
      id: subject?.id ?? null,
      name: f.name,
      shortName: f.shortName.trim() || f.name,
      grading: f.grading,
      noAttestation: f.noAttestation,
      sortOrder: sort.value ?? 0,
      roomKind: f.roomKind,
    });
  };
  const close = useGuardedClose({ opened, dirty: !sameData(f, initial), onClose, save: submit });
  const p = problemsOf(error);

  return (
    <Modal opened={opened} onClose={close} title={subject ? 'Предмет' : 'Новый предмет'} size="md" data-testid="subject-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        data-testid="subject-form"
      >
        <Stack gap="sm">
          <TextInput
            label="Название"
            withAsterisk
            value={f.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={local.name ?? fieldError(p, 'name', 'Название')}
            data-autofocus
            data-testid="subject-name"
          />
          <TextInput
            label="Краткое название"
            description="Для заголовков таблиц и расписания; если пусто — как название"
            value={f.shortName}
            onChange={(e) => set('shortName', e.currentTarget.value)}
            error={local.shortName ?? fieldError(p, 'shortName', 'Краткое название')}
            data-testid="subject-short"
          />
          <Select label="Оценивание" data={GRADING_OPTIONS} value={f.grading} onChange={(v) => v && set('grading', v as Grading)} />
          <Select
            label="Нужен кабинет"
            description="Для расписания: урок можно поставить только в кабинет этого вида"
            placeholder="Любой кабинет"
            data={ROOM_KIND_OPTIONS}
            value={f.roomKind}
            onChange={(v) => set('roomKind', (v as RoomKind | null) ?? null)}
            clearable
            error={fieldError(p, 'roomKind')}
            data-testid="subject-room-kind"
          />
          <Switch
            label="Без аттестации"
            description="Отметки за период не выставляются (например, «Разговоры о важном»)"
            checked={f.noAttestation}
            onChange={(e) => set('noAttestation', e.currentTarget.checked)}
          />
          <NumberField
            label="Порядок в списках"
            value={f.sortOrder}
            onChange={(t) => set('sortOrder', t)}
            rule={SORT_ORDER}
            error={tried && !sort.ok ? sort.error : fieldError(p, 'sortOrder')}
            w={180}
            data-testid="subject-sort"
          />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close} data-testid="subject-cancel">
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
