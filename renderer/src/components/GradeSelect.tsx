import { type SelectProps } from '@mantine/core';
import { GRADES } from '../lib/labels';
import { LazySelect } from './LazySelect';

const DATA = GRADES.map((g) => ({ value: String(g), label: String(g) }));

/** A parallel 1–11 as a compact select (a light one until used: tables have many of them). */
export function GradeSelect({ value, onChange, ...rest }: Omit<SelectProps, 'value' | 'onChange' | 'data'> & { value: number; onChange: (g: number) => void }) {
  return (
    <LazySelect
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
