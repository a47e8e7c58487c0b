import { useEffect, useMemo, useState } from 'react';
import { Badge, Button, Group, Loader, Paper, ScrollArea, SimpleGrid, Stack, Switch, Table, Text, ThemeIcon } from '@mantine/core';
import { EmptyState } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClipboardList, IconClockExclamation, IconMessageCheck, IconPlus, IconSend } from '@tabler/icons-react';
import { useOp } from '../../data/useOp';
import { change } from '../../data/change';
import { useReadOnly } from '../../app/access';
import { useAppState } from '../../app/AppState';
import { useConfirm } from '../../components/Confirm';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow } from '../../components/EditorRows';
import { PageHeader } from '../../components/PageHeader';
import { Stat } from '../../components/Stat';
import { SearchInput } from '../../components/SearchInput';
import { countOf, ruDateTime } from '../../lib/dates';
import { notifyOk } from '../../lib/notify';
import { CorrectedModal, CorrectionModal } from './CorrectionModals';
import { stateOf, timeLeft } from './status';
import classes from './Corrections.module.css';
import type { CorrectionRequest } from '../../../../electron/api/types';
import { ruFold } from '../../../../electron/api/text';

const fold = ruFold;

function StateBadge({ r }: { r: CorrectionRequest }) {
  const s = stateOf(r);
  if (s === 'overdue')
    return (
      <Badge color="red" variant="filled" tt="none" fw={600} leftSection={<IconClockExclamation size={13} />} data-testid="correction-state">
        Просрочено
      </Badge>
    );
  if (s === 'open')
    return (
      <Badge color="orange" variant="light" tt="none" fw={600} data-testid="correction-state">
        Открыто
      </Badge>
    );
  const late = s === 'correctedLate' || s === 'doneLate';
  return (
    <Badge color={late ? 'red' : 'teal'} variant="light" tt="none" fw={600} data-testid="correction-state">
      {late ? 'Исправлено с опозданием' : 'Исправлено'}
    </Badge>
  );
}

/** R26: the register of reported errors — one day to correct, then the reporter is told. */
export function CorrectionsPage() {
  const readOnly = useReadOnly();
  // R26: the office registers and tells the reporter; only the administrator corrects and marks it.
  const canFix = useAppState().access('fixes') === 'change';
  const listQ = useOp('corrections.list', { onlyOpen: false });
  const list = listQ.data ?? null;
  const error = listQ.error;
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<CorrectionRequest | null | 'new'>(null);
  const [correcting, setCorrecting] = useState<CorrectionRequest | null>(null);
  const [ask, confirmModal] = useConfirm();
  const [now, setNow] = useState(Date.now());

  // «Осталось …» counts from the moment the list came, and on every minute.
  useEffect(() => setNow(Date.now()), [list]);
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), 60_000);
    return () => window.clearInterval(t);
  }, []);

  const all = list ?? [];
  const open = all.filter((r) => !r.correctedAt);
  const overdue = open.filter((r) => r.overdue);
  const notTold = all.filter((r) => r.correctedAt && !r.reporterNotifiedAt);
  const shown = useMemo(() => {
    const words = fold(search.trim()).split(/\s+/).filter(Boolean);
    return all.filter(
      (r) =>
        (!onlyOpen || !r.correctedAt || !r.reporterNotifiedAt) &&
        words.every((w) => fold(`${r.reporter} ${r.reporterContact ?? ''} ${r.description} ${r.resolution ?? ''}`).includes(w)),
    );
  }, [all, onlyOpen, search]);

  const notified = (r: CorrectionRequest) =>
    ask({
      title: 'Сообщено заявителю',
      message: (
        <Text size="sm">
          Отметить, что <b>{r.reporter}</b> {r.reporterContact ? `(${r.reporterContact}) ` : ''}сообщили об исправлении ошибки? Дата и время сообщения
          запишутся в реестр.
        </Text>
      ),
      confirmLabel: 'Сообщено',
      color: 'teal',
      icon: <IconSend size={16} />,
      run: async () => {
        await change('corrections.markNotified', { id: r.id });
        notifyOk('Обращение закрыто: заявитель уведомлён');
      },
    });

  return (
    <Stack gap="lg" maw={1500}>
      <PageHeader
        title="Обращения об ошибках"
        description="Реестр обращений об ошибках в данных: исправить в течение суток с момента обращения и сообщить заявителю"
        actions={
          readOnly ? null : (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="corrections-add">
              Зарегистрировать обращение
            </Button>
          )
        }
      />
      <SimpleGrid cols={4}>
        <Stat label="Открыто" value={open.length} color="orange" icon={<IconClipboardList size={22} />} testId="corrections-open" />
        <Stat label="Просрочено" value={overdue.length} color="red" alert icon={<IconAlertTriangle size={22} />} testId="corrections-overdue" />
        <Stat label="Сообщить заявителю" value={notTold.length} color="blue" icon={<IconSend size={22} />} testId="corrections-not-told" />
        <Stat label="Всего в реестре" value={all.length} color="gray" icon={<IconMessageCheck size={22} />} testId="corrections-total" />
      </SimpleGrid>
      {error ? <ErrorAlert error={error} title="Реестр не загружен" /> : null}
      {!list ? (
        error ? null : <Loader size="sm" />
      ) : (
        <Stack gap="sm">
          <Group gap="lg">
            <SearchInput value={search} onChange={setSearch} w={320} placeholder="Заявитель, суть, исправление" data-testid="corrections-search" />
            <Switch label="Только открытые" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.currentTarget.checked)} data-testid="corrections-only-open" />
          </Group>
          <Paper p={0}>
            {all.length === 0 ? (
              <EmptyState
                py={48}
                icon={<IconMessageCheck size={28} />}
                withIndicatorBackground
                title="Обращений нет"
                description="Когда родитель, учитель или ученик сообщит об ошибке в данных, зарегистрируйте обращение: программа покажет срок исправления."
              />
            ) : (
              <ScrollArea.Autosize mah="calc(100vh - 330px)" scrollbars="y">
                <Table stickyHeader verticalSpacing={8} highlightOnHover layout="fixed" data-testid="corrections-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={104}>Обращение</Table.Th>
                      <Table.Th w={180}>Кто сообщил</Table.Th>
                      <Table.Th>Суть ошибки</Table.Th>
                      <Table.Th w={160}>Срок исправления</Table.Th>
                      <Table.Th w="18%">Исправление</Table.Th>
                      <Table.Th w={244}>Состояние</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {shown.map((r) => {
                      const s = stateOf(r);
                      const left = timeLeft(r.dueAt, now);
                      return (
                        <Table.Tr
                          key={r.id}
                          className={s === 'overdue' ? classes.overdue : s === 'correctedLate' || s === 'doneLate' ? classes.late : undefined}
                          data-testid="correction-row"
                          data-state={s}
                          style={{ cursor: readOnly ? undefined : 'pointer' }}
                          onClick={readOnly ? undefined : () => setEditing(r)}
                        >
                          <Table.Td className="tnum" style={{ verticalAlign: 'top' }} data-testid="correction-reported">
                            <Text size="sm" fw={500}>
                              {ruDateTime(r.reportedAt).slice(0, 10)}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {ruDateTime(r.reportedAt).slice(11)}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }}>
                            <Text size="sm" fw={500}>
                              {r.reporter}
                            </Text>
                            {r.reporterContact ? (
                              <Text size="xs" c="dimmed">
                                {r.reporterContact}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }}>
                            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                              {r.description}
                            </Text>
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }}>
                            <Text size="sm" fw={600} className="tnum" c={s === 'overdue' ? 'red.8' : undefined} data-testid="correction-due">
                              до {ruDateTime(r.dueAt)}
                            </Text>
                            {!r.correctedAt ? (
                              <Text size="xs" c={left.late ? 'red.7' : 'dimmed'} fw={left.late ? 600 : undefined}>
                                {left.text}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }}>
                            {r.correctedAt ? (
                              <>
                                <Text size="xs" c="dimmed" className="tnum">
                                  {ruDateTime(r.correctedAt)}, {r.correctedBy}
                                </Text>
                                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                                  {r.resolution}
                                </Text>
                              </>
                            ) : (
                              <Text size="sm" c="dimmed">
                                ещё не исправлено
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td style={{ verticalAlign: 'top' }} onClick={(e) => e.stopPropagation()}>
                            <Stack gap={6} align="flex-start">
                              <StateBadge r={r} />
                              {r.reporterNotifiedAt ? (
                                <Text size="xs" c="dimmed" className="tnum">
                                  Сообщено заявителю {ruDateTime(r.reporterNotifiedAt)}
                                </Text>
                              ) : null}
                              {readOnly ? null : !r.correctedAt ? (
                                canFix ? (
                                  <Button size="compact-sm" color={s === 'overdue' ? 'red' : 'teal'} leftSection={<IconCheck size={14} />} onClick={() => setCorrecting(r)} data-testid="correction-mark-corrected">
                                    Отметить исправление
                                  </Button>
                                ) : (
                                  <Text size="xs" c="dimmed" data-testid="correction-awaits-admin">
                                    Исправляет администратор системы
                                  </Text>
                                )
                              ) : !r.reporterNotifiedAt ? (
                                <Button size="compact-sm" variant="light" leftSection={<IconSend size={14} />} onClick={() => notified(r)} data-testid="correction-mark-notified">
                                  Сообщено заявителю
                                </Button>
                              ) : null}
                            </Stack>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                    {shown.length === 0 ? (
                      <EmptyRow colSpan={6}>
                        {onlyOpen && !search ? 'Открытых обращений нет' : 'Ничего не найдено'}
                      </EmptyRow>
                    ) : null}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            )}
          </Paper>
          <Text size="xs" c="dimmed">
            {shown.length === all.length ? countOf(all.length, 'обращение', 'обращения', 'обращений') : `Показано ${shown.length} из ${all.length}`}. Открытое обращение
            закрывается, когда ошибка исправлена и заявителю сообщили об исправлении.
          </Text>
        </Stack>
      )}
      <CorrectionModal
        opened={editing !== null}
        request={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(r) => {
          setEditing(null);
          notifyOk(`Исправить до ${ruDateTime(r.dueAt)}`, editing === 'new' ? 'Обращение зарегистрировано' : 'Обращение сохранено');
        }}
      />
      <CorrectedModal
        request={correcting}
        onClose={() => setCorrecting(null)}
        onSaved={(r) => {
          setCorrecting(null);
          notifyOk(r.overdue ? 'Отмечено исправление — с опозданием' : 'Отмечено исправление в срок', 'Ошибка исправлена');
        }}
      />
      {confirmModal}
    </Stack>
  );
}
