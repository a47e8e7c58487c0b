import { useRef, useState } from 'react';
import { CloseButton, Kbd, TextInput, type TextInputProps } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { MAX, tooLong } from '../lib/checks';

/**
 * The list's search field; Ctrl+K (anywhere) or «/» (outside inputs) puts the cursor into it. A text
 * longer than the core searches for (MAX.search) stays in the field with its message and is not
 * searched for: the list keeps the last search.
 */
export function SearchInput({ value, onChange, ...rest }: Omit<TextInputProps, 'onChange'> & { value: string; onChange: (v: string) => void }) {
  const ref = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState<string | null>(null);
  const shown = over ?? value;
  const change = (t: string) => {
    if (tooLong(t, MAX.search, 'Поиск')) setOver(t);
    else {
      setOver(null);
      onChange(t);
    }
  };
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
      rightSectionWidth={shown ? 36 : 64}
      rightSection={
        shown ? (
          <CloseButton size="sm" aria-label="Очистить поиск" onClick={() => change('')} />
        ) : (
          <Kbd size="xs" style={{ whiteSpace: 'nowrap' }}>
            Ctrl K
          </Kbd>
        )
      }
      value={shown}
      onChange={(e) => change(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && shown) {
          e.stopPropagation();
          change('');
        }
      }}
      {...rest}
      error={(over !== null ? tooLong(over, MAX.search, 'Поиск') : undefined) ?? rest.error}
    />
  );
}
