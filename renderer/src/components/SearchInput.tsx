import { useRef } from 'react';
import { CloseButton, Kbd, TextInput, type TextInputProps } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';

/** The list's search field; Ctrl+K (anywhere) or «/» (outside inputs) puts the cursor into it. */
export function SearchInput({ value, onChange, ...rest }: Omit<TextInputProps, 'onChange'> & { value: string; onChange: (v: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const focus = (e: KeyboardEvent) => {
    e.preventDefault();
    ref.current?.focus();
    ref.current?.select();
  };
  useHotkeys([['mod+K', focus]], []);
  useHotkeys([['/', focus]]);
  return (
    <TextInput
      ref={ref}
      placeholder="Поиск"
      leftSection={<IconSearch size={16} stroke={1.6} />}
      rightSectionWidth={value ? 36 : 64}
      rightSection={
        value ? (
          <CloseButton size="sm" aria-label="Очистить поиск" onClick={() => onChange('')} />
        ) : (
          <Kbd size="xs" style={{ whiteSpace: 'nowrap' }}>
            Ctrl K
          </Kbd>
        )
      }
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && value) {
          e.stopPropagation();
          onChange('');
        }
      }}
      {...rest}
    />
  );
}
