import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { parseRuDate, ruDate } from '../lib/dates';

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The text as typed, 'ДД.ММ.ГГГГ'. Convert with parseRuDate() when saving. */
  value: string;
  onChange: (text: string) => void;
  compact?: boolean;
}

/**
 * What typing one character at the end makes of the text: the dots after the day and the month are
 * inserted for whoever types digits only («12052019» → «12.05.2019»), and a dot typed right after
 * such a dot is not doubled («12.» + «.» stays «12.»), so «12.05.2019» typed key by key is itself.
 * Anything else (a paste, an edit in the middle, deleting) is kept exactly as it is.
 */
export function dateTyping(before: string, after: string): string {
  const appended = after.length === before.length + 1 && after.startsWith(before);
  if (!appended) return /^\d{8}$/.test(after) ? `${after.slice(0, 2)}.${after.slice(2, 4)}.${after.slice(4)}` : after;
  const ch = after[after.length - 1]!;
  if (ch === '.' && before.endsWith('.')) return before;
  if (/\d/.test(ch) && (/^\d{2}$/.test(after) || /^\d{1,2}\.\d{2}$/.test(after))) return `${after}.`;
  return after;
}

/**
 * A date typed as ДД.ММ.ГГГГ (also Д.М.ГГГГ): dots may be typed or left to the field; the date is
 * checked on leaving the field and then shown as ДД.ММ.ГГГГ. Nothing typed or pasted is cut off.
 */
export function DateField({ value, onChange, error, compact, ...rest }: DateFieldProps) {
  const [touched, setTouched] = useState(false);
  const parsed = parseRuDate(value, { required: false });
  const local = touched && !parsed.ok ? parsed.error : undefined;
  return (
    <TextInput
      {...rest}
      value={value}
      inputMode="numeric"
      autoComplete="off"
      placeholder="ДД.ММ.ГГГГ"
      leftSection={compact ? undefined : <IconCalendar size={16} stroke={1.5} />}
      size={compact ? 'xs' : rest.size}
      error={error ?? local}
      className="tnum"
      onChange={(e) => {
        const t = dateTyping(value, e.currentTarget.value);
        onChange(t);
        if (touched && parseRuDate(t).ok) setTouched(false);
      }}
      onBlur={(e) => {
        setTouched(true);
        // «1.5.2019» is the same date as «01.05.2019»: shown the usual way once it is complete.
        const p = parseRuDate(value);
        if (p.ok && p.iso && ruDate(p.iso) !== value) onChange(ruDate(p.iso));
        rest.onBlur?.(e);
      }}
    />
  );
}
