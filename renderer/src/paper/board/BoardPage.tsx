// «Ход сдачи бумажных копий» (issue 14 points 1–2; R21, R22; docs/paper-copies.md): the chosen
// period's classes as a compact table of classes × steps (about 40 rows fit a 1366×768 screen better
// than cards), each step done ✓ (who and when in a tooltip), due, or late in red; a click marks a step
// done (the date prefilled today) or undoes it (confirmed, with «Вернуть» after); a drawer per class
// with the subject sheets and their signatures and the copy's freshness; the day-1 check per teacher;
// the administrator's ББЖ switch (confirmed).
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Drawer, Group, Modal, Paper, ScrollArea, Select, Stack, Switch, Table, Tabs, Text, TextInput, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconSearch } from '@tabler/icons-react';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { useAppState } from '../../app/AppState';
import { PageHeader } from '../../components/PageHeader';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { ruDate, ruDateTime, todayIso } from '../../lib/dates';
import { isoDates } from '../../lib/dateFields';
import { paperSteps, type PaperStep } from '../../../../electron/api/enums';
import { checkKinds, type BoardClass, type BoardSheet, type BoardStep } from '../../../../electron/api/paperBoard';

/** Column heads: the steps in a word or two (the full label in the tooltip and the dialogs). */
const SHORT: Record<PaperStep, string> = {
  checked: 'Проверены',
  printed: 'Напечатана',
  signed: 'Подписаны',
  certified: 'Заверена',
  handed: 'Сдана секретарю',
  approved: 'Директор, печать',
  bound: 'Прошита',
  archived: 'В архиве',
};
const dm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;

export function BoardPage() {
  const { access } = useAppState();
  const canChange = access('paper') === 'change';
  const isAdmin = access('setup') === 'change';
  const periodsQ = useOp('paper.boardPeriods');
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [grade, setGrade] = useState<string | null>(null);
  const [deputyId, setDeputyId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [tab, setTab] = useState<string | null>('board');
  const chosen = periodId ?? periodsQ.data?.currentId ?? null;
  const boardQ = useOp('paper.board', { periodId: chosen ?? '', grade: grade ? Number(grade) : null, deputyId }, { enabled: !!chosen, keepPrevious: true });
  const board = boardQ.data;
  const [stepOf, setStepOf] = useState<{ cls: BoardClass; step: BoardStep } | null>(null);
  const [drawer, setDrawer] = useState<string | null>(null);
  const [undone, setUndone] = useState<{ cls: BoardClass; step: BoardStep } | null>(null);
  const [bbzh, setBbzh] = useState<boolean | null>(null);
  const period = periodsQ.data?.periods.find((p) => p.id === chosen);
  const grades = period ? Array.from({ length: period.gradeTo - period.gradeFrom + 1 }, (_, k) => String(period.gradeFrom + k)) : [];
  const classes = useMemo(() => {
    const s = search.trim().toLowerCase().replace(/\s+/g, '');
    return (board?.classes ?? []).filter((c) => !s || c.className.toLowerCase().includes(s));
  }, [board, search]);
  const late = classes.reduce((n, c) => n + c.late, 0);
  const paperJournal = periodsQ.data?.paperJournal ?? true;

  const redo = useAction(async (u: { cls: BoardClass; step: BoardStep }) => call('paper.doStep', { classId: u.cls.classId, periodId: chosen!, step: u.step.step, date: u.step.doneOn! }), {
    notify: 'Шаг не возвращён',
    success: 'Шаг возвращён',
    onSuccess: () => setUndone(null),
  });
  const toggle = useAction(async (on: boolean) => call('paper.saveSettings', { paperJournal: on }), {
    notify: 'Не сохранено',
    success: (_r, on) => (on ? 'Бумажный журнал включён' : 'Бумажный журнал выключен (ББЖ)'),
    onSuccess: () => setBbzh(null),
  });

  return (
    <Stack gap="sm" data-testid="paper-board">
      <PageHeader
        title="Ход сдачи бумажных копий"
        description="Шаги каждого класса со сроками от первого дня каникул; щелчок по шагу — отметить или отменить, по классу — листы и подписи."
        actions={
          isAdmin ? (
            <Switch checked={paperJournal} onChange={(e) => setBbzh(e.currentTarget.checked)} label="Школа ведёт бумажный журнал" data-testid="paper-journal-switch" />
          ) : null
        }
      />
      {!paperJournal ? (
        <Alert color="gray" title="Бумажные копии не ведутся" data-testid="bbzh-off">
          Школа ведёт журнал только в электронном виде (ББЖ): бумажные копии не печатаются и не сдаются, доска выключена.
          {isAdmin ? ' Включить бумажный журнал можно переключателем вверху страницы.' : ' Включить бумажный журнал может администратор системы.'}
        </Alert>
      ) : null}
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Период"
          w={310}
          data={(periodsQ.data?.periods ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.gradeFrom}–${p.gradeTo} кл.), до ${ruDate(p.endDate)}` }))}
          value={chosen}
          onChange={(v) => {
            setPeriodId(v);
            setGrade(null);
          }}
          allowDeselect={false}
          data-testid="board-period"
        />
        <Select label="Параллель" w={120} clearable placeholder="Все" data={grades} value={grade} onChange={setGrade} data-testid="board-grade" />
        <Select
          label="Заместитель"
          w={240}
          clearable
          placeholder="Все"
          data={(periodsQ.data?.deputies ?? []).map((d) => ({ value: d.id, label: `${d.name} (${d.grades.join(', ')})` }))}
          value={deputyId}
          onChange={setDeputyId}
          data-testid="board-deputy"
        />
        <TextInput label="Класс" w={110} placeholder="7Б" leftSection={<IconSearch size={14} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} data-testid="board-search" />
        {period ? (
          <Text size="sm" c="dimmed" pb={6}>
            Каникулы с {ruDate(period.holidaysStart)} · сегодня {ruDate(periodsQ.data?.today)}
            {late ? (
              <Text span c="red.8" fw={600} data-testid="board-late-total">
                {' '}· просрочено шагов: {late}
              </Text>
            ) : null}
          </Text>
        ) : null}
      </Group>
      {boardQ.error ? <ErrorAlert error={boardQ.error} title="Доска не загружена" /> : null}
      {undone ? (
        <Alert color="yellow" withCloseButton onClose={() => setUndone(null)} data-testid="undo-notice">
          <Group justify="space-between">
            <Text size="sm">
              Шаг «{paperSteps.labels[undone.step.step]}» для {undone.cls.className} отменён.
            </Text>
            <Button size="xs" variant="light" loading={redo.busy} onClick={() => void redo.run(undone)} data-testid="undo-redo">
              Вернуть
            </Button>
          </Group>
        </Alert>
      ) : null}
      {paperJournal ? (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="board">Ход сдачи</Tabs.Tab>
            <Tabs.Tab value="check" data-testid="tab-check">
              Проверка (день 1)
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="board" pt="xs">
            {board ? (
              <BoardTable board={board} classes={classes} canChange={canChange} onStep={(cls, step) => setStepOf({ cls, step })} onClass={setDrawer} />
            ) : null}
          </Tabs.Panel>
          <Tabs.Panel value="check" pt="xs">
            {chosen ? <CheckPanel periodId={chosen} /> : null}
          </Tabs.Panel>
        </Tabs>
      ) : null}
      {stepOf && chosen ? (
        <StepModal
          periodId={chosen}
          cls={stepOf.cls}
          step={stepOf.step}
          today={periodsQ.data?.today ?? todayIso()}
          canChange={canChange}
          onClose={() => setStepOf(null)}
          onUndone={() => setUndone(stepOf)}
        />
      ) : null}
      {drawer && chosen && board ? (
        <ClassDrawer periodId={chosen} cls={board.classes.find((c) => c.classId === drawer) ?? null} today={periodsQ.data?.today ?? todayIso()} canChange={canChange} onClose={() => setDrawer(null)} />
      ) : null}
      {bbzh !== null ? (
        <Modal opened onClose={() => setBbzh(null)} title={bbzh ? 'Включить бумажный журнал?' : 'Выключить бумажный журнал (ББЖ)?'}>
          <Stack>
            <Text size="sm">
              {bbzh
                ? 'Школа снова будет печатать и сдавать бумажные копии журнала; доска сдачи копий включится.'
                : 'Школа ведёт журнал только в электронном виде (ББЖ, R22): доска сдачи копий выключится, печать копий и отметки шагов станут недоступны. Уже отмеченные шаги сохранятся.'}
            </Text>
            {toggle.error ? <ErrorAlert error={toggle.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setBbzh(null)}>
                Отмена
              </Button>
              <Button color={bbzh ? 'blue' : 'red'} loading={toggle.busy} onClick={() => void toggle.run(bbzh)} data-testid="bbzh-confirm">
                {bbzh ? 'Включить' : 'Выключить'}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ) : null}
    </Stack>
  );
}

function StepCell({ step, onClick, canChange, className }: { step: BoardStep; onClick: () => void; canChange: boolean; className: string }) {
  const label = paperSteps.labels[step.step];
  let body;
  let tip: string;
  if (step.doneOn) {
    tip = `${label}: ${ruDate(step.doneOn)}, ${step.doneBy} (записано ${ruDateTime(step.recordedAt)})${step.doneLate ? ` — позже срока ${ruDate(step.deadline)}` : ''}${step.outOfOrder ? ' — раньше предыдущих шагов' : ''}`;
    body = (
      <Group gap={2} wrap="nowrap" c={step.doneLate ? 'orange.9' : 'teal.8'}>
        <IconCheck size={14} />
        <Text size="xs" fw={600}>
          {dm(step.doneOn)}
        </Text>
        {step.outOfOrder ? <IconAlertTriangle size={12} color="var(--mantine-color-orange-7)" /> : null}
      </Group>
    );
  } else if (step.late) {
    tip = `${label}: просрочено, срок ${ruDate(step.deadline)}`;
    body = (
      <Text size="xs" fw={700} c="red.8" data-late>
        до {dm(step.deadline)} !
      </Text>
    );
  } else {
    tip = `${label}: срок ${ruDate(step.deadline)}`;
    body = (
      <Text size="xs" c="dimmed">
        до {dm(step.deadline)}
      </Text>
    );
  }
  return (
    <Tooltip label={tip} openDelay={300} multiline maw={320}>
      <UnstyledButton
        onClick={onClick}
        aria-label={`${className}: ${tip}`}
        data-testid={`step-${step.step}`}
        data-state={step.doneOn ? 'done' : step.late ? 'late' : 'due'}
        style={{ display: 'block', width: '100%', padding: '2px 4px', borderRadius: 4, background: step.late ? 'var(--mantine-color-red-0)' : step.doneOn ? 'var(--mantine-color-teal-0)' : undefined, cursor: canChange ? 'pointer' : 'default' }}
      >
        {body}
      </UnstyledButton>
    </Tooltip>
  );
}

function BoardTable({
  board,
  classes,
  canChange,
  onStep,
  onClass,
}: {
  board: NonNullable<ReturnType<typeof useOp<'paper.board'>>['data']>;
  classes: BoardClass[];
  canChange: boolean;
  onStep: (c: BoardClass, s: BoardStep) => void;
  onClass: (id: string) => void;
}) {
  if (!board.classes.length) return <Text c="dimmed">В этом периоде нет классов (по выбранным фильтрам).</Text>;
  return (
    <ScrollArea.Autosize mah="calc(100vh - 300px)" type="auto">
      <Table stickyHeader withTableBorder withColumnBorders verticalSpacing={2} horizontalSpacing={6} data-testid="board-table" data-loaded>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Класс</Table.Th>
            {paperSteps.values.map((s) => (
              <Table.Th key={s} w={92}>
                <Tooltip label={paperSteps.labels[s]}>
                  <Text size="xs" fw={600} lh={1.1}>
                    {SHORT[s]}
                  </Text>
                </Tooltip>
                <Text size="xs" c="dimmed" lh={1.1}>
                  до {dm(board.deadlines[s])}
                </Text>
              </Table.Th>
            ))}
            <Table.Th w={80}>Подписи</Table.Th>
            <Table.Th>Копия</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.map((c) => {
            const signed = c.sheets.filter((s) => s.signedOn).length;
            return (
              <Table.Tr key={c.classId} data-testid="board-row" data-class={c.className}>
                <Table.Td>
                  <UnstyledButton onClick={() => onClass(c.classId)} data-testid="board-class" aria-label={`${c.className}: листы и подписи`}>
                    <Text size="sm" fw={700} c="blue.8" span>
                      {c.className}
                    </Text>{' '}
                    <Text size="xs" c="dimmed" span>
                      {c.classTeacher ? shortName(c.classTeacher) : 'кл. рук. не назначен'}
                    </Text>
                  </UnstyledButton>
                </Table.Td>
                {c.steps.map((s) => (
                  <Table.Td key={s.step} p={0}>
                    <StepCell step={s} canChange={canChange} className={c.className} onClick={() => onStep(c, s)} />
                  </Table.Td>
                ))}
                <Table.Td>
                  <Text size="xs" c={c.sheets.length && signed === c.sheets.length ? 'teal.8' : undefined}>
                    {signed} из {c.sheets.length}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CopyBadge cls={c} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

/** «Иванова Мария Петровна» → «Иванова М. П.» (the table's narrow column; the full name in the drawer). */
const shortName = (full: string) => {
  const [last, ...rest] = full.split(' ');
  return [last, rest.map((n) => `${n.slice(0, 1)}.`).join(' ')].filter(Boolean).join(' ');
};

function CopyBadge({ cls }: { cls: BoardClass }) {
  if (!cls.copy)
    return (
      <Text size="xs" c="dimmed" title="Копия не напечатана">
        нет
      </Text>
    );
  const c = cls.copy;
  return (
    <Tooltip label={c.upToDate ? `Копия ${c.code} от ${ruDateTime(c.printedAt)} совпадает с журналом` : `Копия ${c.code} не совпадает с журналом: ${c.changes.join('; ')}`} multiline maw={360}>
      <Badge size="sm" color={c.upToDate ? 'teal' : 'orange'} variant="light" data-testid="copy-badge">
        {c.upToDate ? 'актуальна' : 'устарела'}
      </Badge>
    </Tooltip>
  );
}

function StepModal({ periodId, cls, step, today, canChange, onClose, onUndone }: { periodId: string; cls: BoardClass; step: BoardStep; today: string; canChange: boolean; onClose: () => void; onUndone: () => void }) {
  const [date, setDate] = useState(ruDate(today));
  const label = paperSteps.labels[step.step];
  const k = paperSteps.values.indexOf(step.step);
  const before = cls.steps.slice(0, k).filter((s) => !s.doneOn);
  const done = useAction(
    async () => {
      const [iso] = isoDates([{ column: 'date', label: 'Дата', text: date }]);
      return call('paper.doStep', { classId: cls.classId, periodId, step: step.step, date: iso! });
    },
    { success: `${cls.className}: «${label}» отмечено`, onSuccess: onClose },
  );
  const undo = useAction(async () => call('paper.undoStep', { classId: cls.classId, periodId, step: step.step }), {
    success: () => null,
    onSuccess: () => {
      onUndone();
      onClose();
    },
  });
  const problems = problemsOf(done.error);
  return (
    <Modal opened onClose={onClose} title={`${cls.className}: ${label}`} data-testid="step-modal">
      <Stack gap="sm">
        <Text size="sm">Срок: {ruDate(step.deadline)}{step.late ? ' — просрочено' : ''}</Text>
        {step.doneOn ? (
          <>
            <Text size="sm">
              Отмечено: {ruDate(step.doneOn)}, {step.doneBy} (записано {ruDateTime(step.recordedAt)})
            </Text>
            {canChange ? (
              <>
                <Alert color="yellow" variant="light">
                  Отменить отметку шага? Запись останется в журнале действий; шаг можно будет отметить снова.
                </Alert>
                {undo.error ? <ErrorAlert error={undo.error} /> : null}
                <Group justify="flex-end">
                  <Button variant="default" onClick={onClose}>
                    Закрыть
                  </Button>
                  <Button color="red" loading={undo.busy} onClick={() => void undo.run()} data-testid="step-undo">
                    Отменить шаг
                  </Button>
                </Group>
              </>
            ) : null}
          </>
        ) : canChange ? (
          <>
            {before.length ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} data-testid="out-of-order">
                Не отмечены предыдущие шаги: {before.map((s) => `«${paperSteps.labels[s.step]}»`).join(', ')}. Отметить этот шаг всё равно можно.
              </Alert>
            ) : null}
            <DateField label="Дата" withAsterisk value={date} onChange={setDate} error={fieldError(problems, 'date')} data-testid="step-date" data-autofocus />
            {done.error && !fieldError(problems, 'date') ? <ErrorAlert error={done.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button loading={done.busy} onClick={() => void done.run()} data-testid="step-save">
                Отметить
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            Не отмечено.
          </Text>
        )}
      </Stack>
    </Modal>
  );
}

function ClassDrawer({ periodId, cls, today, canChange, onClose }: { periodId: string; cls: BoardClass | null; today: string; canChange: boolean; onClose: () => void }) {
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={cls ? `${cls.className}: листы предметов и подписи` : ''} data-testid="class-drawer">
      {cls ? (
        <Stack gap="sm">
          <Text size="sm">
            Классный руководитель: {cls.classTeacher ?? 'не назначен'}
            <br />
            Заместитель директора: {cls.deputies.join(', ') || 'не назначен'}
          </Text>
          <Paper withBorder p="xs">
            {cls.copy ? (
              <Stack gap={4}>
                <Group gap="xs">
                  <Text size="sm">
                    Копия {cls.copy.code}, листов: {cls.copy.sheets}, напечатана {ruDateTime(cls.copy.printedAt)} ({cls.copy.printedBy})
                  </Text>
                  <CopyBadge cls={cls} />
                </Group>
                {cls.copy.changes.map((ch) => (
                  <Text key={ch} size="xs" c="orange.9">
                    {ch}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                Копия ещё не напечатана.
              </Text>
            )}
          </Paper>
          {cls.sheets.length ? (
            <Table verticalSpacing={4} data-testid="sheets-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Предмет</Table.Th>
                  <Table.Th>Учитель</Table.Th>
                  <Table.Th>Подпись</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cls.sheets.map((s) => (
                  <SheetRow key={`${s.subjectId} ${s.teacherId}`} periodId={periodId} cls={cls} sheet={s} today={today} canChange={canChange} />
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm" c="dimmed">
              В журнале нет проведённых уроков класса за период — листов предметов нет.
            </Text>
          )}
        </Stack>
      ) : null}
    </Drawer>
  );
}

function SheetRow({ periodId, cls, sheet, today, canChange }: { periodId: string; cls: BoardClass; sheet: BoardSheet; today: string; canChange: boolean }) {
  const [date, setDate] = useState(ruDate(today));
  const base = { classId: cls.classId, periodId, subjectId: sheet.subjectId, teacherId: sheet.teacherId };
  const sign = useAction(
    async () => {
      const [iso] = isoDates([{ column: 'date', label: 'Дата подписи', text: date }]);
      return call('paper.sign', { ...base, date: iso! });
    },
    { success: `${sheet.subject}: подпись отмечена` },
  );
  const unsign = useAction(async () => call('paper.unsign', base), { notify: 'Подпись не отменена', success: `${sheet.subject}: подпись отменена` });
  const problems = problemsOf(sign.error);
  return (
    <Table.Tr data-testid="sheet-row">
      <Table.Td>
        <Text size="sm">{sheet.subject}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{sheet.teacher}</Text>
      </Table.Td>
      <Table.Td>
        {sheet.signedOn ? (
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="teal.8">
              ✓ {ruDate(sheet.signedOn)}
            </Text>
            {canChange ? (
              <Button size="compact-xs" variant="subtle" color="red" loading={unsign.busy} onClick={() => void unsign.run()}>
                Отменить
              </Button>
            ) : null}
          </Group>
        ) : canChange ? (
          <Stack gap={2}>
            <Group gap={4} wrap="nowrap" align="flex-start">
              <DateField compact aria-label={`Дата подписи: ${sheet.subject}`} value={date} onChange={setDate} error={fieldError(problems, 'date')} w={110} size="xs" />
              <Button size="xs" variant="light" loading={sign.busy} onClick={() => void sign.run()} data-testid="sheet-sign">
                Подписано
              </Button>
            </Group>
            {sign.error && !fieldError(problems, 'date') ? (
              <Text size="xs" c="red.8">
                {(sign.error as Error).message}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            нет подписи
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function CheckPanel({ periodId }: { periodId: string }) {
  const q = useOp('paper.check', { periodId });
  if (q.error) return <ErrorAlert error={q.error} title="Проверка не выполнена" />;
  const c = q.data;
  if (!c) return <Text c="dimmed">Проверяется…</Text>;
  return (
    <Stack gap="sm" data-testid="check-panel">
      <Text size="sm">
        {c.period.name}: классов {c.classes}, срок исправления отметок за период — {ruDate(c.editDeadline)}.{' '}
        {c.total ? (
          <Text span c="red.8" fw={600}>
            Замечаний: {c.total} ({(Object.keys(checkKinds) as (keyof typeof checkKinds)[]).filter((k) => c.byKind[k]).map((k) => `${checkKinds[k].toLowerCase()} — ${c.byKind[k]}`).join('; ')})
          </Text>
        ) : (
          <Text span c="teal.8" fw={600}>
            Замечаний нет: копии можно печатать.
          </Text>
        )}
      </Text>
      {c.teachers.map((t) => (
        <Paper key={t.teacherId ?? 'none'} withBorder p="xs" data-testid="check-teacher">
          <Text fw={600} size="sm">
            {t.teacher} — замечаний: {t.findings.length}
          </Text>
          <Stack gap={0} mt={4}>
            {t.findings.map((f, i) => (
              <Text key={i} size="xs">
                {f.className}, {f.subject}: {f.text}
              </Text>
            ))}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
