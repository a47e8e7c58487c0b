import { Alert, Badge, Group, Paper, ScrollArea, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import type { ImportPreview } from '../../../electron/api/types';
import { columnLetter, duplicateColumns, missingRequired } from './columns';
import { plural } from '../lib/dates';

const NONE = '__none__';

/** The target fields, each with a column of the file; pre-filled by the automatic recognition. */
export function MappingStep({ preview, mapping, onChange }: { preview: ImportPreview; mapping: Record<string, number | null>; onChange: (m: Record<string, number | null>) => void }) {
  const options = [
    { value: NONE, label: '— не загружать —' },
    ...preview.headers.map((h, i) => ({ value: String(i), label: `${columnLetter(i)}: ${h || '(без заголовка)'}` })),
  ];
  const missing = missingRequired(preview.fields, mapping);
  const dups = duplicateColumns(preview.fields, mapping);
  const used = new Set(Object.values(mapping).filter((v): v is number => v !== null && v !== undefined));
  const unused = preview.headers.map((h, i) => ({ h, i })).filter((x) => !used.has(x.i) && x.h.trim() !== '');
  const sample = preview.sample.slice(0, 5);
  const recognized = Object.values(mapping).filter((v) => v !== null).length;

  return (
    <Stack gap="md">
      <Paper p="lg">
        <Group justify="space-between" mb="xs">
          <div>
            <Title order={4}>Сопоставление столбцов</Title>
            <Text size="sm" c="dimmed">
              Программа узнала {recognized} из {preview.headers.length} {plural(preview.headers.length, 'столбца', 'столбцов', 'столбцов')} файла «{preview.fileName}». Проверьте и укажите остальные вручную.
            </Text>
          </div>
          <Badge variant="light" size="lg" color="gray">
            Строк в файле: {preview.totalRows.toLocaleString('ru-RU')}
          </Badge>
        </Group>
        {missing.length ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} mb="sm" data-testid="mapping-missing">
            Не выбран столбец для обязательных полей: {missing.map((m) => `«${m}»`).join(', ')}.
          </Alert>
        ) : null}
        {[...dups].map(([col, labels]) => (
          <Alert key={col} color="red" variant="light" icon={<IconAlertTriangle size={18} />} mb="sm">
            Столбец «{preview.headers[col]}» выбран сразу для нескольких полей: {labels.map((l) => `«${l}»`).join(', ')}.
          </Alert>
        ))}
        {unused.length ? (
          <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="sm" data-testid="mapping-unused">
            Не будут загружены столбцы: {unused.map((x) => `${columnLetter(x.i)} «${x.h}»`).join(', ')}.
          </Alert>
        ) : null}
        <Table verticalSpacing={6} data-testid="mapping-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="32%">Поле программы</Table.Th>
              <Table.Th w="34%">Столбец файла</Table.Th>
              <Table.Th>Значение в первой строке</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.fields.map((f) => {
              const col = mapping[f.key] ?? null;
              const dup = col !== null && dups.has(col);
              const isMissing = missing.includes(f.label);
              return (
                <Table.Tr key={f.key} data-testid={`mapping-row-${f.key}`}>
                  <Table.Td>
                    <Text size="sm" fw={f.required ? 600 : 400}>
                      {f.label}
                      {f.required ? (
                        <Text span c="red" ml={4} title="Обязательное поле">
                          *
                        </Text>
                      ) : null}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      data={options}
                      value={col === null ? NONE : String(col)}
                      onChange={(v) => onChange({ ...mapping, [f.key]: v === null || v === NONE ? null : Number(v) })}
                      error={dup || isMissing}
                      searchable
                      aria-label={`Столбец для поля «${f.label}»`}
                      data-testid={`mapping-select-${f.key}`}
                      comboboxProps={{ withinPortal: true }}
                      maxDropdownHeight={300}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" truncate maw={320}>
                      {col !== null ? sample[0]?.[col] ?? '' : ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>

      <Paper p="lg">
        <Title order={5} mb="xs">
          Первые строки файла
        </Title>
        <ScrollArea type="auto" data-scroll-x="as many columns as the file has">
          <Table striped withTableBorder withColumnBorders verticalSpacing={4} fz="xs" data-testid="mapping-sample">
            <Table.Thead>
              <Table.Tr>
                {preview.headers.map((h, i) => (
                  <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                    <Text span c="dimmed" size="xs" mr={4}>
                      {columnLetter(i)}
                    </Text>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sample.map((r, ri) => (
                <Table.Tr key={ri}>
                  {preview.headers.map((_, i) => (
                    <Table.Td key={i} style={{ whiteSpace: 'nowrap' }}>
                      {r[i] ?? ''}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </Stack>
  );
}
