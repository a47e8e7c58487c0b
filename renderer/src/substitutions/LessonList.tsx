// A list of lessons to pick one from (the day's, an absence's): each row a button, the chosen one
// marked; ↑ ↓ move the choice (useListKeys).
import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { DayLesson } from '../../../electron/api/substitutions';
import { ruDate } from '../lib/dates';
import { shortName } from '../auth/UserMenu';
import { changeColor, changeText, weekdayOf } from './shared';

export const lessonKey = (l: DayLesson) => `${l.date}|${l.cardId}`;

export function LessonRow({ lesson, selected, onSelect, withDate, showTeacher = true }: { lesson: DayLesson; selected: boolean; onSelect: () => void; withDate?: boolean; showTeacher?: boolean }) {
  const l = lesson;
  return (
    <UnstyledButton
      onClick={onSelect}
      data-testid="lesson-row"
      data-card-id={l.cardId}
      data-date={l.date}
      data-selected={selected || undefined}
      data-needs-cover={l.needsCover || undefined}
      aria-pressed={selected}
      px={10}
      py={6}
      style={{
        display: 'block',
        width: '100%',
        borderRadius: 'var(--mantine-radius-sm)',
        background: selected ? 'var(--mantine-color-blue-0)' : undefined,
        outline: selected ? '1px solid var(--mantine-color-blue-4)' : undefined,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="center">
        {withDate ? (
          <Text size="sm" className="tnum" w={118} style={{ flexShrink: 0 }}>
            {ruDate(l.date)} <Text span size="xs" c="dimmed">{weekdayOf(l.date).slice(0, 2)}</Text>
          </Text>
        ) : null}
        <Text size="sm" fw={700} className="tnum" w={18} ta="right" style={{ flexShrink: 0 }}>
          {l.lessonNo}
        </Text>
        <Text size="xs" c="dimmed" className="tnum" w={76} style={{ flexShrink: 0 }}>
          {l.startsAt}–{l.endsAt}
        </Text>
        <Text size="sm" fw={600} w={84} truncate style={{ flexShrink: 0 }} title={l.targetName}>
          {l.targetName}
        </Text>
        <Text size="sm" w={120} truncate style={{ flexShrink: 0 }} title={l.subjectName}>
          {l.subjectName}
        </Text>
        {showTeacher ? (
          <Text size="sm" c={l.teacherAbsent ? 'orange.8' : undefined} truncate style={{ flex: '1 1 110px', minWidth: 0 }} title={l.teacherName}>
            {shortName(l.teacherName)}
          </Text>
        ) : (
          <span style={{ flex: 1 }} />
        )}
        <div style={{ flex: '0 1 auto', minWidth: 0, maxWidth: 230, textAlign: 'right' }}>
          {l.change ? (
            <Text size="xs" fw={600} c={`${changeColor(l.change)}.8`} truncate title={changeText(l.change)} data-testid="lesson-status">
              {changeText(l.change)}
            </Text>
          ) : l.needsCover ? (
            <Badge color="red" variant="filled" tt="none" style={{ overflow: 'visible' }} data-testid="lesson-status">
              Нужна замена
            </Badge>
          ) : null}
        </div>
      </Group>
    </UnstyledButton>
  );
}

/**
 * ↑ ↓ choose the previous or next lesson of `list`; ← → (or PageUp, PageDown) go to the previous
 * or next day when `onDay` is given. Not while typing in a field or with a dialog open.
 */
export function listKeyHandler(list: DayLesson[], selected: string | null, select: (key: string) => void, onDay?: (delta: number) => void) {
  return (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
    const t = e.target as HTMLElement | null;
    if (t && (t.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"]') || t.closest('[role="dialog"]'))) return;
    if (document.querySelector('[role="dialog"]')) return;
    if (onDay && (e.key === 'ArrowLeft' || e.key === 'PageUp' || e.key === 'ArrowRight' || e.key === 'PageDown')) {
      e.preventDefault();
      onDay(e.key === 'ArrowLeft' || e.key === 'PageUp' ? -1 : 1);
      return;
    }
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    if (!list.length) return;
    e.preventDefault();
    const i = list.findIndex((l) => lessonKey(l) === selected);
    const next = i < 0 ? 0 : Math.min(list.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
    select(lessonKey(list[next]!));
    document.querySelector<HTMLElement>(`[data-testid="lesson-row"][data-card-id="${list[next]!.cardId}"][data-date="${list[next]!.date}"]`)?.focus();
  };
}
