// «Выдача учётных данных» (R7): the register of the central system's accounts asked for newcomers
// and their parents — the deadline (10 working days by the production calendar), what the central
// issued (or that it did not: «Запросить снова»), the handing recorded; the slips for cutting and
// «Журнал выдачи учётных данных» printed;
// parents who refused the electronic service listed for the printed statements (R12).
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileTypePdf, IconKey, IconPrinter } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { countOf, ruDate } from '../lib/dates';
import type { CredentialRow } from '../../../electron/api/credentials';
import { credentialHandings } from '../../../electron/api/enums';
import { HandModal } from './HandModal';
import { RequestModal } from './RequestModal';
import { PDF, stateBadge } from './shared';

type Filter = 'all' | 'open' | 'failed' | 'issued' | 'handed' | 'late';

export function CredentialsPage({ classId: initialClass }: { classId?: string }) {
  const { access } = useAppState();
  const canChange = access('credentials') === 'change';
  const [classId, setClassId] = useState<string | null>(initialClass ?? null);
  const [state, setState] = useState<Filter>('open');
  const [handing, setHanding] = useState<CredentialRow | null>(null);
  const [requesting, setRequesting] = useState(false);
  const classesQ = useOp('classes.list');
  const rowsQ = useOp('credentials.list', { classId, state }, { keepPrevious: true });
  const dueQ = useOp('credentials.due');
  const rows = rowsQ.data ?? [];

  const slips = useAction(
    async () => {
      const f = await call('credentials.slipsPdf', { classId });
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'Листки не созданы', success: (f) => ({ title: f.fileName, message: `Листков: ${f.rows}` }) },
  );
  const register = useAction(
    async () => {
      const f = await call('credentials.registerPdf', {});
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'Журнал не создан', success: (f) => ({ title: f.fileName, message: `Записей: ${f.rows}` }) },
  );
  const unhand = useAction((id: string) => call('credentials.unhand', { id }), { notify: 'Отметка не снята', success: 'Отметка о выдаче снята' });
  const retry = useAction((id: string) => call('credentials.retry', { id }), {
    notify: 'Запрос не отправлен',
    success: 'Запрос отправится при следующей синхронизации',
  });
  const failed = (dueQ.data?.teachers ?? []).reduce((n, t) => n + t.failed, 0);

  const refused = dueQ.data?.refusedParents ?? [];
  return (
    <Stack gap="md" data-testid="credentials-page" data-loaded={rowsQ.data ? true : undefined}>
      <PageHeader
        title="Выдача учётных данных"
        description="Логины и пароли электронного журнала для прибывших и их родителей: под подпись в течение 10 рабочих дней"
        actions={
          <Group gap="xs">
            {canChange ? (
              <Button leftSection={<IconKey size={16} />} onClick={() => setRequesting(true)} data-testid="credentials-request">
                Запросить учётные данные
              </Button>
            ) : null}
            {canChange ? (
              <Button variant="default" leftSection={<IconFileTypePdf size={16} color="var(--mantine-color-red-7)" />} loading={slips.busy} onClick={() => void slips.run()} data-testid="credentials-slips">
                Листки для вырезания
              </Button>
            ) : null}
            <Button variant="default" leftSection={<IconPrinter size={16} />} loading={register.busy} onClick={() => void register.run()} data-testid="credentials-register-pdf">
              Журнал выдачи (PDF)
            </Button>
          </Group>
        }
      />
      <Group gap="sm">
        <Select
          placeholder="Все классы"
          clearable
          w={160}
          data={(classesQ.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setClassId}
          data-testid="credentials-class"
        />
        <SegmentedControl
          value={state}
          onChange={(v) => setState(v as Filter)}
          data={[
            { value: 'open', label: 'Не вручены' },
            { value: 'late', label: 'Просрочены' },
            ...(failed || state === 'failed' ? [{ value: 'failed', label: 'Не выданы' }] : []),
            { value: 'issued', label: 'Готовы к выдаче' },
            { value: 'handed', label: 'Вручены' },
            { value: 'all', label: 'Все' },
          ]}
          data-testid="credentials-state"
        />
      </Group>
      {rowsQ.error ? <ErrorAlert error={rowsQ.error} title="Не удалось загрузить журнал" /> : null}
      {failed ? (
        <Alert color="red" variant="light" title={`Центральная система не выдала логин: ${countOf(failed, 'запрос', 'запроса', 'запросов')}`} data-testid="credentials-failed">
          Запрос дошёл до центральной системы, но логин и пароль по нему не пришли. Нажмите «Запросить снова» в строке запроса — он отправится при следующей
          синхронизации.{' '}
          {state !== 'failed' ? (
            <Anchor component="button" size="sm" onClick={() => setState('failed')} data-testid="credentials-show-failed">
              Показать их
            </Anchor>
          ) : null}
        </Alert>
      ) : null}
      <Paper p={0} style={{ overflow: 'auto' }}>
        <Table striped highlightOnHover verticalSpacing={6} data-testid="credentials-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Класс</Table.Th>
              <Table.Th>Обучающийся</Table.Th>
              <Table.Th>Получатель</Table.Th>
              <Table.Th>Прибыл</Table.Th>
              <Table.Th>Выдать до</Table.Th>
              <Table.Th>Логин</Table.Th>
              {canChange ? <Table.Th>Пароль</Table.Th> : null}
              <Table.Th>Состояние</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const b = stateBadge(r);
              return (
                <Table.Tr key={r.id} data-testid="credential-row" data-state={r.state} data-late={r.late || undefined}>
                  <Table.Td>{r.className ?? '—'}</Table.Td>
                  <Table.Td>{r.studentName}</Table.Td>
                  <Table.Td>
                    {r.role === 'parent' ? (
                      <>
                        {r.recipientName}
                        <Text span size="xs" c="dimmed">
                          {' '}
                          {r.relation ?? 'родитель'}
                        </Text>
                      </>
                    ) : (
                      <Text span size="sm" c="dimmed">
                        сам ученик
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td className="tnum">{ruDate(r.arrivedOn)}</Table.Td>
                  <Table.Td className="tnum" c={r.late ? 'red.8' : undefined} fw={r.late ? 600 : undefined}>
                    {ruDate(r.dueOn)}
                  </Table.Td>
                  <Table.Td ff="monospace">{r.login ?? '—'}</Table.Td>
                  {canChange ? <Table.Td ff="monospace">{r.state === 'issued' ? r.oneTimePassword : ''}</Table.Td> : null}
                  <Table.Td>
                    <Badge color={b.color} variant={r.late ? 'filled' : 'light'} tt="none" style={{ minWidth: 'max-content' }}>
                      {b.text}
                    </Badge>
                    {r.state === 'failed' ? (
                      <Text size="xs" c="red.8">
                        запрошено {ruDate(r.requestedAt.slice(0, 10))}; центральная система не ответила логином
                      </Text>
                    ) : null}
                    {r.state === 'handed' ? (
                      <Text size="xs" c="dimmed">
                        {ruDate(r.handedOn)}, {r.handedTo}, {r.handedHow ? credentialHandings.labels[r.handedHow].toLowerCase() : ''}; выдал(а) {r.handedBy}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {canChange && r.state === 'issued' ? (
                      <Button size="compact-sm" variant="light" onClick={() => setHanding(r)} data-testid="credential-hand">
                        Отметить выдачу
                      </Button>
                    ) : null}
                    {canChange && r.state === 'failed' ? (
                      <Button size="compact-sm" variant="light" color="red" loading={retry.busy} onClick={() => void retry.run(r.id)} data-testid="credential-retry">
                        Запросить снова
                      </Button>
                    ) : null}
                    {canChange && r.state === 'handed' ? (
                      <Button size="compact-sm" variant="subtle" color="gray" onClick={() => void unhand.run(r.id)}>
                        Снять отметку
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {rowsQ.data && !rows.length ? (
          <Text c="dimmed" size="sm" p="md">
            Записей нет.
          </Text>
        ) : null}
      </Paper>
      <Paper p="md" data-testid="credentials-refused">
        <Title order={5}>Родители, отказавшиеся от электронного сервиса: {refused.length}</Title>
        <Text size="sm" c="dimmed" mb="xs">
          Учётные данные им не запрашиваются; они получают выписки об успеваемости на бумаге.
        </Text>
        {refused.length ? (
          <Text size="sm">
            {refused
              .slice(0, 40)
              .map((p) => `${p.name} (${p.students.join(', ')}${p.classes.length ? `, ${p.classes.join(', ')}` : ''})`)
              .join('; ')}
            {refused.length > 40 ? ` и ещё ${countOf(refused.length - 40, 'родитель', 'родителя', 'родителей')}` : ''}
          </Text>
        ) : null}
      </Paper>
      {handing ? <HandModal row={handing} onClose={() => setHanding(null)} /> : null}
      {requesting ? <RequestModal onClose={() => setRequesting(false)} /> : null}
    </Stack>
  );
}
