import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { parseRuDate } from '../lib/dates';

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The text as typed, 'ДД.ММ.ГГГГ'. Convert with parseRuDate() when saving. */
  value: string;
  onChange: (text: string) => void;
  compact?: boolean;
}

/** A date typed as ДД.ММ.ГГГГ: dots are inserted while typing, the date is checked on leaving the field. */
export function DateField({ value, onChange, error, compact, required, ...rest }: DateFieldProps) {
  const [touched, setTouched] = useState(false);
  const parsed = parseRuDate(value, { required: false });
  const local = touched && !parsed.ok ? parsed.error : undefined;
  return (
    <TextInput
      {...rest}
      required={required}
      value={value}
      inputMode="numeric"
      placeholder="ДД.ММ.ГГГГ"
      maxLength={10}
      leftSection={compact ? undefined : <IconCalendar size={16} stroke={1.5} />}
      size={compact ? 'xs' : rest.size}
      error={error ?? local}
      className="tnum"
      onChange={(e) => {
        let t = e.currentTarget.value.replace(/[^\d.]/g, '');
        const typing = t.length > value.length;
        if (typing && (/^\d{2}$/.test(t) || /^\d{2}\.\d{2}$/.test(t))) t += '.';
        if (/^\d{8}$/.test(t)) t = `${t.slice(0, 2)}.${t.slice(2, 4)}.${t.slice(4)}`;
        onChange(t);
        if (touched && parseRuDate(t).ok) setTouched(false);
      }}
      onBlur={(e) => {
        setTouched(true);
        rest.onBlur?.(e);
      }}
    />
  );
}
