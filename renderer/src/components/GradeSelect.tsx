import { Select, type SelectProps } from '@mantine/core';
import { GRADES } from '../lib/labels';

const DATA = GRADES.map((g) => ({ value: String(g), label: String(g) }));

/** A parallel 1–11 as a compact select. */
export function GradeSelect({ value, onChange, ...rest }: Omit<SelectProps, 'value' | 'onChange' | 'data'> & { value: number; onChange: (g: number) => void }) {
  return (
    <Select
      data={DATA}
      value={String(value)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
      className="tnum"
      rightSectionWidth={rest.size === 'xs' ? 18 : undefined}
      styles={rest.size === 'xs' ? { input: { paddingInlineEnd: 18, paddingInlineStart: 8 } } : undefined}
      {...rest}
    />
  );
}
