import { useState } from 'react';
import { Alert, Button, Group, Loader, Paper, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconCloud, IconCloudOff, IconPlugConnected, IconRefresh } from '@tabler/icons-react';
import { call } from '../api';
import { useAppState } from '../app/AppState';
import { useReadOnly } from '../app/access';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { focusFirstError } from '../components/focusError';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { ruDateTime } from '../lib/dates';
import { errorMessage, fieldError, problemsOf } from '../lib/errors';
import { enrollmentCodeProblem, roundSummary, serverUrlProblem } from '../../../electron/api/sync';
import { MAX, tooLong } from '../lib/checks';
import type { SyncRefusal, SyncStatus } from '../../../electron/api/types';
import { useSyncStatus } from './SyncIndicator';

const OPS: Record<SyncRefusal['changes'][number]['op'], string> = { insert: 'Добавление', update: 'Изменение', delete: 'Удаление' };

function Row({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <Text size="sm" c="dimmed" w={210} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, flex: 1 }} data-testid={testId}>
        {children}
      </div>
    </Group>
  );
}

/** Not registered: the address and the one-time code, «Подключить» (the administrator). */
function RegisterForm() {
  const readOnly = useReadOnly();
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [shown, setShown] = useState<{ serverUrl?: string; code?: string }>({});
  const action = useAction((input: { serverUrl: string; code: string }) => call('sync.register', { ...input, name: null }), {
    success: (r) => ({ title: 'Программа подключена', message: `Школа «${r.schoolName}». ${r.round ? roundSummary(r.round) : `Первая синхронизация не выполнена: ${r.roundError ?? ''}`}` }),
  });
  const problems = problemsOf(action.error);
  const urlError = shown.serverUrl ?? fieldError(problems, 'serverUrl');
  const codeError = shown.code ?? fieldError(problems, 'code');
  const otherError = action.error && !fieldError(problems, 'serverUrl') && !fieldError(problems, 'code') ? action.error : null;

  const submit = async () => {
    const local = {
      serverUrl: serverUrlProblem(serverUrl) ?? undefined,
      code: enrollmentCodeProblem(code) ?? undefined,
    };
    setShown(local);
    if (local.serverUrl || local.code) {
      focusFirstError();
      return;
    }
    await action.run({ serverUrl: serverUrl.trim(), code: code.trim() });
  };

  if (readOnly)
    return (
      <Alert color="gray" icon={<IconCloudOff size={18} />} data-testid="sync-not-registered">
        Программа не подключена к центральной системе. Подключить её может администратор системы: ему нужен адрес центральной системы и
        одноразовый код подключения, который выдают в центральной системе.
      </Alert>
    );
  return (
    <Paper withBorder p="lg" radius="md" maw={640} data-testid="sync-register">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Group gap="sm">
            <IconPlugConnected size={22} stroke={1.6} />
            <Title order={4}>Подключение к центральной системе</Title>
          </Group>
          <Text size="sm" c="dimmed">
            Адрес центральной системы и одноразовый код подключения выдают в центральной системе (код действует 7 дней и подходит только для
            одного компьютера). После подключения изменения, сделанные здесь, будут отправляться туда, а данные электронного журнала — приходить
            сюда.
          </Text>
          <TextInput
            label="Адрес центральной системы"
            placeholder="https://journal.region.ru"
            withAsterisk
            value={serverUrl}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setServerUrl(v);
              setShown((s) => ({ ...s, serverUrl: tooLong(v, MAX.serverUrl, 'Адрес центральной системы') }));
              if (action.error) action.setError(null);
            }}
            error={urlError}
            data-testid="sync-server"
            autoComplete="off"
          />
          <TextInput
            label="Код подключения"
            placeholder="например, K7QM-2XPD-9WTA"
            withAsterisk
            value={code}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setCode(v);
              setShown((s) => ({ ...s, code: tooLong(v, MAX.enrollmentCode, 'Код подключения') }));
              if (action.error) action.setError(null);
            }}
            error={codeError}
            data-testid="sync-code"
            autoComplete="off"
          />
          {otherError ? <ErrorAlert error={otherError} title="Не подключено" /> : null}
          <Group>
            <Button type="submit" loading={action.busy} leftSection={<IconPlugConnected size={16} />} data-testid="sync-register-submit">
              Подключить
            </Button>
            {action.busy ? (
              <Text size="sm" c="dimmed">
                Подключение и первая синхронизация: ход виден в правом нижнем углу.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function StatusCard({ s }: { s: SyncStatus }) {
  const now = useAction(() => call('sync.now'), {
    success: (r) => ({ title: 'Синхронизация выполнена', message: roundSummary(r) }),
    notify: 'Синхронизация не выполнена',
  });
  const cancel = useAction((id: string) => call('jobs.cancel', { id }), { invalidates: true });
  const offline = s.online === false;
  return (
    <Paper withBorder p="lg" radius="md" data-testid="sync-status">
      <Stack gap={4}>
        <Row label="Школа" testId="sync-school">
          <Text size="sm" fw={600}>
            {s.schoolName}
          </Text>
        </Row>
        <Row label="Центральная система" testId="sync-server-url">
          <Text size="sm" ff="monospace">
            {s.serverUrl}
          </Text>
        </Row>
        <Row label="Связь" testId="sync-online">
          <Group gap={6}>
            {offline ? <IconCloudOff size={16} color="var(--mantine-color-red-7)" /> : <IconCloud size={16} color="var(--mantine-color-teal-7)" />}
            <Text size="sm" fw={600} c={offline ? 'red.7' : s.online ? 'teal.7' : 'dimmed'}>
              {offline ? 'Нет связи с центральной системой' : s.online ? 'В сети' : 'Синхронизации ещё не было'}
            </Text>
          </Group>
          {offline && s.lastError ? (
            <Text size="sm" c="red.7" mt={4} data-testid="sync-last-error">
              {s.lastError}
            </Text>
          ) : null}
        </Row>
        <Row label="Последняя синхронизация" testId="sync-last">
          <Text size="sm">{s.lastSyncAt ? ruDateTime(s.lastSyncAt) : '—'}</Text>
        </Row>
        <Row label="Ждут отправки" testId="sync-pending">
          <Text size="sm" fw={s.pending ? 600 : undefined} c={s.pending ? 'orange.8' : undefined}>
            {s.pending ? `${s.pending.toLocaleString('ru-RU')} — будут отправлены при следующей синхронизации` : 'ничего, всё отправлено'}
          </Text>
        </Row>
        <Row label="Отклонено" testId="sync-refused">
          <Text size="sm" c={s.refused ? 'red.7' : undefined}>
            {s.refused ? `${s.refused.toLocaleString('ru-RU')} — см. список ниже` : 'нет'}
          </Text>
        </Row>
        {s.needsFork ? (
          <Alert color="blue" mt="xs">
            Данные восстановлены из резервной копии: при следующей синхронизации программа получит новое подключение к центральной системе.
          </Alert>
        ) : null}
        <Group mt="sm" gap="md" align="center">
          <Button
            leftSection={<IconRefresh size={16} />}
            loading={now.busy}
            disabled={!!s.running && !now.busy}
            onClick={() => void now.run()}
            data-testid="sync-now"
          >
            Синхронизировать сейчас
          </Button>
          {s.running ? (
            <Group gap="sm" style={{ flex: 1, minWidth: 260 }} data-testid="sync-running">
              <Stack gap={2} style={{ flex: 1 }}>
                <Progress value={s.running.total > 0 ? (100 * s.running.done) / s.running.total : 100} striped animated={s.running.total === 0} size="sm" aria-label="Ход синхронизации" />
                <Text size="xs" c="dimmed" data-testid="sync-phrase">
                  {s.running.phrase}
                </Text>
              </Stack>
              {s.running.mine ? (
                <Button size="compact-sm" variant="light" color="red" loading={cancel.busy} onClick={() => void cancel.run(s.running!.jobId)} data-testid="sync-cancel">
                  Отменить
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function Refusals() {
  const q = useOp('sync.refusals', { limit: 200 });
  const list = q.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={4}>Отклонённые изменения</Title>
      <Text size="sm" c="dimmed">
        Изменения, которые центральная система не приняла (или которые отменены здесь, потому что данные центральной системы заняли их место).
        Они отменены на этом компьютере; если изменение нужно, внесите его заново с учётом причины.
      </Text>
      {q.isLoading ? <Loader size="sm" /> : null}
      {q.error ? <ErrorAlert error={q.error} title="Список не загружен" /> : null}
      {!q.isLoading && !list.length ? (
        <Text size="sm" c="dimmed" data-testid="sync-refusals-empty">
          Отклонённых изменений нет.
        </Text>
      ) : null}
      {list.length ? (
        <Table withTableBorder verticalSpacing={6} data-testid="sync-refusals">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={150}>Когда</Table.Th>
              <Table.Th w={120}>Кто</Table.Th>
              <Table.Th>Что отменено</Table.Th>
              <Table.Th>Почему</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((r) => (
              <Table.Tr key={r.no} data-testid="sync-refusal">
                <Table.Td>
                  <Text size="sm">{ruDateTime(r.at)}</Text>
                  <Text size="xs" c="dimmed">
                    отклонено {ruDateTime(r.refusedAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.actor}</Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {r.changes.map((c, i) => (
                      <Text size="sm" key={i}>
                        {OPS[c.op]}: {c.title} «{c.record}»
                        {c.fields.length ? <Text span size="xs" c="dimmed">{` — ${c.fields.join(', ')}`}</Text> : null}
                      </Text>
                    ))}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="red.8" data-testid="sync-refusal-reason">
                    {r.reason}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Stack>
  );
}

function SyncLog() {
  const q = useOp('sync.log', { limit: 50 });
  const lines = q.data ?? [];
  return (
    <Stack gap="xs">
      <Title order={4}>Журнал синхронизации</Title>
      {q.error ? <ErrorAlert error={q.error} title="Журнал не загружен" /> : null}
      {!q.isLoading && !lines.length ? (
        <Text size="sm" c="dimmed">
          Записей пока нет.
        </Text>
      ) : null}
      {lines.length ? (
        <Paper withBorder radius="md" p="xs" data-testid="sync-log">
          <Stack gap={2}>
            {lines.map((l) => (
              <Group key={l.seq} gap="md" wrap="nowrap" align="flex-start">
                <Text size="xs" c="dimmed" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                  {ruDateTime(l.at)}
                </Text>
                <Text size="xs">{l.text}</Text>
              </Group>
            ))}
          </Stack>
        </Paper>
      ) : null}
    </Stack>
  );
}

/** «Синхронизация» (issue 10): registration, the status, «Синхронизировать сейчас», refusals and the log. */
export function SyncPage() {
  const { access } = useAppState();
  const q = useSyncStatus(access('sync') !== 'none');
  const s = q.data;
  return (
    <Stack gap="lg" data-testid="sync-page" data-loaded={s ? '' : undefined}>
      <PageHeader
        title="Синхронизация"
        description="Обмен данными с центральной системой: изменения отсюда уходят туда, данные электронного журнала приходят сюда. Программа работает и без связи — всё отправится позже."
      />
      {q.error ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Состояние синхронизации не загружено">
          {errorMessage(q.error)}
        </Alert>
      ) : null}
      {!s && !q.error ? <Loader size="sm" /> : null}
      {s && !s.registered ? <RegisterForm /> : null}
      {s?.registered ? (
        <>
          <StatusCard s={s} />
          <Refusals />
          <SyncLog />
        </>
      ) : null}
    </Stack>
  );
}
