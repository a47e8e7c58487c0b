import { useEffect, useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { call } from '../../api';
import { useGuardedClose } from '../../app/unsaved';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, hasErrors, MAX, missing, numberText, PLACES, tooLong, type FieldErrors, type NumberRule } from '../../lib/checks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { countOf } from '../../lib/dates';
import { useAction } from '../../data/useAction';
import { invalidateAll } from '../../data/client';
import type { OpInput } from '../../../../electron/api/contract';
import { parseRoomList } from './parseRooms';
import type { Room } from '../../../../electron/api/types';
import type { RoomKind } from '../../../../electron/api/enums';
import { ROOM_KIND_OPTIONS } from '../../lib/labels';

/** Seats in a room: 1–500, or empty (not known). */
export const ROOM_SEATS: NumberRule = { min: 1, max: 500, step: 1, unit: PLACES, optional: true };

export function RoomModal({ room, opened, onClose, onSaved }: { room: Room | null; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState('');
  const [kind, setKind] = useState<RoomKind>('regular');
  const [tried, setTried] = useState(false);
  const saving = useAction((input: OpInput<'rooms.save'>) => call('rooms.save', input), {
    success: (_r, input) => `Кабинет ${input.number} сохранён`,
    onSuccess: () => onSaved(),
  });
  const { busy, error, setError } = saving;
  useEffect(() => {
    if (!opened) return;
    setNumber(room?.number ?? '');
    setName(room?.name ?? '');
    setCapacity(numberText(room?.capacity));
    setKind(room?.kind ?? 'regular');
    setTried(false);
    setError(null);
  }, [opened, room]);
  const p = problemsOf(error);
  const local: FieldErrors = {
    number: tooLong(number, MAX.roomNumber, 'Номер') ?? (tried ? missing(number, 'Номер') : undefined),
    name: tooLong(name, MAX.title, 'Название'),
  };
  const seats = checkNumber(capacity, ROOM_SEATS);
  const submit = async (): Promise<boolean> => {
    setTried(true);
    if (hasErrors({ ...local, number: local.number ?? missing(number, 'Номер') }) || !seats.ok) return focusFirstError(document.querySelector('[data-testid="room-modal"]'));
    return saving.run({ id: room?.id ?? null, number, name, capacity: seats.value, kind });
  };
  const dirty = number !== (room?.number ?? '') || name !== (room?.name ?? '') || capacity !== numberText(room?.capacity) || kind !== (room?.kind ?? 'regular');
  const close = useGuardedClose({ opened, dirty, onClose, save: submit });
  return (
    <Modal opened={opened} onClose={close} title={room ? `Кабинет ${room.number}` : 'Новый кабинет'} data-testid="room-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Номер" withAsterisk value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={local.number ?? fieldError(p, 'number', 'Номер')} data-autofocus data-testid="room-number" />
          <TextInput label="Название" placeholder="Кабинет физики" value={name} onChange={(e) => setName(e.currentTarget.value)} error={local.name ?? fieldError(p, 'name', 'Название')} data-testid="room-name" />
          <NumberField
            label="Мест"
            description="От 1 до 500; можно не указывать"
            value={capacity}
            onChange={setCapacity}
            rule={ROOM_SEATS}
            error={fieldError(p, 'capacity')}
            w={220}
            data-testid="room-capacity"
          />
          <Select
            label="Вид кабинета"
            description="Для расписания: предмет может требовать спортзал, лабораторию, компьютерный класс"
            data={ROOM_KIND_OPTIONS}
            value={kind}
            onChange={(v) => v && setKind(v as RoomKind)}
            allowDeselect={false}
            error={fieldError(p, 'kind')}
            w={280}
            data-testid="room-kind"
          />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} data-testid="room-save">
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Several rooms at once: «101–110, 201–210, Спортзал». Existing numbers are skipped. */
export function BulkRoomsModal({ opened, onClose, onSaved, existing }: { opened: boolean; onClose: () => void; onSaved: () => void; existing: string[] }) {
  const [text, setText] = useState('');
  const adding = useAction(
    async (numbers: string[]) => {
      let done = 0;
      try {
        for (const number of numbers) {
          await call('rooms.save', { number, name: null, capacity: null });
          done++;
        }
      } catch (e) {
        // Those added before the refusal are saved: the list shows them.
        if (done) onSaved();
        throw e;
      }
      return done;
    },
    { success: (done) => `Добавлено ${countOf(done, 'кабинет', 'кабинета', 'кабинетов')}`, onSuccess: () => onSaved() },
  );
  const { busy, error, setError } = adding;
  useEffect(() => {
    if (opened) {
      setText('');
      setError(null);
    }
  }, [opened]);
  const parsed = parseRoomList(text);
  const longOne = parsed.numbers.find((n) => n.length > MAX.roomNumber);
  const listError = parsed.error ?? (longOne ? `Номер «${longOne.slice(0, 30)}${longOne.length > 30 ? '…' : ''}» длиннее ${MAX.roomNumber} символов` : undefined);
  const have = new Set(existing);
  const fresh = parsed.numbers.filter((n) => !have.has(n));
  const submit = async (): Promise<boolean> => {
    if (listError || fresh.length === 0) return false;
    const ok = await adding.run(fresh);
    if (!ok) await invalidateAll(); // a refusal midway: those added before it are shown
    return ok;
  };
  const close = useGuardedClose({ opened, dirty: text.trim() !== '', onClose, save: submit });
  return (
    <Modal opened={opened} onClose={close} title="Добавить кабинеты списком" size="md" data-testid="rooms-bulk-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Textarea
            label="Номера кабинетов"
            description="Через запятую; диапазоны через дефис: 101–115, 201–215, Спортзал"
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={listError}
            data-autofocus
            data-testid="rooms-bulk-text"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
          />
          <Text size="sm" c="dimmed">
            {parsed.numbers.length
              ? `Будет добавлено: ${fresh.length}${parsed.numbers.length > fresh.length ? ` (уже есть: ${parsed.numbers.length - fresh.length})` : ''}`
              : 'Введите номера кабинетов'}
          </Text>
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} disabled={!!listError || fresh.length === 0} data-testid="rooms-bulk-save">
              Добавить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
