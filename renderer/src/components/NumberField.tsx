import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { checkNumber, type NumberRule } from '../lib/checks';

export interface NumberFieldProps extends Omit<TextInputProps, 'value' | 'onChange'> {
  /** The text as typed («18,5»): what the field shows is what is saved, or refused with a message. */
  value: string;
  onChange: (text: string) => void;
  rule: NumberRule;
}

/**
 * A number typed as text (issue 8, point 1): nothing is clamped, rounded or cut — 99 stays 99, −3
 * stays −3 — and a value out of range gets its message next to the field at once («Не больше 40
 * часов»). The form checks the same rule before saving (checkNumber) and refuses while it fails.
 * An empty required field is named after leaving it or on saving (the `error` prop).
 */
export function NumberField({ value, onChange, rule, error, ...rest }: NumberFieldProps) {
  const [touched, setTouched] = useState(false);
  const c = checkNumber(value, rule);
  const local = c.ok || (value.trim() === '' && !touched) ? undefined : c.error;
  return (
    <TextInput
      inputMode={rule.step === 1 ? 'numeric' : 'decimal'}
      autoComplete="off"
      className="tnum"
      {...rest}
      value={value}
      error={local ?? error}
      aria-invalid={local || error ? true : undefined}
      onChange={(e) => onChange(e.currentTarget.value)}
      onBlur={(e) => {
        setTouched(true);
        rest.onBlur?.(e);
      }}
    />
  );
}
