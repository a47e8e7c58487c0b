import { useEffect, useState } from 'react';
import { Button, Group, Modal, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { countOf } from '../../lib/dates';
import { notifyOk } from '../../lib/notify';
import { parseRoomList } from './parseRooms';
import type { Room } from '../../../../electron/api/types';

export function RoomModal({ room, opened, onClose, onSaved }: { room: Room | null; opened: boolean; onClose: () => void; onSaved: () => void }) {
  const [number, setNumber] = useState('');
  const [name, setName] = useState('');
  const [capacity, setCapacity] = useState<number | string>('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setNumber(room?.number ?? '');
    setName(room?.name ?? '');
    setCapacity(room?.capacity ?? '');
    setError(null);
  }, [opened, room]);
  const p = problemsOf(error);
  const submit = async () => {
    setBusy(true);
    try {
      await call('rooms.save', { id: room?.id ?? null, number, name, capacity: typeof capacity === 'number' ? capacity : null });
      notifyOk(`Кабинет ${number} сохранён`);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={room ? `Кабинет ${room.number}` : 'Новый кабинет'}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Номер" required value={number} onChange={(e) => setNumber(e.currentTarget.value)} error={fieldError(p, 'number', 'Номер')} data-autofocus data-testid="room-number" />
          <TextInput label="Название" placeholder="Кабинет физики" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldError(p, 'name', 'Название')} />
          <NumberInput label="Мест" value={capacity} onChange={setCapacity} min={1} max={500} allowDecimal={false} w={160} error={fieldError(p, 'capacity')} />
          {error ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
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
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (opened) {
      setText('');
      setError(null);
    }
  }, [opened]);
  const parsed = parseRoomList(text);
  const have = new Set(existing);
  const fresh = parsed.numbers.filter((n) => !have.has(n));
  const submit = async () => {
    if (parsed.error || fresh.length === 0) return;
    setBusy(true);
    let done = 0;
    try {
      for (const number of fresh) {
        await call('rooms.save', { number, name: null, capacity: null });
        done++;
      }
      notifyOk(`Добавлено ${countOf(done, 'кабинет', 'кабинета', 'кабинетов')}`);
      onSaved();
    } catch (e) {
      setError(e);
      if (done) onSaved();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Добавить кабинеты списком" size="md">
      <form
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
            error={parsed.error}
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
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} disabled={!!parsed.error || fresh.length === 0} data-testid="rooms-bulk-save">
              Добавить
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
