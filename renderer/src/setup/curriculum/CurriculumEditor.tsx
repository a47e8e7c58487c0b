import { useCallback, useImperativeHandle, useMemo, useState } from 'react';
import { useReadOnly } from '../../app/access';
import { useOwnParallels } from '../../app/parallels';
import { gradeRanges } from '../../lib/labels';
import { Alert, Anchor, Badge, Button, EmptyState, Group, List, Loader, Menu, SegmentedControl, Stack, Text } from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { useProgressive } from '../../components/useProgressive';
import { IconChevronDown, IconSparkles, IconTable, IconAlertTriangle, IconLock } from '@tabler/icons-react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { SaveBar } from '../../components/SaveBar';
import { askUnsaved, useUnsavedGuard } from '../../app/unsaved';
import { checkNumber, CURRICULUM_HOURS } from '../../lib/checks';
import type { EditorProps } from '../../components/stepHandle';
import { countOf } from '../../lib/dates';
import { problemsOf } from '../../lib/errors';
import type { CurriculumGrid } from '../../../../electron/api/types';
import css from './Curriculum.module.css';
import { Cell } from './Cell';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { opKey, queryClient } from '../../data/client';

const LEVELS = [
  { value: 'all', label: 'Все классы' },
  { value: '1-4', label: '1–4' },
  { value: '5-9', label: '5–9' },
  { value: '10-11', label: '10–11' },
];
const inLevel = (grade: number, level: string) => {
  if (level === 'all') return true;
  const [a, b] = level.split('-').map(Number);
  return grade >= a! && grade <= b!;
};
const k = (classId: string, subjectId: string) => `${classId}:${subjectId}`;
const fmt = (n: number) => String(n).replace('.', ',');

/** '1,5' → 1.5; '' → 0; else the message: the text stays as typed (99 is never saved as 9). */
function checkCell(text: string): { hours: number } | { error: string } {
  const c = checkNumber(text, CURRICULUM_HOURS);
  return c.ok ? { hours: c.value ?? 0 } : { error: c.error };
}

/** Учебный план: weekly hours per class and subject, with the weekly limit per class. */
export function CurriculumEditor({ handleRef, inWizard }: EditorProps) {
  const readOnly = useReadOnly();
  const own = useOwnParallels();
  // The stored grid follows the data (a query); what was typed is the draft on top of it: a
  // refetch changes the cells nobody typed into, never a typed one.
  const gridQ = useOp('curriculum.grid');
  const grid = gridQ.data ?? null;
  /** What was typed into cells since the last save: the draft (issue 8: the page's save model). */
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [level, setLevel] = useState('all');
  /** The core's refusals of single cells ('cells.3.hours' of the sent list), shown in those cells. */
  const [refused, setRefused] = useState<Record<string, string>>({});
  type Cells = { classId: string; subjectId: string; hours: number }[];
  const saveAction = useAction((cells: Cells) => call('curriculum.set', { cells }), {
    success: (r) => (inWizard ? null : `Учебный план сохранён (изменено ячеек: ${r.changed})`),
    onSuccess: (_r, cells) => {
      // What was saved is stored: shown at once, confirmed by the refetch that follows.
      queryClient.setQueryData<CurriculumGrid>(opKey('curriculum.grid'), (g) => {
        if (!g) return g;
        const saved = new Map(cells.map((c) => [k(c.classId, c.subjectId), c.hours]));
        const rest = g.cells.filter((c) => !saved.has(k(c.classId, c.subjectId)));
        return { ...g, cells: [...rest, ...cells.filter((c) => c.hours > 0).map((c) => ({ ...c }))] };
      });
      setTexts({});
      setRefused({});
    },
    onError: (e, cells) => {
      const byCell: Record<string, string> = {};
      for (const x of problemsOf(e)) {
        const m = /^cells\.(\d+)\./.exec(x.column ?? '');
        const c = m ? cells[Number(m[1])] : undefined;
        if (c) byCell[k(c.classId, c.subjectId)] = x.message;
      }
      setRefused(byCell);
    },
  });
  const applyAction = useAction((onlyEmpty: boolean) => call('curriculum.applyStandard', { onlyEmpty }), {
    success: (r) => ({ title: 'Учебный план по ФГОС', message: r.changed ? `Заполнено ячеек: ${r.changed}` : 'Все классы уже заполнены — нечего добавлять' }),
    onSuccess: () => setTexts({}),
  });
  const saving = saveAction.busy;
  const applying = applyAction.busy;
  const error = saveAction.error ?? applyAction.error ?? gridQ.error;
  const setError = (e: null) => {
    saveAction.setError(e);
    applyAction.setError(e);
  };

  const base = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of grid?.cells ?? []) m.set(k(c.classId, c.subjectId), c.hours);
    return m;
  }, [grid]);
  const checked = useMemo(() => {
    const m = new Map<string, { hours: number } | { error: string }>();
    for (const [key, t] of Object.entries(texts)) m.set(key, checkCell(t));
    return m;
  }, [texts]);
  /** The hours a cell shows: typed (when it is a valid number) or stored. Totals count these. */
  const value = (classId: string, subjectId: string) => {
    const c = checked.get(k(classId, subjectId));
    return c && 'hours' in c ? c.hours : (base.get(k(classId, subjectId)) ?? 0);
  };
  const onText = useCallback((classId: string, subjectId: string, text: string) => {
    setTexts((t) => ({ ...t, [k(classId, subjectId)]: text }));
    setRefused((r) => {
      const { [k(classId, subjectId)]: _, ...rest } = r;
      return rest;
    });
    setError(null);
  }, []);
  const changed = [...checked].flatMap(([key, c]) => ('hours' in c && c.hours !== (base.get(key) ?? 0) ? [{ key, hours: c.hours }] : []));
  const invalid = [...checked].flatMap(([key, c]) => ('error' in c ? [{ key, error: c.error }] : []));
  const dirty = changed.length > 0 || invalid.length > 0;

  const save = async (): Promise<boolean> => {
    // A wrong cell refuses the whole save: nothing reaches the core until every cell is right.
    if (invalid.length) {
      document.querySelector<HTMLInputElement>('[data-testid="curriculum-grid"] input[data-invalid]')?.focus();
      return false;
    }
    if (changed.length === 0) {
      setTexts({});
      return true;
    }
    const cells = changed.map(({ key, hours }) => {
      const [classId, subjectId] = key.split(':') as [string, string];
      return { classId, subjectId, hours };
    });
    return saveAction.run(cells);
  };
  const discard = () => {
    setTexts({});
    setRefused({});
    setError(null);
  };
  useImperativeHandle(handleRef, () => ({ save }));
  useUnsavedGuard(dirty && !readOnly, { save, discard });

  const apply = async (onlyEmpty: boolean) => {
    // Filling in reloads the grid: typed cells are saved first or dropped, as the user says.
    if (dirty && !(await askUnsaved())) return;
    await applyAction.run(onlyEmpty);
  };

  // A column per class: 200 at a big school, the first ones (those on screen) first.
  const levelCols = useMemo(() => (grid ? grid.classes.filter((c) => inLevel(c.grade, level)) : []), [grid, level]);
  const shownCols = useProgressive(levelCols, 24);
  if (!grid) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;
  if (grid.classes.length === 0 || grid.subjects.length === 0) {
    return (
      <EmptyState
        py={48}
        icon={<IconTable size={28} />}
        withIndicatorBackground
        title="Учебный план строится по классам и предметам"
        description={
          <>
            {grid.classes.length === 0 ? (
              <>
                Нет классов — создайте их: <Anchor href={inWizard ? '#/wizard/6' : '#/setup/classes'}>Классы</Anchor>.{' '}
              </>
            ) : null}
            {grid.subjects.length === 0 ? (
              <>
                Нет предметов — добавьте их: <Anchor href={inWizard ? '#/wizard/4' : '#/setup/subjects'}>Предметы</Anchor>.
              </>
            ) : null}
          </>
        }
      />
    );
  }

  const cols = levelCols;
  const totals = new Map(cols.map((c) => [c.id, grid.subjects.reduce((n, s) => n + value(c.id, s.id), 0)]));
  const over = cols.filter((c) => (totals.get(c.id) ?? 0) > c.maxWeekly);
  const empty = grid.classes.filter((c) => grid.subjects.every((s) => value(c.id, s.id) === 0));
  const hasAny = grid.cells.length > 0;
  const subjectName = new Map(grid.subjects.map((x) => [x.id, x.name]));
  const className = new Map(grid.classes.map((x) => [x.id, x.name]));
  const cellName = (key: string) => {
    const [classId, subjectId] = key.split(':') as [string, string];
    return `${subjectName.get(subjectId) ?? ''}, ${className.get(classId) ?? ''}`;
  };
  const foreign = own.grades && !readOnly ? grid.classes.filter((c) => !own.mine(c.grade)) : [];
  const yours = foreign.length ? ' ваших параллелей' : '';

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm">
          <SegmentedControl data={LEVELS} value={level} onChange={setLevel} data-testid="curriculum-level" />
          {over.length ? (
            <Badge color="red" variant="light" size="lg" leftSection={<IconAlertTriangle size={14} />} data-testid="curriculum-over">
              Превышена нагрузка: {over.map((c) => c.name).join(', ')}
            </Badge>
          ) : null}
          {empty.length && hasAny ? (
            <Badge color="orange" variant="light" size="lg">
              Не заполнено: {countOf(empty.length, 'класс', 'класса', 'классов')}
            </Badge>
          ) : null}
        </Group>
        <Group gap="xs">
          {readOnly ? null : hasAny ? (
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Button variant="default" leftSection={<IconSparkles size={16} />} rightSection={<IconChevronDown size={14} />} loading={applying} data-testid="curriculum-standard">
                  Заполнить по ФГОС
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => void apply(true)} data-testid="curriculum-standard-empty">
                  Только незаполненные классы{yours}
                </Menu.Item>
                <Menu.Item color="red" onClick={() => void apply(false)}>
                  Все классы{yours} (заменить введённые часы)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : (
            <Button leftSection={<IconSparkles size={16} />} loading={applying} onClick={() => void apply(true)} data-testid="curriculum-standard">
              Заполнить по ФГОС
            </Button>
          )}
          {!inWizard ? <ExportButton list="curriculum" /> : null}
        </Group>
      </Group>
      {!hasAny && !dirty && !readOnly ? (
        <Alert color="indigo" variant="light">
          План пуст. «Заполнить по ФГОС» проставит часы федерального учебного плана (пятидневная неделя) для каждой параллели; затем поправьте часы
          части, формируемой участниками образовательных отношений.
        </Alert>
      ) : null}
      {foreign.length ? (
        <Alert color="gray" variant="light" icon={<IconLock size={18} />} data-testid="curriculum-foreign">
          {own.summary}: классы {[...new Set(foreign.map((c) => c.grade))].length === 1 ? 'параллели' : 'параллелей'} {gradeRanges(foreign.map((c) => c.grade))}{' '}
          показаны только для просмотра.
        </Alert>
      ) : null}
      {invalid.length ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Не сохранено: исправьте ячейки" data-testid="curriculum-invalid">
          <List size="sm" spacing={2}>
            {invalid.slice(0, 8).map(({ key, error: message }) => (
              <List.Item key={key}>
                {cellName(key)}: {message}
              </List.Item>
            ))}
            {invalid.length > 8 ? <List.Item>…и ещё {invalid.length - 8}</List.Item> : null}
          </List>
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className={css.wrap} style={{ maxHeight: inWizard ? 'calc(100vh - 400px)' : 'calc(100vh - 250px)' }} data-testid="curriculum-grid" data-scroll-x="a column per class: scrolls sideways by design">
        <table className={css.table}>
          <thead>
            <tr>
              <th className={css.subject}>Предмет</th>
              {shownCols.map((c) => {
                const locked = foreign.includes(c) ? own.reason(c.name) : undefined;
                return (
                  <th key={c.id} className={(totals.get(c.id) ?? 0) > c.maxWeekly ? css.colOver : locked ? css.colForeign : undefined} title={locked} data-foreign={locked ? true : undefined}>
                    {locked ? <IconLock size={11} style={{ marginRight: 2, verticalAlign: -1 }} aria-label="только просмотр" /> : null}
                    {c.name}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {grid.subjects.map((s, row) => (
              <tr key={s.id}>
                <td className={css.subject} title={s.name}>
                  {s.name}
                </td>
                {shownCols.map((c, col) => {
                  const key = k(c.id, s.id);
                  const typed = checked.get(key);
                  const stored = base.get(key) ?? 0;
                  return (
                    <td key={c.id} className={css.cellTd}>
                      <Cell
                        classId={c.id}
                        subjectId={s.id}
                        row={row}
                        col={col}
                        value={stored}
                        text={texts[key]}
                        error={typed && 'error' in typed ? typed.error : refused[key]}
                        dirty={!!typed && 'hours' in typed && typed.hours !== stored}
                        label={`${s.name}, ${c.name}`}
                        readOnly={readOnly}
                        locked={foreign.includes(c) ? own.reason(c.name) : undefined}
                        onText={onText}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td className={css.subject}>Итого в неделю / максимум</td>
              {shownCols.map((c) => {
                const t = totals.get(c.id) ?? 0;
                const bad = t > c.maxWeekly;
                return (
                  <td key={c.id} className={bad ? css.over : undefined} data-testid={`total-${c.name}`} data-over={bad || undefined}>
                    <LightTooltip label={bad ? `Больше допустимой недельной нагрузки (${c.maxWeekly} ч) на ${fmt(t - c.maxWeekly)} ч` : `Допустимо до ${c.maxWeekly} ч (СанПиН, пятидневка)`}>
                      <span>
                        {fmt(t)}/{c.maxWeekly}
                      </span>
                    </LightTooltip>
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <Text size="xs" c="dimmed">
        {readOnly
          ? 'Часы в неделю.'
          : 'Часы в неделю: от 0 до 40, допускается 0,5. Enter и стрелки ↑↓ — переход по ячейкам. Изменённые ячейки подсвечены, пока не сохранены.'}
      </Text>
      {readOnly ? null : (
        <SaveBar
          dirty={dirty}
          saving={saving}
          onDiscard={discard}
          onSave={inWizard ? undefined : () => void save()}
          testId="curriculum"
          saveLabel={changed.length ? `Сохранить (${changed.length})` : 'Сохранить'}
        />
      )}
    </Stack>
  );
}
