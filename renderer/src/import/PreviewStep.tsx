import { Alert, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconFileText, IconX } from '@tabler/icons-react';
import type { ImportPreview } from '../../../electron/api/types';
import { VirtualTable, type Column } from '../components/VirtualTable';

type Err = ImportPreview['errors'][number];
const columns: Column<Err>[] = [
  { key: 'row', title: 'Строка', width: '90px', align: 'right', render: (e) => <span className="tnum">{e.row}</span> },
  { key: 'column', title: 'Столбец', width: 'minmax(160px, 1fr)', render: (e) => <Text size="sm" fw={500} truncate>{e.column}</Text> },
  { key: 'message', title: 'Ошибка', width: 'minmax(320px, 3fr)', render: (e) => <Text size="sm" truncate title={e.message}>{e.message}</Text> },
];

function Stat({ label, value, color, icon, testId }: { label: string; value: number; color: string; icon: React.ReactNode; testId: string }) {
  return (
    <Paper p="md">
      <Group gap="md" wrap="nowrap">
        <ThemeIcon size={44} radius="md" variant="light" color={color}>
          {icon}
        </ThemeIcon>
        <div>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {label}
          </Text>
          <Text fz={26} fw={700} className="tnum" data-testid={testId}>
            {value.toLocaleString('ru-RU')}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}

/** Counts and every error of the check; the import is all-or-nothing. */
export function PreviewStep({ preview, kindLabel }: { preview: ImportPreview; kindLabel: string }) {
  const bad = preview.errors.length > 0;
  return (
    <Stack gap="md" data-testid="import-preview">
      <SimpleGrid cols={3} data-testid="import-counts">
        <Stat label="Всего строк" value={preview.totalRows} color="gray" icon={<IconFileText size={24} />} testId="count-total" />
        <Stat label="Без ошибок" value={preview.validRows} color="teal" icon={<IconCircleCheck size={24} />} testId="count-valid" />
        <Stat label="С ошибками" value={preview.totalRows - preview.validRows} color={bad ? 'red' : 'gray'} icon={<IconX size={24} />} testId="count-errors" />
      </SimpleGrid>
      {bad ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Загрузка невозможна, пока в файле есть ошибки" data-testid="import-blocked">
          Найдено ошибок: {preview.errors.length}. Файл загружается целиком или не загружается совсем: ни одна строка не будет загружена, пока файл не
          исправлен. Исправьте ошибки в Excel, сохраните файл и выберите его снова.
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Ошибок нет" data-testid="import-ok">
          Все {preview.validRows.toLocaleString('ru-RU')} строк готовы к загрузке ({kindLabel}). Нажмите «Загрузить».
        </Alert>
      )}
      {bad ? (
        <Stack gap={6}>
          <Title order={5}>Ошибки в файле</Title>
          <VirtualTable
            columns={columns}
            rowCount={preview.errors.length}
            getRow={(i) => preview.errors[i]}
            rowHeight={36}
            height={Math.min(40 + preview.errors.length * 36 + 2, 460)}
            testId="import-errors"
          />
        </Stack>
      ) : null}
    </Stack>
  );
}
