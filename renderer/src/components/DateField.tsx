import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { dateTyping, parseRuDate, ruDate } from '../lib/dates';

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The text as typed, 'ДД.ММ.ГГГГ'. Convert with parseRuDate() when saving. */
  value: string;
  onChange: (text: string) => void;
  compact?: boolean;
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
