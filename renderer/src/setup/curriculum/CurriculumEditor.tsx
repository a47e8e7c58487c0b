import { memo, useCallback, useEffect, useImperativeHandle, useMemo, useState } from 'react';
import { useReadOnly } from '../../app/access';
import { Alert, Anchor, Badge, Button, EmptyState, Group, Loader, Menu, SegmentedControl, Stack, Text } from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { useProgressive } from '../../components/useProgressive';
import { IconChevronDown, IconDeviceFloppy, IconSparkles, IconTable, IconAlertTriangle } from '@tabler/icons-react';
import { call } from '../../api';
import { useAppState } from '../../app/AppState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import type { EditorProps } from '../../components/stepHandle';
import { countOf } from '../../lib/dates';
import { notifyOk } from '../../lib/notify';
import type { CurriculumGrid } from '../../../../electron/api/types';
import css from './Curriculum.module.css';

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

/** '1,5' → 1.5; '' → 0; null when it is not a number of hours (0–40, whole or half). */
function parseHours(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (t === '') return 0;
  if (!/^\d{1,2}(\.\d)?$/.test(t)) return null;
  const n = Number(t);
  return n <= 40 && Math.round(n * 2) === n * 2 ? n : null;
}

/** One cell of the grid: a light text input (a thousand of them must stay fast); Enter and ↑/↓ move like in Excel. */
const Cell = memo(function Cell(p: {
  classId: string;
  subjectId: string;
  row: number;
  col: number;
  value: number;
  dirty: boolean;
  label: string;
  readOnly?: boolean;
  onChange: (classId: string, subjectId: string, v: number) => void;
}) {
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (p.value === 0 ? '' : fmt(p.value));
  const invalid = text !== null && parseHours(text) === null;
  const move = (e: React.KeyboardEvent<HTMLInputElement>, dr: number, dc: number) => {
    const el = e.currentTarget.closest('table')?.querySelector<HTMLInputElement>(`input[data-cell="${p.row + dr}:${p.col + dc}"]`);
    if (el) {
      e.preventDefault();
      el.focus();
      el.select();
    }
  };
  return (
    <input
      className={css.cell}
      value={shown}
      readOnly={p.readOnly}
      inputMode="decimal"
      maxLength={4}
      aria-label={p.label}
      title={invalid ? 'Часы — целое число или с половиной (0,5), не больше 40' : p.label}
      data-cell={`${p.row}:${p.col}`}
      data-dirty={p.dirty || undefined}
      data-invalid={invalid || undefined}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => {
        const t = e.currentTarget.value.replace(/[^\d.,]/g, '');
        setText(t);
        const n = parseHours(t);
        if (n !== null) p.onChange(p.classId, p.subjectId, n);
      }}
      onBlur={() => {
        if (text !== null && parseHours(text) !== null) setText(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === 'ArrowDown') move(e, 1, 0);
        else if (e.key === 'ArrowUp') move(e, -1, 0);
      }}
    />
  );
});

/** Учебный план: weekly hours per class and subject, with the weekly limit per class. */
export function CurriculumEditor({ handleRef, inWizard }: EditorProps) {
  const { refresh } = useAppState();
  const readOnly = useReadOnly();
  const [grid, setGrid] = useState<CurriculumGrid | null>(null);
  const [edits, setEdits] = useState<Record<string, number>>({});
  const [level, setLevel] = useState('all');
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [applying, setApplying] = useState(false);

  const load = useCallback(async () => {
    try {
      setGrid(await call('curriculum.grid'));
      setEdits({});
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const base = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of grid?.cells ?? []) m.set(k(c.classId, c.subjectId), c.hours);
    return m;
  }, [grid]);
  const value = (classId: string, subjectId: string) => edits[k(classId, subjectId)] ?? base.get(k(classId, subjectId)) ?? 0;
  const onChange = useCallback((classId: string, subjectId: string, v: number) => setEdits((e) => ({ ...e, [k(classId, subjectId)]: v })), []);
  const dirty = Object.entries(edits).filter(([key, v]) => (base.get(key) ?? 0) !== v);

  const save = async (): Promise<boolean> => {
    if (dirty.length === 0) return true;
    setSaving(true);
    try {
      const cells = dirty.map(([key, hours]) => {
        const [classId, subjectId] = key.split(':') as [string, string];
        return { classId, subjectId, hours };
      });
      const r = await call('curriculum.set', { cells });
      setError(null);
      await load();
      await refresh();
      if (!inWizard) notifyOk(`Учебный план сохранён (изменено ячеек: ${r.changed})`);
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };
  useImperativeHandle(handleRef, () => ({ save }));

  const apply = async (onlyEmpty: boolean) => {
    setApplying(true);
    try {
      const r = await call('curriculum.applyStandard', { onlyEmpty });
      notifyOk(r.changed ? `Заполнено ячеек: ${r.changed}` : 'Все классы уже заполнены — нечего добавлять', 'Учебный план по ФГОС');
      setError(null);
      await load();
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setApplying(false);
    }
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
                  Только незаполненные классы
                </Menu.Item>
                <Menu.Item color="red" onClick={() => void apply(false)}>
                  Все классы (заменить введённые часы)
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : (
            <Button leftSection={<IconSparkles size={16} />} loading={applying} onClick={() => void apply(true)} data-testid="curriculum-standard">
              Заполнить по ФГОС
            </Button>
          )}
          {!inWizard ? <ExportButton list="curriculum" /> : null}
          {readOnly ? null : (
          <Button leftSection={<IconDeviceFloppy size={16} />} disabled={dirty.length === 0} loading={saving} onClick={() => void save()} data-testid="curriculum-save">
            Сохранить{dirty.length ? ` (${dirty.length})` : ''}
          </Button>
          )}
        </Group>
      </Group>
      {!hasAny && dirty.length === 0 && !readOnly ? (
        <Alert color="indigo" variant="light">
          План пуст. «Заполнить по ФГОС» проставит часы федерального учебного плана (пятидневная неделя) для каждой параллели; затем поправьте часы
          части, формируемой участниками образовательных отношений.
        </Alert>
      ) : null}
      {error ? <ErrorAlert error={error} /> : null}
      <div className={css.wrap} style={{ maxHeight: inWizard ? 'calc(100vh - 400px)' : 'calc(100vh - 250px)' }} data-testid="curriculum-grid" data-scroll-x="a column per class: scrolls sideways by design">
        <table className={css.table}>
          <thead>
            <tr>
              <th className={css.subject}>Предмет</th>
              {shownCols.map((c) => (
                <th key={c.id} className={(totals.get(c.id) ?? 0) > c.maxWeekly ? css.colOver : undefined}>
                  {c.name}
                </th>
              ))}
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
                  return (
                    <td key={c.id}>
                      <Cell
                        classId={c.id}
                        subjectId={s.id}
                        row={row}
                        col={col}
                        value={value(c.id, s.id)}
                        dirty={key in edits && (base.get(key) ?? 0) !== edits[key]}
                        label={`${s.name}, ${c.name}`}
                        readOnly={readOnly}
                        onChange={onChange}
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
          : 'Часы в неделю; допускается 0,5. Enter и стрелки ↑↓ — переход по ячейкам. Изменённые ячейки подсвечены, пока не сохранены.'}
      </Text>
    </Stack>
  );
}
