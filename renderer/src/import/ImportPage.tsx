import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { call, saveBytes } from '../api';
import { useAppState } from '../app/AppState';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { countOf } from '../lib/dates';
import type { ImportKind, ImportResult } from '../../../electron/api/types';
import { ACCEPT, FileDrop } from './FileDrop';
import { MappingStep } from './MappingStep';
import { hasWork, PreviewStep } from './PreviewStep';
import { errorsCsvBase64 } from './columns';
import { ImportDone, ImportStepper, MappingActions, RecheckActions } from './steps';
import { useImportFlow } from './useImportFlow';

type Kind = ImportKind;

const KIND_HINT: Record<Kind, string[]> = {
  students: [
    'Обязательно: фамилия, имя (или один столбец «ФИО»), дата рождения, класс',
    'По желанию: отчество, пол, СНИЛС, адрес, № личного дела',
    'Родители: ФИО, телефон и e-mail матери, отца или законного представителя; дата согласия на обработку ПДн; отказ от электронного дневника',
    'Файл, выгруженный кнопкой «Экспорт в Excel» на странице «Ученики», можно исправить и загрузить обратно: ученики, которые уже есть, обновятся — перед загрузкой будет показано каждое изменение',
  ],
  staff: ['Обязательно: фамилия и имя (или один столбец «ФИО»)', 'По желанию: дата рождения, пол, СНИЛС, телефон, e-mail, должность, предметы, ставка (часов)'],
};

/** «Загружено 8 учеников», or, when a re-imported list only corrected students, «Изменены данные 3 учеников». */
function resultTitle(kind: Kind, r: ImportResult): string {
  if (kind === 'staff') return `Загружено ${countOf(r.imported, 'сотрудник', 'сотрудника', 'сотрудников')}`;
  if (!r.imported && r.updated) return `Изменены данные ${countOf(r.updated, 'ученика', 'учеников', 'учеников')}`;
  return `Загружено ${countOf(r.imported, 'ученик', 'ученика', 'учеников')}`;
}

/** Import of students or staff from an XLSX/CSV: file → column mapping → check → all-or-nothing commit. */
export function ImportPage({ initialKind }: { initialKind: Kind }) {
  const { access } = useAppState();
  const [kind, setKind] = useState<Kind>(initialKind);
  const allowed: Record<Kind, boolean> = { students: access('contingent') === 'change', staff: access('setup') === 'change' };
  const { file, first, mapping, setMapping, checked, result, step, setStep, busy, error, clearError, reset, missing, pick, check, commit } = useImportFlow({
    preview: (loaded, m?) => call('import.preview', { kind, ...loaded, mapping: m }),
    commit: (loaded, m) => call('import.commit', { kind, ...loaded, mapping: m }),
    success: (r: ImportResult) => ({ title: 'Импорт выполнен', message: resultTitle(kind, r) }),
  });
  const kindWord = kind === 'students' ? 'учеников' : 'сотрудников';

  const hasErrors = !!checked && checked.errors.length > 0;
  const commitBlocked = !checked || hasErrors || !hasWork(checked);
  const toWrite = checked?.students ? checked.students.added.length + checked.students.updated.length : (checked?.validRows ?? 0);

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title="Импорт из Excel" description="Загрузка списков учеников с родителями и сотрудников из таблицы Excel или CSV" />
      <ImportStepper step={step} onStep={setStep} descriptions={['Что и откуда загрузить', 'Сопоставление полей', 'Ошибки в строках', 'Данные загружены']} />

      {error ? <ErrorAlert error={error} title={busy === null && step === 2 ? 'Не загружено' : 'Не выполнено'} onClose={clearError} /> : null}

      {step === 0 ? (
        <Stack gap="md">
          <Paper p="lg">
            <Group justify="space-between" align="flex-start">
              <Stack gap={6}>
                <Title order={4}>Что загружаем</Title>
                <SegmentedControl
                  value={kind}
                  onChange={(v) => setKind(v as Kind)}
                  data={[
                    { value: 'students', label: 'Ученики и родители', disabled: !allowed.students },
                    { value: 'staff', label: 'Сотрудники', disabled: !allowed.staff },
                  ]}
                  data-testid="import-kind"
                />
              </Stack>
              <Stack gap={4} maw={620}>
                <Text size="sm" fw={600}>
                  Какие столбцы нужны
                </Text>
                <List size="sm" spacing={2} c="gray.7">
                  {KIND_HINT[kind].map((h) => (
                    <List.Item key={h}>{h}</List.Item>
                  ))}
                </List>
                <Text size="xs" c="dimmed">
                  Названия и порядок столбцов — любые: на следующем шаге их можно сопоставить вручную.
                </Text>
              </Stack>
            </Group>
          </Paper>
          <FileDrop onFile={(f) => void pick(f, false)} busy={busy === 'read'} />
        </Stack>
      ) : null}

      {step === 1 && first ? (
        <>
          <MappingStep preview={first} mapping={mapping} onChange={setMapping} />
          <MappingActions missing={missing} onBack={reset} onCheck={() => void check()} busy={busy === 'check'} testId="import-check" />
        </>
      ) : null}

      {step === 2 && checked ? (
        <>
          <PreviewStep preview={checked} kindLabel={kindWord} />
          <Group justify="space-between">
            <Group gap="xs">
              <RecheckActions onMapping={() => setStep(1)} onFile={(f) => void pick(f, true)} accept={ACCEPT} busy={busy === 'read'} testIds={{ back: 'import-back-mapping', refile: 'import-refile', input: 'import-refile-input' }} />
              {hasErrors ? (
                <Button variant="subtle" leftSection={<IconDownload size={16} />} onClick={() => void saveBytes(`Ошибки — ${checked.fileName.replace(/\.[^.]+$/, '')}.csv`, errorsCsvBase64(checked.errors), 'text/csv')}>
                  Сохранить список ошибок
                </Button>
              ) : null}
            </Group>
            <Tooltip
              label={
                hasErrors
                  ? 'Сначала исправьте все ошибки в файле: загрузка выполняется целиком или не выполняется совсем'
                  : checked?.students
                    ? 'Файл совпадает с данными программы: менять нечего'
                    : 'В файле нет строк для загрузки'
              }
              disabled={!commitBlocked}
              multiline
              w={320}
            >
              <Button leftSection={<IconUpload size={16} />} disabled={commitBlocked} loading={busy === 'commit'} onClick={() => void commit()} data-testid="import-commit" color="teal">
                Загрузить{toWrite && !hasErrors ? ` ${toWrite.toLocaleString('ru-RU')}` : ''}
              </Button>
            </Tooltip>
          </Group>
        </>
      ) : null}

      {step === 3 && result ? (
        <ImportDone title={resultTitle(kind, result)} testId="import-done">
          {result.imported && result.updated ? <Text c="dimmed">Изменены данные {countOf(result.updated, 'ученика', 'учеников', 'учеников')}</Text> : null}
          {result.guardians ? <Text c="dimmed">Новых родителей и законных представителей: {result.guardians.toLocaleString('ru-RU')}</Text> : null}
          <Text c="dimmed" size="sm">
            Файл «{file?.fileName}»
          </Text>
          <Group mt="sm">
            <Button component="a" href={kind === 'students' ? '#/students' : '#/setup/staff'} leftSection={<IconCheck size={16} />} data-testid="import-open-list">
              {kind === 'students' ? 'Открыть список учеников' : 'Открыть список сотрудников'}
            </Button>
            <Button variant="default" onClick={reset}>
              Загрузить ещё файл
            </Button>
          </Group>
        </ImportDone>
      ) : null}

      {step === 0 && kind === 'students' ? (
        <Alert variant="light" color="gray">
          <Text size="sm">
            Перед загрузкой создайте классы (
            <Anchor href="#/setup/classes" size="sm">
              Настройка → Классы
            </Anchor>
            ): класс ученика в файле должен совпадать с существующим, например «5А».
          </Text>
        </Alert>
      ) : null}
    </Stack>
  );
}
