import { useState } from 'react';
import { Input, Select, type ComboboxData, type ComboboxItem, type SelectProps } from '@mantine/core';
import { IconSelector } from '@tabler/icons-react';

/** Labels by value for each option list (the list is shared by all the rows of a table). */
const labels = new WeakMap<object, Map<string, string>>();

function labelOf(data: ComboboxData | undefined, value: string | null | undefined): string {
  if (!data || value === null || value === undefined) return '';
  let map = labels.get(data);
  if (!map) {
    map = new Map();
    for (const item of data as (string | ComboboxItem | { group: string; items: (string | ComboboxItem)[] })[]) {
      const items = typeof item === 'object' && 'group' in item ? item.items : [item];
      for (const o of items) typeof o === 'string' ? map.set(o, o) : map.set(o.value, o.label);
    }
    labels.set(data, map);
  }
  return map.get(value) ?? '';
}

/**
 * A Mantine Select for long tables (a class teacher and a room in each of 200 rows): until the
 * user focuses or clicks it, a plain read-only input that looks the same and shows the chosen
 * label; then the real Select (opened after a click; focused after Tab), and again the plain
 * input once it loses the focus. A full Select with hundreds of options in every row made
 * «Классы» take seconds to open (issue 8).
 * Same data-testid and aria-label in both states. `data` should be a stable (memoized) array.
 */
export function LazySelect(props: SelectProps) {
  // 'click': opened with its options; 'focus' (the keyboard): focused, opened by ↓, Enter or Space as usual.
  const [active, setActive] = useState<'click' | 'focus' | null>(null);
  const { size = 'sm', readOnly, disabled, value, data, placeholder, error, w, style, className, styles, rightSectionWidth, label, description, withAsterisk } = props;
  const testId = (props as { 'data-testid'?: string })['data-testid'];
  if (active && !readOnly && !disabled)
    return (
      <Select
        {...props}
        defaultDropdownOpened={active === 'click'}
        autoFocus
        onBlur={(e) => {
          props.onBlur?.(e);
          setActive(null);
        }}
      />
    );
  const activate = (how: 'click' | 'focus') => {
    if (!readOnly && !disabled) setActive(how);
  };
  const input = (
    <Input
      size={size}
      w={label || description ? undefined : w}
      style={label || description ? undefined : style}
      className={className}
      styles={typeof styles === 'object' && styles && 'input' in styles ? { input: styles.input } : undefined}
      rightSectionWidth={rightSectionWidth}
      readOnly
      disabled={disabled}
      value={labelOf(data, value)}
      placeholder={placeholder}
      error={!!error}
      aria-label={props['aria-label']}
      aria-haspopup="listbox"
      data-testid={testId}
      pointer={!readOnly}
      rightSection={<IconSelector size={14} stroke={1.5} color="var(--mantine-color-gray-6)" />}
      rightSectionPointerEvents="none"
      // A click opens the real Select once the click is over (else the Select would take the
      // click's end as its own and close again); a keyboard focus hands the focus to it at once.
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => activate('click')}
      onFocus={() => activate('focus')}
    />
  );
  // A label, a description or an error message: around the input as the Select shows them.
  if (!label && !description && (typeof error === 'boolean' || !error)) return input;
  return (
    <Input.Wrapper size={size} w={w} style={style} label={label} description={description} withAsterisk={withAsterisk} error={typeof error === 'boolean' ? undefined : error}>
      {input}
    </Input.Wrapper>
  );
}
