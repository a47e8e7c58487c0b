import { useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconCalendarTime, IconCheck, IconDeviceFloppy } from '@tabler/icons-react';
import { call } from '../../api';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TimeField } from '../../components/TimeField';
import { useGuardedClose } from '../../app/unsaved';
import { focusFirstError } from '../../components/focusError';
import { hasErrors, MAX, tooLong, type FieldErrors } from '../../lib/checks';

/** How to reach the reporter: a phone, an e-mail or a few words (the core's limit). */
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
  const saving = useAction((input: OpInput<'corrections.save'>) => call('corrections.save', input), { onSuccess: (r) => onSaved(r) });
  const { busy, error, setError } = saving;
  const [local, setLocal] = useState<Record<string, string>>({});
  const [initial, setInitial] = useState('');

  useEffect(() => {
    if (!opened) return;
    const at = request?.reportedAt ?? new Date().toISOString();
    const start = { date: ruDateTime(at).slice(0, 10), time: ruTime(at), reporter: request?.reporter ?? '', contact: request?.reporterContact ?? '', description: request?.description ?? '' };
    setDate(start.date);
    setTime(start.time);
    setReporter(start.reporter);
    setContact(start.contact);
    setDescription(start.description);
    setInitial(JSON.stringify(start));
    setError(null);
    setLocal({});
  }, [opened, request]);

  // Too long is named while typing; empty fields and a wrong moment on «Сохранить».
  const long: FieldErrors = {
    reporter: tooLong(reporter, MAX.personName, 'Кто сообщил'),
    contact: tooLong(contact, MAX.contact, 'Как связаться'),
    description: tooLong(description, MAX.note, 'Суть ошибки'),
  };
  const at = localMoment(date, time);
  const submit = async (): Promise<boolean> => {
    const l: Record<string, string> = {};
    if (!at) l.when = 'Укажите дату (ДД.ММ.ГГГГ) и время (ЧЧ:ММ) обращения';
    if (!reporter.trim()) l.reporter = 'Укажите, кто сообщил об ошибке';
    if (!description.trim()) l.description = 'Опишите ошибку';
    setLocal(l);
    if (Object.keys(l).length || hasErrors(long) || !at) return focusFirstError(document.querySelector('[data-testid="correction-modal"]'));
    return saving.run({
      id: request?.id ?? null,
      reportedAt: at,
      reporter: reporter.trim(),
      reporterContact: contact.trim() || null,
      description: description.trim(),
    });
  };
  const dirty = initial !== '' && JSON.stringify({ date, time, reporter, contact, description }) !== initial;
  const close = useGuardedClose({ opened, dirty, onClose, save: submit });
  const p = problemsOf(error);
  const whenError = local.when ?? fieldError(p, 'reportedAt', 'Дата и время обращения');
  const known = whenError ?? fieldError(p, 'reporter', 'Кто сообщил') ?? fieldError(p, 'description', 'Суть ошибки');

  return (
    <Modal opened={opened} onClose={close} title={request ? `Обращение от ${ruDateTime(request.reportedAt)}` : 'Новое обращение об ошибке'} size="lg" data-testid="correction-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <SimpleGrid cols={2} spacing="sm">
            <DateField label="Дата обращения" withAsterisk value={date} onChange={setDate} data-testid="correction-date" />
            <TimeField label="Время" withAsterisk value={time} onChange={setTime} leftSection={<IconCalendarTime size={16} stroke={1.5} />} data-testid="correction-time" />
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
              withAsterisk
              placeholder="Петрова Анна Сергеевна, мать ученика 5А"
              value={reporter}
              onChange={(e) => setReporter(e.currentTarget.value)}
              error={long.reporter ?? local.reporter ?? fieldError(p, 'reporter', 'Кто сообщил')}
              data-autofocus
              data-testid="correction-reporter"
            />
            <TextInput
              label="Как связаться"
              placeholder="Телефон или e-mail"
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              error={long.contact ?? fieldError(p, 'reporterContact', 'Как связаться')}
              data-testid="correction-contact"
            />
          </SimpleGrid>
          <Textarea
            label="Суть ошибки"
            withAsterisk
            autosize
            minRows={3}
            placeholder="Что указано неверно и как должно быть"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={long.description ?? local.description ?? fieldError(p, 'description', 'Суть ошибки')}
            data-testid="correction-description"
          />
          {error && !known ? <ErrorAlert error={error} /> : null}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
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
  const marking = useAction((id: string, text: string) => call('corrections.markCorrected', { id, resolution: text }), { onSuccess: (r) => onSaved(r) });
  const { busy, error, setError } = marking;
  useEffect(() => {
    setResolution(request?.resolution ?? '');
    setError(null);
  }, [request]);
  const late = request ? Date.now() > Date.parse(request.dueAt) : false;
  const long = tooLong(resolution, MAX.note, 'Что исправлено');
  const submit = async (): Promise<boolean> => {
    if (!request) return false;
    if (!resolution.trim()) {
      setError(new Error('empty'));
      return false;
    }
    if (long) return false;
    return marking.run(request.id, resolution.trim());
  };
  const empty = error instanceof Error && error.message === 'empty';
  const close = useGuardedClose({ opened: request !== null, dirty: resolution !== (request?.resolution ?? ''), onClose, save: submit });
  return (
    <Modal opened={request !== null} onClose={close} title="Отметить исправление" size="lg" data-testid="corrected-modal">
      {request ? (
        <form
          noValidate
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
              withAsterisk
              autosize
              minRows={3}
              placeholder="Например: исправлена дата рождения ученика 5А Петрова Ивана с 12.03.2015 на 21.03.2015"
              value={resolution}
              onChange={(e) => {
                setResolution(e.currentTarget.value);
                setError(null);
              }}
              error={long ?? (empty ? 'Опишите, что исправлено' : fieldError(problemsOf(error), 'resolution', 'Что исправлено'))}
              data-autofocus
              data-testid="correction-resolution"
            />
            <Text size="xs" c="dimmed">
              Время исправления (сейчас) и ваш логин запишутся в реестр и в журнал изменений.
            </Text>
            {error && !empty ? <ErrorAlert error={error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
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
