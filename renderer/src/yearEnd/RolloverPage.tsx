// «Переход на новый учебный год» (issue 15 points 4 and 7; R24; docs/year-end.md): a wizard — the
// target year and the 10th grades' letters, the dry run (what will be created, what will not, the
// problems with links to where they are fixed), the confirmation (a backup is made first; the job's
// progress and cancel are in the jobs panel), the result. When done already: the earlier result.
import { useMemo, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, List, Paper, Select, SimpleGrid, Stack, Stepper, Table, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight, IconDatabaseExport } from '@tabler/icons-react';
import { call } from '../api';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { useConfirm } from '../components/Confirm';
import { ruDate } from '../lib/dates';
import type { RolloverClassPlan, RolloverCounts, RolloverDone, RolloverPlan } from '../../../electron/api/rollover';

const COUNT_LABELS: [keyof RolloverCounts, string][] = [
  ['years', 'Учебный год'],
  ['periods', 'Учебные периоды'],
  ['holidays', 'Каникулы'],
  ['bellSchedules', 'Расписания звонков'],
  ['classes', 'Классы'],
  ['curriculumItems', 'Строки учебного плана'],
  ['divisions', 'Деления на подгруппы'],
  ['subgroups', 'Подгруппы'],
  ['subgroupMembers', 'Ученики в подгруппах'],
  ['studyGroups', 'Учебные группы'],
  ['studyGroupMembers', 'Ученики в учебных группах'],
  ['assignments', 'Тарификация (нагрузка)'],
  ['moved', 'Ученики переводятся'],
  ['left', 'Выпускники выбывают'],
];
const SOURCE = { same: 'из класса той же параллели и литеры', grade: 'из другого класса этой параллели', own: 'план самого класса' } as const;
const DECISION = { promoted: 'переведены', continues: 'продолжают в 10 классе', repeat: 'повторное обучение' } as const;

function Counts({ counts }: { counts: RolloverCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" data-testid="rollover-counts">
      {COUNT_LABELS.map(([k, label]) => (
        <Paper key={k} withBorder p="xs">
          <Text size="xs" c="dimmed">
            {label}
          </Text>
          <Text fw={700} className="tnum" data-testid={`count-${k}`}>
            {counts[k]}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function ClassRow({ c }: { c: RolloverClassPlan }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Table.Tr data-testid="rollover-class">
        <Table.Td>
          <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="rollover-class-toggle">
            <Group gap={4} wrap="nowrap">
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
              <Text fw={600}>{c.name}</Text>
              {c.existing ? (
                <Badge size="xs" variant="light" color="gray">
                  уже есть
                </Badge>
              ) : null}
            </Group>
          </UnstyledButton>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{c.sources.map((s) => `${s.className}: ${s.students} ${DECISION[s.decision]}`).join('; ') || '—'}</Text>
        </Table.Td>
        <Table.Td className="tnum">{c.students}</Table.Td>
        <Table.Td>{c.classTeacher ?? '—'}</Table.Td>
        <Table.Td>
          <Text size="sm">
            {c.curriculum.fromClass}: {c.curriculum.subjects} предм., {c.curriculum.hours} ч
          </Text>
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={5}>
            <Stack gap={2} pl="lg" data-testid="rollover-class-details">
              <Text size="sm">
                Смена {c.shift}; кабинет {c.room ?? '—'}; учебный план — {SOURCE[c.curriculum.source]} ({c.curriculum.fromClass}); тарификация: {c.assignments}
              </Text>
              {c.divisions.map((d) => (
                <Text size="sm" key={d.subject} c={d.carried ? undefined : 'orange.8'}>
                  {d.subject}: {d.carried ? `${d.subgroups} подгруппы, ${d.members} уч. переходят вместе` : 'деление распускается (предмета нет в новом плане)'}
                </Text>
              ))}
            </Stack>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </>
  );
}

function DryRun({ plan }: { plan: RolloverPlan }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<string | null>('grade');
  const classes = useMemo(() => {
    const q = search.trim().toLowerCase();
    const list = plan.classes.filter((c) => !q || c.name.toLowerCase().includes(q) || (c.classTeacher ?? '').toLowerCase().includes(q));
    return sort === 'students' ? [...list].sort((a, b) => b.students - a.students) : list;
  }, [plan.classes, search, sort]);
  return (
    <Stack gap="md" data-testid="rollover-dry-run">
      {plan.problems.length ? (
        <Alert color="red" icon={<IconAlertTriangle />} title="Переход невозможен, пока не исправлено:" data-testid="rollover-problems">
          <List size="sm">
            {plan.problems.map((p) => (
              <List.Item key={p.message}>
                <Text size="sm" c="red.8" span>
                  {p.message}
                </Text>{' '}
                {p.link ? <Anchor href={`#${p.link}`}>{p.linkLabel}</Anchor> : null}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {plan.toYear ? (
        <Text>
          Учебный год <b>{plan.toYear.name}</b>: {ruDate(plan.toYear.startDate)} — {ruDate(plan.toYear.endDate)}
          {plan.toYear.existing ? ' (уже создан вручную: его периоды и каникулы остаются)' : ' (периоды и каникулы — по образцу)'}.
        </Text>
      ) : null}
      <Title order={4}>Будет создано</Title>
      <Counts counts={plan.counts} />
      <Group gap="sm">
        <SearchInput value={search} onChange={setSearch} placeholder="Класс или классный руководитель" w={300} data-testid="rollover-search" />
        <Select value={sort} onChange={setSort} data={[{ value: 'grade', label: 'По классам' }, { value: 'students', label: 'По числу учеников' }]} w={200} aria-label="Сортировка" allowDeselect={false} />
      </Group>
      <Table striped withTableBorder data-testid="rollover-classes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Класс</Table.Th>
            <Table.Th>Откуда</Table.Th>
            <Table.Th>Учеников</Table.Th>
            <Table.Th>Классный руководитель</Table.Th>
            <Table.Th>Учебный план</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {classes.map((c) => (
            <ClassRow key={c.key} c={c} />
          ))}
        </Table.Tbody>
      </Table>
      {plan.notCarried.length ? (
        <Text size="sm">Не переходят: {plan.notCarried.map((c) => `${c.className} (${c.reason})`).join('; ')}.</Text>
      ) : null}
      {plan.studyGroups.length ? (
        <Text size="sm">
          Учебные группы: {plan.studyGroups.map((g) => `${g.name} — ${g.carried ? `${g.members} уч.` : 'распускается'}`).join('; ')}.
        </Text>
      ) : null}
      <Title order={4}>Не делается</Title>
      <List size="sm" data-testid="rollover-not-done">
        {plan.notDone.map((x) => (
          <List.Item key={x}>{x}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Result({ done, message }: { done: RolloverDone; message?: string }) {
  return (
    <Stack gap="md" data-testid="rollover-result">
      <Alert color="teal" title={message ?? `Переход на ${done.toYear} выполнен ${ruDate(done.doneAt.slice(0, 10))}`}>
        {done.fromYear} → {done.toYear}; выполнил: {done.doneBy}. Резервная копия перед переходом: <b data-testid="rollover-backup">{done.backupFile ?? '—'}</b>
      </Alert>
      <Counts counts={done.counts} />
      {done.toYearCurrent ? (
        <Text>Учебный год {done.toYear} уже текущий.</Text>
      ) : (
        <Group>
          <Button component="a" href="#/setup/year" data-testid="rollover-make-current">
            Сделать {done.toYear} текущим
          </Button>
          <Text size="sm" c="dimmed">
            Затем: «Приём в 1 класс» → «Формирование 1-х классов» → приказы.
          </Text>
        </Group>
      )}
    </Stack>
  );
}

export function RolloverPage() {
  const [step, setStep] = useState(0);
  const [to, setTo] = useState<string | null>(null);
  const [tenth, setTenth] = useState<Record<string, string>>({});
  const first = useOp('rollover.plan', {});
  const target = to ?? first.data?.nextYear ?? '';
  const input = { to: target || undefined, tenth: Object.entries(tenth).map(([from9, to10]) => ({ from9, to10 })) };
  const plan = useOp('rollover.plan', input, { enabled: step >= 1 && !!target });
  const [ask, modal] = useConfirm();
  const [result, setResult] = useState<{ done: RolloverDone; message: string } | null>(null);
  const run = useAction((i: typeof input) => call('rollover.run', i), {
    notify: 'Переход не выполнен',
    success: (r) => r.message,
    onSuccess: (r) => {
      setResult({ done: r.done, message: r.message });
      setStep(3);
    },
  });
  const done = result?.done ?? first.data?.done ?? null;
  const loaded = first.data !== undefined && (step === 0 || done !== null || plan.data !== undefined);

  return (
    <Stack gap="md" data-testid="rollover-page" data-loaded={loaded ? '' : undefined}>
      <PageHeader title="Переход на новый учебный год" description="Классы на год старше, учебный план, подгруппы, группы и нагрузка — одной операцией после резервной копии" />
      {first.error ? <ErrorAlert error={first.error} title="Не загружено" /> : null}
      {done && step !== 3 && !result ? (
        <Result done={done} />
      ) : first.data ? (
        <Stepper active={step} onStepClick={(s) => s < step && step < 3 && setStep(s)} size="sm">
          <Stepper.Step label="Год и литеры">
            <Stack gap="sm" maw={620} data-testid="rollover-step-year">
              <TextInput label="Новый учебный год" value={target} onChange={(e) => setTo(e.currentTarget.value)} w={200} data-testid="rollover-to" />
              <Text size="sm" c="dimmed">
                Текущий год: {first.data.fromYear?.name ?? '—'}. 10-е классы формируются из 9-х с решением «продолжает обучение в 10 классе»; литеру можно изменить.
              </Text>
              {first.data.tenth.map((t) => (
                <Group key={t.from9} gap="sm">
                  <Text w={160}>
                    9{t.from9} ({t.students} уч.) → 10
                  </Text>
                  <TextInput
                    aria-label={`Литера 10 класса для 9${t.from9}`}
                    value={tenth[t.from9] ?? t.to10}
                    onChange={(e) => setTenth((m) => ({ ...m, [t.from9]: e.currentTarget.value }))}
                    w={80}
                    data-testid={`tenth-${t.from9}`}
                  />
                </Group>
              ))}
              <Group>
                <Button onClick={() => setStep(1)} disabled={!target} data-testid="rollover-next">
                  Показать, что будет сделано
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label="Пробный прогон">
            {plan.error ? <ErrorAlert error={plan.error} title="Не получилось" /> : null}
            {plan.data ? (
              <Stack gap="md">
                <DryRun plan={plan.data} />
                <Group>
                  <Button variant="default" onClick={() => setStep(0)}>
                    Назад
                  </Button>
                  <Button onClick={() => setStep(2)} disabled={plan.data.problems.length > 0} data-testid="rollover-to-confirm">
                    Далее
                  </Button>
                </Group>
              </Stack>
            ) : null}
          </Stepper.Step>
          <Stepper.Step label="Подтверждение">
            <Stack gap="sm" maw={700}>
              <Text>
                Перед переходом будет сделана резервная копия базы. Переход выполняется одной операцией: либо всё, либо ничего. Ход выполнения и отмена (до начала записи) — на панели задач.
              </Text>
              {run.error ? <ErrorAlert error={run.error} title="Переход не выполнен" /> : null}
              <Group>
                <Button variant="default" onClick={() => setStep(1)} disabled={run.busy}>
                  Назад
                </Button>
                <Button
                  color="orange"
                  leftSection={<IconDatabaseExport size={16} />}
                  loading={run.busy}
                  data-testid="rollover-run"
                  onClick={() =>
                    ask({
                      title: `Переход на ${target}`,
                      message: `Будут созданы учебный год ${target}, его классы, учебный план, подгруппы, группы и нагрузка; ученики переводятся по подписанным приказам. Сначала будет сделана резервная копия.`,
                      confirmLabel: `Перейти на ${target}`,
                      color: 'orange',
                      run: async () => {
                        await run.run(input);
                      },
                    })
                  }
                >
                  Выполнить переход
                </Button>
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Completed>{result ? <Result done={result.done} message={result.message} /> : null}</Stepper.Completed>
        </Stepper>
      ) : null}
      {modal}
    </Stack>
  );
}
