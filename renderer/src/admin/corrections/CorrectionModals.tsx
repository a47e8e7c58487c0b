import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCalendarTime, IconCheck, IconDeviceFloppy } from '@tabler/icons-react';
import { call } from '../../api';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TimeField } from '../../components/TimeField';
import { fieldError, problemsOf } from '../../lib/errors';
import { localMoment, ruDateTime, ruTime } from '../../lib/dates';
import type { CorrectionRequest } from '../../../../electron/api/types';

const DAY = 86_400_000;

/** Registering a reported error (or correcting the registration): when, who, how to reach them, what. */
export function CorrectionModal({
  request,
  opened,
  onClose,
  onSaved,
}: {
  request: CorrectionRequest | null;
  opened: boolean;
  onClose: () => void;
  onSaved: (r: CorrectionRequest) => void;
}) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [reporter, setReporter] = useState('');
  const [contact, setContact] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    const at = request?.reportedAt ?? new Date().toISOString();
    setDate(ruDateTime(at).slice(0, 10));
    setTime(ruTime(at));
    setReporter(request?.reporter ?? '');
    setContact(request?.reporterContact ?? '');
    setDescription(request?.description ?? '');
    setError(null);
    setLocal({});
  }, [opened, request]);

  const at = localMoment(date, time);
  const submit = async () => {
    const l: Record<string, string> = {};
    if (!at) l.when = 'Укажите дату (ДД.ММ.ГГГГ) и время (ЧЧ:ММ) обращения';
    if (!reporter.trim()) l.reporter = 'Укажите, кто сообщил об ошибке';
    if (!description.trim()) l.description = 'Опишите ошибку';
    setLocal(l);
    if (Object.keys(l).length || !at) return;
    setBusy(true);
    try {
      const r = await call('corrections.save', {
        id: request?.id ?? null,
        reportedAt: at,
        reporter: reporter.trim(),
        reporterContact: contact.trim() || null,
        description: description.trim(),
      });
      onSaved(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const p = problemsOf(error);
  const whenError = local.when ?? fieldError(p, 'reportedAt', 'Дата и время обращения');
  const known = whenError ?? fieldError(p, 'reporter', 'Кто сообщил') ?? fieldError(p, 'description', 'Суть ошибки');

  return (
    <Modal opened={opened} onClose={onClose} title={request ? `Обращение от ${ruDateTime(request.reportedAt)}` : 'Новое обращение об ошибке'} size="lg" data-testid="correction-modal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <DateField label="Дата обращения" required value={date} onChange={setDate} data-testid="correction-date" />
            <TimeField label="Время" required value={time} onChange={setTime} leftSection={<IconCalendarTime size={16} stroke={1.5} />} data-testid="correction-time" />
          </SimpleGrid>
          {whenError ? (
            <Text size="xs" c="red" mt={-6}>
              {whenError}
            </Text>
          ) : at ? (
            <Text size="sm" c="dimmed" mt={-4} data-testid="correction-due-preview">
              Исправить до <b className="tnum">{ruDateTime(new Date(Date.parse(at) + DAY).toISOString())}</b> — в течение суток с момента обращения.
            </Text>
          ) : null}
          <SimpleGrid cols={2} spacing="sm" style={{ gridTemplateColumns: '3fr 2fr' }}>
            <TextInput
              label="Кто сообщил"
              required
              placeholder="Петрова Анна Сергеевна, мать ученика 5А"
              value={reporter}
              onChange={(e) => setReporter(e.currentTarget.value)}
              error={local.reporter ?? fieldError(p, 'reporter', 'Кто сообщил')}
              data-autofocus
              data-testid="correction-reporter"
            />
            <TextInput
              label="Как связаться"
              placeholder="Телефон или e-mail"
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              data-testid="correction-contact"
            />
          </SimpleGrid>
          <Textarea
            label="Суть ошибки"
            required
            autosize
            minRows={3}
            placeholder="Что указано неверно и как должно быть"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={local.description ?? fieldError(p, 'description', 'Суть ошибки')}
            data-testid="correction-description"
          />
          {error && !known ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              Отмена
            </Button>
            <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />} data-testid="correction-save">
              {request ? 'Сохранить' : 'Зарегистрировать'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** «Отметить исправление»: what was corrected; the time and the person are recorded by the core. */
export function CorrectedModal({ request, onClose, onSaved }: { request: CorrectionRequest | null; onClose: () => void; onSaved: (r: CorrectionRequest) => void }) {
  const [resolution, setResolution] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setResolution(request?.resolution ?? '');
    setError(null);
  }, [request]);
  const late = request ? Date.now() > Date.parse(request.dueAt) : false;
  const submit = async () => {
    if (!request) return;
    if (!resolution.trim()) {
      setError(new Error('empty'));
      return;
    }
    setBusy(true);
    try {
      onSaved(await call('corrections.markCorrected', { id: request.id, resolution: resolution.trim() }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const empty = error instanceof Error && error.message === 'empty';
  return (
    <Modal opened={request !== null} onClose={onClose} title="Отметить исправление" size="lg" data-testid="corrected-modal">
      {request ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            <Alert variant="light" color={late ? 'red' : 'gray'} p="sm">
              <Text size="sm" fw={600}>
                {request.reporter}, {ruDateTime(request.reportedAt)}
              </Text>
              <Text size="sm">{request.description}</Text>
              <Text size="xs" c={late ? 'red.8' : 'dimmed'} mt={4}>
                Срок — до {ruDateTime(request.dueAt)}
                {late ? ': срок прошёл, исправление будет отмечено как выполненное с опозданием' : ''}
              </Text>
            </Alert>
            <Textarea
              label="Что исправлено"
              required
              autosize
              minRows={3}
              placeholder="Например: исправлена дата рождения ученика 5А Петрова Ивана с 12.03.2015 на 21.03.2015"
              value={resolution}
              onChange={(e) => {
                setResolution(e.currentTarget.value);
                setError(null);
              }}
              error={empty ? 'Опишите, что исправлено' : undefined}
              data-autofocus
              data-testid="correction-resolution"
            />
            <Text size="xs" c="dimmed">
              Время исправления (сейчас) и ваш логин запишутся в реестр и в журнал изменений.
            </Text>
            {error && !empty ? <ErrorAlert error={error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button type="submit" color="teal" loading={busy} leftSection={<IconCheck size={16} />} data-testid="correction-corrected-save">
                Ошибка исправлена
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
