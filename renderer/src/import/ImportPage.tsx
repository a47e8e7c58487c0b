import { useState } from 'react';
import { Alert, Anchor, Button, Group, List, Paper, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { call, saveBytes, uploadFile } from '../api';
import { useAction } from '../data/useAction';
import { useAppState } from '../app/AppState';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { countOf } from '../lib/dates';
import type { ImportKind, ImportPreview, ImportResult } from '../../../electron/api/types';
import { ACCEPT, FileDrop } from './FileDrop';
import { MappingStep } from './MappingStep';
import { hasWork, PreviewStep } from './PreviewStep';
import { errorsCsvBase64, missingRequired } from './columns';
import { ImportDone, ImportStepper, MappingActions, RecheckActions } from './steps';

type Kind = ImportKind;
interface Loaded {
  fileName: string;
  /** The file given to the core (uploadFile): its id. */
  file: string;
}

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
  const [file, setFile] = useState<Loaded | null>(null);
  const [first, setFirst] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [checked, setChecked] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [step, setStep] = useState(0);
  /** What runs now: reading the file, checking the rows, writing them. */
  const [busy, setBusy] = useState<'read' | 'check' | 'commit' | null>(null);
  const during =
    <A extends unknown[], R>(phase: 'read' | 'commit', fn: (...a: A) => Promise<R>) =>
    async (...a: A): Promise<R> => {
      setBusy(phase);
      try {
        return await fn(...a);
      } finally {
        setBusy(null);
      }
    };
  const reading = useAction(
    during('read', async (f: File, keepMapping: boolean) => {
      const given = await uploadFile(f);
      const loaded = { fileName: given.fileName, file: given.id };
      const p = await call('import.preview', { kind, ...loaded });
      setFile(loaded);
      setFirst(p);
      setResult(null);
      const same = keepMapping && first && JSON.stringify(first.headers) === JSON.stringify(p.headers);
      if (same) {
        setBusy('check');
        const c = await call('import.preview', { kind, ...loaded, mapping });
        setChecked(c);
        setStep(2);
      } else {
        setMapping(p.mapping);
        setChecked(null);
        setStep(1);
      }
    }),
    { invalidates: false },
  );
  const checking = useAction(
    async (loaded: Loaded) => {
      setBusy('check');
      try {
        return await call('import.preview', { kind, ...loaded, mapping });
      } finally {
        setBusy(null);
      }
    },
    {
      invalidates: false,
      onSuccess: (c) => {
        setChecked(c);
        setStep(2);
      },
    },
  );
  const committing = useAction(
    during('commit', (loaded: Loaded) => call('import.commit', { kind, ...loaded, mapping })),
    {
      success: (r) => ({ title: 'Импорт выполнен', message: resultTitle(kind, r) }),
      onSuccess: (r) => {
        setResult(r);
        setStep(3);
      },
    },
  );
  const error = reading.error ?? checking.error ?? committing.error;
  const setError = (e: null) => {
    reading.setError(e);
    checking.setError(e);
    committing.setError(e);
  };
  const kindWord = kind === 'students' ? 'учеников' : 'сотрудников';

  const reset = () => {
    setFile(null);
    setFirst(null);
    setChecked(null);
    setResult(null);
    setMapping({});
    setError(null);
    setStep(0);
  };

  /** Reads a file; a corrected file with the same headers keeps the chosen mapping and is checked at once. */
  const pick = async (f: File, keepMapping: boolean) => {
    setError(null);
    await reading.run(f, keepMapping);
  };

  const check = async () => {
    if (!file) return;
    setError(null);
    await checking.run(file);
  };

  const commit = async () => {
    if (!file) return;
    setError(null);
    await committing.run(file);
  };

  const missing = first ? missingRequired(first.fields, mapping) : [];
  const hasErrors = !!checked && checked.errors.length > 0;
  const commitBlocked = !checked || hasErrors || !hasWork(checked);
  const toWrite = checked?.students ? checked.students.added.length + checked.students.updated.length : (checked?.validRows ?? 0);

  return (
    <Stack gap="lg" maw={1200}>
      <PageHeader title="Импорт из Excel" description="Загрузка списков учеников с родителями и сотрудников из таблицы Excel или CSV" />
      <ImportStepper step={step} onStep={setStep} descriptions={['Что и откуда загрузить', 'Сопоставление полей', 'Ошибки в строках', 'Данные загружены']} />

      {error ? <ErrorAlert error={error} title={busy === null && step === 2 ? 'Не загружено' : 'Не выполнено'} onClose={() => setError(null)} /> : null}

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
