import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { normalizeTime } from '../lib/dates';

export interface TimeFieldProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  value: string;
  onChange: (text: string) => void;
}

/** A time of day typed as ЧЧ:ММ ('830' or '8.30' become '08:30' on leaving the field). */
export function TimeField({ value, onChange, error, ...rest }: TimeFieldProps) {
  const [touched, setTouched] = useState(false);
  const ok = value.trim() === '' || normalizeTime(value) !== null;
  return (
    <TextInput
      {...rest}
      value={value}
      placeholder="ЧЧ:ММ"
      autoComplete="off"
      inputMode="numeric"
      className="tnum"
      error={error ?? (touched && !ok ? 'Время — ЧЧ:ММ' : undefined)}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        setTouched(true);
        const n = normalizeTime(value);
        if (n && n !== value) onChange(n);
        rest.onBlur?.(e);
      }}
    />
  );
}
