import { useState } from 'react';
import { Button, FileButton, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';

export const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

/** A drop area for one spreadsheet, with a button that opens the file dialog. */
export function FileDrop({ onFile, busy, accept = ACCEPT, hint = 'Excel (.xlsx) или CSV; первая строка — заголовки столбцов' }: { onFile: (f: File) => void; busy?: boolean; accept?: string; hint?: string }) {
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const f = e.dataTransfer.files[0];
        if (f) onFile(f);
      }}
      style={{
        border: `2px dashed var(--mantine-color-${over ? 'indigo-5' : 'gray-4'})`,
        background: over ? 'var(--mantine-color-indigo-0)' : 'var(--mantine-color-white)',
        borderRadius: 'var(--mantine-radius-md)',
        padding: '40px 24px',
        transition: 'all 120ms ease',
      }}
      data-testid="import-drop"
    >
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light" color="teal">
          <IconFileSpreadsheet size={30} stroke={1.5} />
        </ThemeIcon>
        <Text fw={600}>Перетащите файл сюда или выберите его на компьютере</Text>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
        <Group>
          <FileButton onChange={(f) => f && onFile(f)} accept={accept} inputProps={{ 'data-testid': 'import-file-input' } as React.ComponentProps<'input'>}>
            {(props) => (
              <Button {...props} leftSection={<IconUpload size={16} />} loading={busy} data-testid="import-choose">
                Выбрать файл
              </Button>
            )}
          </FileButton>
        </Group>
      </Stack>
    </div>
  );
}
