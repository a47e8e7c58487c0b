// «Формирование 1-х классов» (issue 12 point 2; R10): the enrollable children of grade 1 distributed
// over the first grades — how many classes, their letters and sizes chosen, «Распределить» shows a
// proposal (not saved) on the board, «Сохранить распределение» writes it; then each child can be
// moved between the classes by drag and drop, or by the keyboard (a card focused: Enter takes it,
// ← → choose the class, Enter puts it there, Esc lets go). Pairs of children kept together or apart;
// a search highlights a child. The orders are made from the saved classes («Подготовить приказы»:
// orders.fromFormation, drafts in «Приказы»).
import { useEffect, useMemo, useState, type DragEvent, type KeyboardEvent } from 'react';
import { ActionIcon, Alert, Badge, Box, Button, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconArrowsShuffle, IconDeviceFloppy, IconFileText, IconLink, IconLinkOff, IconTrash, IconX } from '@tabler/icons-react';
import { call } from '../api';
import { useReadOnly } from '../app/access';
import { go } from '../app/useHashRoute';
import { ErrorAlert } from '../components/ErrorAlert';
import { NumberField } from '../components/NumberField';
import { checkNumber, type NumberRule } from '../lib/checks';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { invalidateAll } from '../data/client';
import { useAction } from '../data/useAction';
import { useOp } from '../data/useOp';
import { ruDate, todayIso } from '../lib/dates';
import { problemsOf, type Problem } from '../lib/errors';
import { AppError } from '../api';
import { ruFold } from '../../../electron/api/text';
import { DEFAULT_LETTERS, type FormationChild, type FormationProposal } from '../../../electron/api/formation';
import { ageText, boardColumns, counts, moveChild, proposalColumns, UNPLANNED, type Column } from './board';

/** The orders' operation (another part of issue 12): called only when the contract has it. */
const COUNT: NumberRule = { min: 1, max: 20, step: 1 };
const SEED: NumberRule = { min: 0, max: 1_000_000, step: 1 };


/** The first problem about a field of the form: the field itself ('letters') or one of its items ('letters.1'). */
function formError(problems: Problem[], field: string): string | undefined {
  return problems.find((p) => p.column === field || p.column?.startsWith(`${field}.`))?.message;
}

/** The sizes as typed («25, 25, 24»): whole numbers, else the refusal naming the field (never NaN sent as «empty»). */
function parseSizes(text: string): number[] | null {
  if (!text.trim()) return null;
  const parts = parseList(text);
  const bad = parts.find((x) => !/^\d+$/.test(x));
  if (bad !== undefined) {
    const message = `Поле «Размеры классов»: «${bad.length > 10 ? `${bad.slice(0, 10)}…` : bad}» — не целое число`;
    throw new AppError('validation', message, [{ column: 'sizes', message }]);
  }
  return parts.map(Number);
}

function parseList(text: string): string[] {
  return text
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function Counts({ children }: { children: FormationChild[] }) {
  const c = counts(children);
  return (
    <Group gap={6} wrap="nowrap" data-testid="column-counts">
      <Text size="xs" fw={700} className="tnum">
        {c.size}
      </Text>
      <Tooltip label="Мальчиков">
        <Badge size="xs" variant="light" color="blue" tt="none" className="tnum">
          м {c.boys}
        </Badge>
      </Tooltip>
      <Tooltip label="Девочек">
        <Badge size="xs" variant="light" color="pink" tt="none" className="tnum">
          д {c.girls}
        </Badge>
      </Tooltip>
      <Tooltip label="Средний возраст на 1 сентября, лет">
        <Text size="xs" c="dimmed" className="tnum">
          ср. {ageText(c.meanAge)}
        </Text>
      </Tooltip>
    </Group>
  );
}

interface CardProps {
  child: FormationChild;
  paired: 'together' | 'apart' | 'both' | null;
  match: boolean | null;
  held: boolean;
  readOnly: boolean;
  onKey: (e: KeyboardEvent<HTMLDivElement>) => void;
}

function ChildCard({ child, paired, match, held, readOnly, onKey }: CardProps) {
  return (
    <Paper
      withBorder
      px={8}
      py={5}
      radius="sm"
      tabIndex={0}
      draggable={!readOnly}
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData('text/plain', child.id);
        e.dataTransfer.effectAllowed = 'move';
      }}
      onKeyDown={onKey}
      data-testid="child-card"
      data-child-id={child.id}
      data-held={held || undefined}
      data-match={match || undefined}
      aria-label={`${child.fullName}${held ? ', выбран для переноса' : ''}`}
      style={{
        cursor: readOnly ? 'default' : 'grab',
        opacity: match === false ? 0.35 : 1,
        // An outline, not the border: React would clear the left border's colour with a border shorthand.
        outline: held ? '2px solid var(--mantine-color-blue-6)' : match ? '2px solid var(--mantine-color-yellow-6)' : 'none',
        outlineOffset: -1,
        background: match ? 'var(--mantine-color-yellow-0)' : undefined,
        borderLeft: `3px solid var(--mantine-color-${child.gender === 'm' ? 'blue' : child.gender === 'f' ? 'pink' : 'gray'}-4)`,
      }}
    >
      <Text size="xs" fw={600} lh={1.25}>
        {child.fullName}
      </Text>
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Text size="xs" c="dimmed" className="tnum">
          {ruDate(child.birthDate)} · {ageText(child.age)}
        </Text>
        {paired ? (
          <Tooltip label={paired === 'together' ? 'В паре «вместе»' : paired === 'apart' ? 'В паре «в разных классах»' : 'В парах'}>
            {paired === 'apart' ? <IconLinkOff size={13} color="var(--mantine-color-orange-6)" /> : <IconLink size={13} color="var(--mantine-color-teal-6)" />}
          </Tooltip>
        ) : null}
      </Group>
    </Paper>
  );
}

export function FormationPage() {
  const readOnly = useReadOnly();
  const board = useOp('formation.board');
  const [count, setCount] = useState('4');
  const [letters, setLetters] = useState('');
  const [sizes, setSizes] = useState('');
  const [seed, setSeed] = useState('1');
  const [proposal, setProposal] = useState<{ p: FormationProposal; cols: Column[] } | null>(null);
  const [search, setSearch] = useState('');
  const [held, setHeld] = useState<{ id: string; to: number } | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [pair, setPair] = useState<{ first: string | null; second: string | null; together: string }>({ first: null, second: null, together: 'together' });

  const b = board.data;
  const all = useMemo(() => (b ? [...b.classes.flatMap((c) => c.children), ...b.unplanned] : []), [b]);
  const cols = proposal ? proposal.cols : b ? boardColumns(b) : [];
  const countCheck = checkNumber(count, COUNT);
  const seedCheck = checkNumber(seed, SEED);
  const n = countCheck.ok ? (countCheck.value ?? 0) : 0;
  const lettersShown = letters.trim() ? parseList(letters.toUpperCase()) : DEFAULT_LETTERS.slice(0, n);

  useEffect(() => {
    // The form starts from the classes there are.
    if (b && b.classes.length && letters === '') {
      setCount(String(b.classes.length));
      setLetters(b.classes.map((c) => c.letter).join(', '));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [b?.classes.length]);

  const pairedOf = useMemo(() => {
    const m = new Map<string, 'together' | 'apart' | 'both'>();
    for (const p of b?.pairs ?? [])
      for (const id of [p.firstId, p.secondId]) {
        const k = p.together ? 'together' : 'apart';
        const had = m.get(id);
        m.set(id, had && had !== k ? 'both' : k);
      }
    return m;
  }, [b]);
  const q = ruFold(search.trim());
  const matches = (c: FormationChild) => (q ? ruFold(c.fullName).includes(q) || c.regNumber.includes(search.trim()) : null);
  const found = q ? all.filter((c) => matches(c)).length : 0;
  useEffect(() => {
    // The first child found is brought into view (its column scrolls to it).
    if (q) document.querySelector('[data-testid="child-card"][data-match="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [q, found]);

  const propose = useAction(
    () =>
      call('formation.propose', {
        count: n,
        letters: letters.trim() ? parseList(letters) : null,
        sizes: parseSizes(sizes),
        seed: seedCheck.ok ? (seedCheck.value ?? 1) : 1,
      }),
    { onSuccess: (p) => setProposal({ p, cols: proposalColumns(p, all) }), invalidates: false },
  );
  const apply = useAction(
    () => call('formation.apply', { classes: proposal!.cols.filter((c) => c.letter).map((c) => ({ letter: c.letter!, applicationIds: c.children.map((k) => k.id) })) }),
    // The proposal stays on screen until the saved board has been read: closing it first showed the
    // board as it was before the save for a moment.
    {
      success: 'Распределение сохранено',
      onSuccess: async () => {
        await invalidateAll();
        setProposal(null);
      },
      invalidates: false,
      notify: 'Распределение не сохранено',
    },
  );
  const proposeProblems = problemsOf(propose.error);
  const move = useAction((applicationId: string, classId: string | null) => call('formation.move', { applicationId, classId }), { notify: 'Ребёнок не перенесён' });
  const savePair = useAction(
    () => call('formation.pairs.save', { firstId: pair.first!, secondId: pair.second!, together: pair.together === 'together' }),
    { success: 'Пара сохранена', onSuccess: () => setPair({ ...pair, first: null, second: null }) },
  );
  const removePair = useAction((id: string) => call('formation.pairs.remove', { id }), { notify: 'Пара не удалена' });
  // Drafts dated today: the secretary sets the order's and the enrollment's dates in «Приказы» before signing.
  // The register opens with them: the next step is there (a notification alone left the secretary to find it).
  const orders = useAction(() => call('orders.fromFormation', { yearId: null, date: todayIso(), effectiveDate: todayIso() }), {
    success: 'Проекты приказов подготовлены: проверьте даты и подпишите их',
    notify: 'Приказы не подготовлены',
    onSuccess: () => go('/orders'),
  });

  const moveTo = (childId: string, toKey: string) => {
    const from = cols.find((c) => c.children.some((k) => k.id === childId));
    if (!from || from.key === toKey) return;
    if (proposal) setProposal({ ...proposal, cols: moveChild(proposal.cols, childId, toKey) });
    else void move.run(childId, cols.find((c) => c.key === toKey)!.classId);
  };

  const cardKey = (child: FormationChild, colIndex: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (readOnly) return;
    if (!held || held.id !== child.id) {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        setHeld({ id: child.id, to: colIndex });
      }
      return;
    }
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const to = Math.max(0, Math.min(cols.length - 1, held.to + (e.key === 'ArrowRight' ? 1 : -1)));
      setHeld({ ...held, to });
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      moveTo(child.id, cols[held.to]!.key);
      setHeld(null);
      // The card stays focused in its new column once it is there.
      setTimeout(() => document.querySelector<HTMLElement>(`[data-child-id="${child.id}"]`)?.focus(), 300);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setHeld(null);
    }
  };

  const childOptions = all.map((c) => ({ value: c.id, label: `${c.fullName}, ${ruDate(c.birthDate)}` }));
  const total = b?.total;

  return (
    <Stack gap="md">
      <PageHeader
        title="Формирование 1-х классов"
        description={
          total
            ? `Дети с заявлениями, допускающими зачисление: ${total.size} (мальчиков ${total.boys}, девочек ${total.girls}), средний возраст ${ageText(total.meanAge)} на ${ruDate(b!.ageOn)}`
            : undefined
        }
        actions={
          !readOnly ? (
            <Tooltip label="Проекты приказов «О зачислении» и «О формировании классов» из сохранённого распределения">
              <Button variant="default" leftSection={<IconFileText size={16} />} loading={orders.busy} disabled={!!proposal || !b?.classes.length} onClick={() => void orders.run()} data-testid="formation-orders">
                Подготовить приказы
              </Button>
            </Tooltip>
          ) : null
        }
      />
      {board.error ? <ErrorAlert error={board.error} title="Не загружено" /> : null}

      {!readOnly ? (
        <Paper withBorder p="sm" radius="md">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NumberField label="Классов" rule={COUNT} value={count} onChange={setCount} error={formError(proposeProblems, 'count')} w={90} data-testid="formation-count" />
            <TextInput
              label="Литеры"
              placeholder={DEFAULT_LETTERS.slice(0, n).join(', ')}
              value={letters}
              onChange={(e) => (setLetters(e.currentTarget.value), propose.setError(null))}
              error={formError(proposeProblems, 'letters')}
              w={170}
              data-testid="formation-letters"
            />
            <TextInput
              label="Размеры классов"
              placeholder="поровну"
              value={sizes}
              onChange={(e) => (setSizes(e.currentTarget.value), propose.setError(null))}
              error={formError(proposeProblems, 'sizes')}
              w={170}
              data-testid="formation-sizes"
            />
            <NumberField label="Вариант" rule={SEED} value={seed} onChange={setSeed} error={formError(proposeProblems, 'seed')} w={90} data-testid="formation-seed" />
            <Button leftSection={<IconArrowsShuffle size={16} />} onClick={() => void propose.run()} loading={propose.busy} disabled={!total?.size || !countCheck.ok || !seedCheck.ok} data-testid="formation-propose">
              Распределить
            </Button>
            {proposal ? (
              <>
                <Button color="teal" leftSection={<IconDeviceFloppy size={16} />} onClick={() => void apply.run()} loading={apply.busy} data-testid="formation-apply">
                  Сохранить распределение
                </Button>
                <Button variant="subtle" color="gray" leftSection={<IconX size={16} />} onClick={() => setProposal(null)} data-testid="formation-discard">
                  Отменить
                </Button>
              </>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            Классы {lettersShown.map((l) => `1${l}`).join(', ') || '—'}; размеры {sizes.trim() ? 'заданы' : 'поровну (различаются не больше чем на 1)'}. Распределение по полу и возрасту, с
            учётом пар; недостающие классы будут созданы при сохранении.
          </Text>
          {propose.error && !proposeProblems.every((p) => ['count', 'letters', 'sizes', 'seed'].some((f) => p.column === f || p.column?.startsWith(`${f}.`))) ? (
            <ErrorAlert error={propose.error} title="Не распределено" onClose={() => propose.setError(null)} />
          ) : null}
        </Paper>
      ) : null}

      {proposal ? (
        <Alert color="blue" variant="light" py={8} data-testid="formation-preview">
          Предварительное распределение (вариант {proposal.p.seed}) — ещё не сохранено. Перетащите детей между классами, если нужно, и нажмите «Сохранить распределение».
        </Alert>
      ) : null}
      {(proposal ? proposal.p.problems : (b?.problems ?? [])).length ? (
        <Alert color="orange" variant="light" title="Не выполнено" data-testid="formation-problems">
          <Stack gap={2}>
            {(proposal ? proposal.p.problems : b!.problems).map((x) => (
              <Text key={x} size="sm">
                {x}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <Group justify="space-between" gap="sm">
        <SearchInput value={search} onChange={setSearch} w={320} placeholder="Найти ребёнка" data-testid="formation-search" />
        <Text size="xs" c="dimmed">
          {q ? `Найдено: ${found}. ` : ''}
          {readOnly ? '' : 'Перетащите карточку в другой класс, или: Enter — взять, ← → — класс, Enter — положить, Esc — отмена.'}
        </Text>
      </Group>

      <Box style={{ display: 'grid', gridTemplateColumns: `repeat(${Math.max(1, cols.length)}, minmax(150px, 1fr))`, gap: 8, overflowX: 'auto' }} data-testid="formation-board">
        {cols.map((col, ci) => (
          <Paper
            key={col.key}
            withBorder
            radius="md"
            p={6}
            bg={held?.to === ci && held && !col.children.some((k) => k.id === held.id) ? 'blue.0' : over === col.key ? 'blue.0' : col.key === UNPLANNED ? 'gray.0' : undefined}
            onDragOver={(e) => {
              if (readOnly) return;
              e.preventDefault();
              setOver(col.key);
            }}
            onDragLeave={() => setOver((o) => (o === col.key ? null : o))}
            onDrop={(e) => {
              e.preventDefault();
              setOver(null);
              const id = e.dataTransfer.getData('text/plain');
              if (id) moveTo(id, col.key);
            }}
            data-testid="formation-column"
            data-column={col.title}
          >
            <Stack gap={4} mb={6} px={2}>
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700} size="sm">
                  {col.title}
                </Text>
                {proposal && col.letter && !col.classId ? (
                  <Badge size="xs" variant="outline" color="gray" tt="none">
                    новый
                  </Badge>
                ) : null}
              </Group>
              <Counts>{col.children}</Counts>
            </Stack>
            <ScrollArea.Autosize mah="calc(100vh - 420px)" type="auto" offsetScrollbars>
              <Stack gap={4} mih={60}>
                {col.children.map((k) => (
                  <ChildCard key={k.id} child={k} paired={pairedOf.get(k.id) ?? null} match={matches(k)} held={held?.id === k.id} readOnly={readOnly} onKey={cardKey(k, ci)} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Paper>
        ))}
      </Box>

      <Paper withBorder p="sm" radius="md" data-testid="formation-pairs">
        <Text fw={600} size="sm" mb={6}>
          Пары детей: вместе или в разных классах
        </Text>
        <Stack gap={4} mb="sm">
          {(b?.pairs ?? []).length === 0 ? (
            <Text size="sm" c="dimmed">
              Пар нет. Братья, сёстры и друзья, которых родители просят оставить вместе, или дети, которых лучше развести, — добавьте их здесь.
            </Text>
          ) : null}
          {(b?.pairs ?? []).map((p) => (
            <Group key={p.id} gap="xs" wrap="nowrap" data-testid="pair-row">
              <Badge size="sm" variant="light" color={p.together ? 'teal' : 'orange'} tt="none" w={130}>
                {p.together ? 'вместе' : 'в разных классах'}
              </Badge>
              <Text size="sm">
                {p.firstName} и {p.secondName}
              </Text>
              {!readOnly ? (
                <ActionIcon variant="subtle" color="gray" aria-label="Удалить пару" onClick={() => void removePair.run(p.id)} data-testid="pair-remove">
                  <IconTrash size={15} />
                </ActionIcon>
              ) : null}
            </Group>
          ))}
        </Stack>
        {!readOnly ? (
          <Group align="flex-end" gap="sm">
            <Select label="Первый ребёнок" data={childOptions} value={pair.first} onChange={(v) => setPair({ ...pair, first: v })} searchable w={300} data-testid="pair-first" />
            <Select label="Второй ребёнок" data={childOptions} value={pair.second} onChange={(v) => setPair({ ...pair, second: v })} searchable w={300} data-testid="pair-second" />
            <SegmentedControl
              value={pair.together}
              onChange={(v) => setPair({ ...pair, together: v })}
              data={[
                { value: 'together', label: 'Вместе' },
                { value: 'apart', label: 'В разных классах' },
              ]}
            />
            <Button variant="default" onClick={() => void savePair.run()} loading={savePair.busy} disabled={!pair.first || !pair.second} data-testid="pair-save">
              Добавить пару
            </Button>
          </Group>
        ) : null}
        {savePair.error ? <ErrorAlert error={savePair.error} title="Пара не сохранена" onClose={() => savePair.setError(null)} /> : null}
      </Paper>
    </Stack>
  );
}
