// «Приём в 1 класс» (issue 12, R10): the enrollment module's export loaded as the student import is
// (file → column mapping → a preview of every row → one all-or-nothing commit), and the list of the
// imported applications with search and sort.
import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Tabs, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconCheck,
  IconMinus,
  IconCircleCheck,
  IconEqual,
  IconFileText,
  IconFileUpload,
  IconPencil,
  IconSchool,
  IconUpload,
  IconUserCheck,
  IconUserExclamation,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import { call } from '../api';
import { useOp } from '../data/useOp';
import { useReadOnly } from '../app/access';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { Stat } from '../components/Stat';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { countOf, ruDate } from '../lib/dates';
import { FileDrop } from '../import/FileDrop';
import { MappingStep } from '../import/MappingStep';
import { ImportErrors } from '../import/PreviewStep';
import { ImportDone, ImportStepper, MappingActions, RecheckActions } from '../import/steps';
import { useImportFlow } from '../import/useImportFlow';
import type { EnrollmentApplicationRow, EnrollmentImportResult, EnrollmentPreview, EnrollmentPreviewRow } from '../../../electron/api/types';
import { enrollmentPreferences } from '../../../electron/api/enums';
import type { enrollmentSorts } from '../../../electron/api/enrollment';

const ACCEPT_ENROLLMENT = '.xlsx,.xls,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,text/csv';

const appliedText = (v: string | null) => (v ? (v.length > 10 ? `${ruDate(v.slice(0, 10))} ${v.slice(11, 16)}` : ruDate(v)) : '—');

function StatusBadge({ status, enrollable }: { status: string; enrollable: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" title={enrollable ? 'Статус допускает зачисление' : 'Статус не допускает зачисления: заявление сохраняется, но не зачисляется'}>
      <ThemeIcon size={18} radius="xl" variant="light" color={enrollable ? 'teal' : 'gray'} mt={1}>
        {enrollable ? <IconCheck size={12} /> : <IconMinus size={12} />}
      </ThemeIcon>
      {/* A status in capitals («ПРИНЯТО К РАССМОТРЕНИЮ») breaks inside its long word rather than spill into the next column. */}
      <Text size="sm" c={enrollable ? 'teal.9' : 'gray.7'} lh={1.35} miw={0} style={{ overflowWrap: 'anywhere' }}>
        {status || '—'}
      </Text>
    </Group>
  );
}

const VERDICT: Record<EnrollmentPreviewRow['verdict'], { label: string; color: string }> = {
  new: { label: 'Новое', color: 'teal' },
  changed: { label: 'Изменилось', color: 'blue' },
  unchanged: { label: 'Без изменений', color: 'gray' },
  in_school: { label: 'Уже в школе', color: 'orange' },
  error: { label: 'Ошибка', color: 'red' },
};

/** What the commit does with a row, in words. */
function rowNote(r: EnrollmentPreviewRow, errors: Map<number, string[]>): string {
  if (r.verdict === 'error') return (errors.get(r.row) ?? []).join('; ');
  if (r.verdict === 'in_school') return `Не загружается: уже учится — ${r.inSchool}`;
  const parts: string[] = [];
  if (r.verdict === 'changed') parts.push(`${r.enrolled ? 'Ребёнок уже зачислен — не меняется: ' : ''}${r.changes.map((c) => `${c.field}: ${c.old ?? 'пусто'} → ${c.new ?? 'пусто'}`).join('; ')}`);
  if (r.siblings.length) parts.push(`Брат/сестра в школе: ${r.siblings.join(', ')}`);
  if (r.knownParents.length) parts.push(`Родитель уже известен школе: ${r.knownParents.join(', ')}`);
  if (r.preference !== 'none') parts.push(`Право: ${enrollmentPreferences.labels[r.preference].toLowerCase()}`);
  return parts.join('. ');
}

type RowFilter = 'all' | 'new' | 'not_enrollable' | 'errors' | 'in_school' | 'siblings' | 'changed';

function PreviewRows({ preview }: { preview: EnrollmentPreview }) {
  const [filter, setFilter] = useState<RowFilter>(preview.errors.length ? 'errors' : 'all');
  const errors = useMemo(() => {
    const m = new Map<number, string[]>();
    for (const e of preview.errors) m.set(e.row, [...(m.get(e.row) ?? []), `${e.column}: ${e.message}`]);
    return m;
  }, [preview.errors]);
  const rows = preview.rows.filter((r) =>
    filter === 'all'
      ? true
      : filter === 'new'
        ? r.verdict === 'new'
        : filter === 'not_enrollable'
          ? r.verdict === 'new' && !r.enrollable
          : filter === 'errors'
            ? r.verdict === 'error'
            : filter === 'in_school'
              ? r.verdict === 'in_school'
              : filter === 'siblings'
                ? r.verdict !== 'in_school' && r.siblings.length > 0
                : r.verdict === 'changed',
  );
  const columns: Column<EnrollmentPreviewRow>[] = [
    { key: 'row', title: 'Строка', width: '82px', align: 'right', render: (r) => <span className="tnum">{r.row}</span> },
    { key: 'reg', title: '№ заявления', width: '130px', render: (r) => <Text size="sm" className="tnum">{r.regNumber}</Text> },
    { key: 'name', title: 'Ребёнок', width: 'minmax(200px, 1.4fr)', render: (r) => <Text size="sm" fw={500}>{r.name}</Text> },
    { key: 'birth', title: 'Дата рождения', width: '118px', render: (r) => <span className="tnum">{r.birthDate ? ruDate(r.birthDate) : ''}</span> },
    { key: 'status', title: 'Статус', width: 'minmax(150px, 1fr)', render: (r) => <StatusBadge status={r.status} enrollable={r.enrollable} /> },
    { key: 'verdict', title: 'Итог', width: '130px', render: (r) => <Badge variant="dot" color={VERDICT[r.verdict].color} tt="none">{VERDICT[r.verdict].label}</Badge> },
    { key: 'note', title: 'Подробности', width: 'minmax(260px, 2.2fr)', render: (r) => <Text size="sm" c={r.verdict === 'error' ? 'red.8' : 'gray.7'}>{rowNote(r, errors)}</Text> },
  ];
  const c = preview.counts;
  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Title order={5}>Заявления из файла</Title>
        <SegmentedControl
          size="xs"
          value={filter}
          onChange={(v) => setFilter(v as RowFilter)}
          data={[
            { value: 'all', label: `Все ${c.rows}` },
            { value: 'new', label: `Новые ${c.toImport}` },
            { value: 'not_enrollable', label: `Не по статусу ${c.notEnrollable}` },
            { value: 'errors', label: `Ошибки ${c.errors}` },
            { value: 'in_school', label: `Уже в школе ${c.inSchool}` },
            { value: 'siblings', label: `Братья и сёстры ${c.siblings}` },
            { value: 'changed', label: `Изменились ${c.changed}` },
          ]}
          data-testid="enrollment-row-filter"
        />
      </Group>
      <VirtualTable
        columns={columns}
        rowCount={rows.length}
        getRow={(i) => rows[i]}
        getRowKey={(r) => String(r.row)}
        rowHeight={40}
        dynamicHeight
        height={Math.min(42 + rows.length * 44, 520)}
        testId="enrollment-preview-rows"
        resetKey={filter}
        empty={
          <Text ta="center" c="dimmed" size="sm">
            Таких заявлений в файле нет
          </Text>
        }
      />
    </Stack>
  );
}

function Preview({ preview }: { preview: EnrollmentPreview }) {
  const c = preview.counts;
  const bad = preview.errors.length > 0;
  return (
    <Stack gap="md" data-testid="enrollment-preview">
      <SimpleGrid cols={4} data-testid="enrollment-counts">
        <Stat label="Новых к загрузке" value={c.toImport} color="teal" icon={<IconFileText size={24} />} testId="count-to-import" />
        <Stat label="Можно зачислить" value={c.enrollable} color="teal" icon={<IconUserCheck size={24} />} testId="count-enrollable" />
        <Stat label="Не по статусу" value={c.notEnrollable} color="gray" icon={<IconUserExclamation size={24} />} testId="count-not-enrollable" />
        <Stat label="С ошибками" value={c.errors} color={bad ? 'red' : 'gray'} icon={<IconX size={24} />} testId="count-errors" />
        <Stat label="Уже в школе" value={c.inSchool} color={c.inSchool ? 'orange' : 'gray'} icon={<IconSchool size={24} />} testId="count-in-school" />
        <Stat label="Брат или сестра в школе" value={c.siblings} color="blue" icon={<IconUsers size={24} />} testId="count-siblings" />
        <Stat label="Изменились" value={c.changed} color={c.changed ? 'blue' : 'gray'} icon={<IconPencil size={24} />} testId="count-changed" />
        <Stat label="Без изменений" value={c.unchanged} color="gray" icon={<IconEqual size={24} />} testId="count-unchanged" />
      </SimpleGrid>
      {bad ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Загрузка невозможна, пока в файле есть ошибки" data-testid="enrollment-blocked">
          {countOf(c.errors, 'строка', 'строки', 'строк')} с ошибками. Файл загружается целиком или не загружается совсем. Исправьте файл (или сопоставление столбцов) и выберите его снова.
        </Alert>
      ) : (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={18} />} title="Ошибок нет" data-testid="enrollment-ok">
          Заявления в статусе, который не допускает зачисления, сохраняются со своим статусом и не зачисляются. Дети, которые уже учатся в школе, не загружаются. Зачисление — приказом.
        </Alert>
      )}
      {bad ? <ImportErrors errors={preview.errors} /> : null}
      <PreviewRows preview={preview} />
    </Stack>
  );
}

function ImportFlow({ onDone }: { onDone: () => void }) {
  const { first, mapping, setMapping, checked, result, step, setStep, busy, error, clearError, reset, missing, pick, check, commit } = useImportFlow({
    preview: (loaded, m?) => call('enrollment.preview', { file: loaded.file, mapping: m }),
    commit: (loaded, m) => call('enrollment.commit', { file: loaded.file, mapping: m }),
    success: (r: EnrollmentImportResult) => ({ title: 'Заявления загружены', message: `Новых заявлений: ${r.imported}` }),
  });
  const hasErrors = !!checked && checked.errors.length > 0;
  const work = checked ? checked.counts.toImport + checked.counts.changed : 0;

  return (
    <Stack gap="lg">
      <ImportStepper step={step} onStep={setStep} descriptions={['Выгрузка модуля зачисления', 'Сопоставление полей', 'Заявления и ошибки', 'Заявления загружены']} />
      {error ? <ErrorAlert error={error} title={step === 2 ? 'Не загружено' : 'Не выполнено'} onClose={clearError} /> : null}
      {step === 0 ? (
        <Stack gap="md">
          <Paper p="lg">
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                Выгрузка реестра заявлений из модуля «Зачисление в ОО»
              </Text>
              <Text size="sm" c="gray.7">
                Excel (.xlsx или старый .xls) или CSV (UTF-8 или Windows-1251). Столбцы узнаются по заголовкам — номер и статус заявления, ребёнок, дата рождения, СНИЛС,
                свидетельство о рождении, адрес, льгота, заявитель и второй родитель; на следующем шаге их можно сопоставить вручную. Повторная загрузка более поздней выгрузки
                добавляет только новые заявления и показывает, что изменилось в прежних.
              </Text>
            </Stack>
          </Paper>
          <FileDrop onFile={(f) => void pick(f, false)} busy={busy === 'read'} accept={ACCEPT_ENROLLMENT} hint="Excel (.xlsx, .xls) или CSV; над заголовками могут быть строки с названием и группами столбцов" />
        </Stack>
      ) : null}
      {step === 1 && first ? (
        <>
          <MappingStep preview={first} mapping={mapping} onChange={setMapping} />
          <MappingActions missing={missing} onBack={reset} onCheck={() => void check()} busy={busy === 'check'} testId="enrollment-check" />
        </>
      ) : null}
      {step === 2 && checked ? (
        <>
          <Preview preview={checked} />
          <Group justify="space-between">
            <Group gap="xs">
              <RecheckActions onMapping={() => setStep(1)} onFile={(f) => void pick(f, true)} accept={ACCEPT_ENROLLMENT} busy={busy === 'read' || busy === 'check'} testIds={{ back: 'enrollment-back-mapping', refile: 'enrollment-refile' }} />
            </Group>
            <Tooltip label={hasErrors ? 'Сначала исправьте все ошибки в файле' : 'Новых и изменившихся заявлений нет'} disabled={!hasErrors && work > 0}>
              <Button leftSection={<IconUpload size={16} />} disabled={hasErrors || work === 0} loading={busy === 'commit'} onClick={() => void commit()} color="teal" data-testid="enrollment-commit">
                Загрузить{work && !hasErrors ? ` ${work.toLocaleString('ru-RU')}` : ''}
              </Button>
            </Tooltip>
          </Group>
        </>
      ) : null}
      {step === 3 && result ? (
        <ImportDone title={`Загружено ${countOf(result.imported, 'заявление', 'заявления', 'заявлений')}`} testId="enrollment-done">
          <Text c="dimmed">
            Можно зачислить: {result.enrollable}; не по статусу: {result.notEnrollable}
            {result.updated ? `; изменены: ${result.updated}` : ''}
            {result.notApplied ? `; не изменены (ребёнок уже зачислен): ${result.notApplied}` : ''}
            {result.inSchool ? `; уже в школе: ${result.inSchool}` : ''}
          </Text>
          <Group mt="sm">
            <Button onClick={onDone} data-testid="enrollment-open-list">
              Открыть список заявлений
            </Button>
            <Button variant="default" onClick={reset}>
              Загрузить ещё файл
            </Button>
          </Group>
        </ImportDone>
      ) : null}
    </Stack>
  );
}

type SortKey = (typeof enrollmentSorts)[number];

function ApplicationsList() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [onlyEnrollable, setOnlyEnrollable] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'regNumber', desc: false });
  const q = useOp('enrollment.list', { search: debounced.trim() || undefined, enrollableOnly: onlyEnrollable || undefined, sort: sort.key, desc: sort.desc }, { keepPrevious: true });
  const rows = q.data ?? [];
  const columns: Column<EnrollmentApplicationRow>[] = [
    { key: 'regNumber', title: '№ заявления', width: '128px', sortable: true, render: (r) => <Text size="sm" className="tnum">{r.regNumber}</Text> },
    { key: 'appliedAt', title: 'Подано', width: '104px', sortable: true, render: (r) => <Text size="sm" className="tnum" lh={1.3}>{appliedText(r.appliedAt)}</Text> },
    { key: 'name', title: 'Ребёнок', width: 'minmax(150px, 1.3fr)', sortable: true, render: (r) => <Text size="sm" fw={500} lh={1.3}>{r.fullName}</Text> },
    { key: 'birthDate', title: 'Рождён(а)', width: '144px', sortable: true, render: (r) => <span className="tnum">{ruDate(r.birthDate)}</span> },
    { key: 'status', title: 'Статус', width: 'minmax(180px, 1fr)', sortable: true, render: (r) => <StatusBadge status={r.status} enrollable={r.enrollable} /> },
    {
      key: 'marks',
      title: 'Отметки',
      width: '128px',
      render: (r) => (
        <Group gap={4}>
          {r.preference !== 'none' ? <Badge size="xs" variant="light" color="violet" tt="none">{enrollmentPreferences.labels[r.preference]}</Badge> : null}
          {r.sibling ? <Badge size="xs" variant="light" color="blue" tt="none">брат/сестра</Badge> : null}
          {r.adaptedProgramme ? <Badge size="xs" variant="light" color="orange" tt="none">АООП</Badge> : null}
          {r.studentId ? <Badge size="xs" variant="filled" color="teal" tt="none">зачислен</Badge> : null}
        </Group>
      ),
    },
    { key: 'parents', title: 'Родители', width: 'minmax(130px, 1.3fr)', render: (r) => <Text size="xs" c="gray.7" lineClamp={3} title={r.parents.join('\n')}>{r.parents.join('; ')}</Text> },
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <SearchInput value={search} onChange={setSearch} w={340} placeholder="Номер, ребёнок, родитель, статус" data-testid="enrollment-search" />
          <SegmentedControl
            size="sm"
            value={onlyEnrollable ? 'enrollable' : 'all'}
            onChange={(v) => setOnlyEnrollable(v === 'enrollable')}
            data={[
              { value: 'all', label: 'Все статусы' },
              { value: 'enrollable', label: 'Можно зачислить' },
            ]}
          />
        </Group>
        <Text size="sm" c="dimmed" data-testid="enrollment-total" data-loaded={q.data ? true : undefined}>
          {q.data ? countOf(rows.length, 'заявление', 'заявления', 'заявлений') : 'Загрузка…'}
        </Text>
      </Group>
      {q.error ? <ErrorAlert error={q.error} title="Список не загружен" /> : null}
      <VirtualTable
        columns={columns}
        rowCount={rows.length}
        getRow={(i) => rows[i]}
        getRowKey={(r) => r.id}
        rowHeight={48}
        dynamicHeight
        height="calc(100vh - 290px)"
        sort={sort}
        onSort={(key) => setSort((s) => ({ key: key as SortKey, desc: s.key === key ? !s.desc : false }))}
        testId="enrollment-table"
        resetKey={JSON.stringify([debounced, onlyEnrollable, sort])}
        empty={
          <Text ta="center" c="dimmed" size="sm">
            {debounced ? 'Ничего не найдено' : 'Заявлений пока нет: загрузите выгрузку из модуля зачисления'}
          </Text>
        }
      />
    </Stack>
  );
}

export function EnrollmentPage() {
  const readOnly = useReadOnly();
  const [tab, setTab] = useState<string | null>('list');
  return (
    <Stack gap="md" maw={1280}>
      <PageHeader title="Приём в 1 класс" description="Заявления о приёме из модуля «Зачисление в ОО»: загрузка выгрузки и список заявлений текущего года" />
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="list" data-testid="enrollment-tab-list">
            Заявления
          </Tabs.Tab>
          {readOnly ? null : (
            <Tabs.Tab value="import" leftSection={<IconFileUpload size={16} />} data-testid="enrollment-tab-import">
              Загрузить выгрузку
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="list">
          <ApplicationsList />
        </Tabs.Panel>
        {readOnly ? null : (
          <Tabs.Panel value="import">
            <ImportFlow onDone={() => setTab('list')} />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
