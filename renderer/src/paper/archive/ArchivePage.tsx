// «Архив журналов» (issue 14 point 5; R22): the archive file of a study period or of the year —
// every class's paper copy, the сводные ведомости, the journal data, the manifest with the digest
// of every file (paper.archiveBuild, a job with progress and cancel in the jobs panel) — the
// archives built with their storage dates and reminders, and the check of an archive file
// (paper.archiveVerify) naming each damaged file. docs/paper-copies.md «Архив».
import { useState } from 'react';
import { Alert, Badge, Button, FileButton, Group, List, Paper, ScrollArea, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconCircleCheck, IconClockExclamation, IconFileZip, IconShieldCheck } from '@tabler/icons-react';
import { call, saveFile, uploadFile } from '../../api';
import { PageHeader } from '../../components/PageHeader';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { useReadOnly } from '../../app/access';
import { ruDate, ruDateTime } from '../../lib/dates';
import { fieldError, problemsOf } from '../../lib/errors';
import type { ArchiveRow, ArchiveVerifyResult } from '../../../../electron/api/paperArchive';

const ZIP = 'application/zip';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1).replace('.', ',')} МБ` : `${Math.max(1, Math.round(n / 1024))} КБ`);
const filesWord = (n: number) => {
  const d = n % 10;
  const h = n % 100;
  return `${n} ${d === 1 && h !== 11 ? 'файл' : d >= 2 && d <= 4 && (h < 12 || h > 14) ? 'файла' : 'файлов'}`;
};

function BuildForm() {
  const readOnly = useReadOnly();
  const view = useOp('paper.archives');
  const [kind, setKind] = useState<'period' | 'year'>('period');
  const [periodId, setPeriodId] = useState<string | null>(null);
  const build = useAction(
    async () => {
      const f = await call('paper.archiveBuild', { kind, periodId: kind === 'period' ? periodId : null });
      await saveFile(f.fileName, f.id, ZIP);
      return f;
    },
    { notify: 'Архив не собран', success: (f) => ({ title: f.fileName, message: 'Архив собран и сохранён' }) },
  );
  const problems = build.error ? problemsOf(build.error) : [];
  const periods = view.data?.periods ?? [];
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Title order={4}>Собрать архив</Title>
        <Text size="sm" c="dimmed">
          Бумажные копии журнала каждого класса (PDF), сводные ведомости, данные журнала (Excel) и manifest.json с контрольной суммой каждого файла.
        </Text>
        <Group align="flex-start" gap="sm">
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'period' | 'year')}
            data={[
              { value: 'period', label: 'За период' },
              { value: 'year', label: `За год${view.data?.year ? ` ${view.data.year.name}` : ''}` },
            ]}
            data-testid="archive-kind"
          />
          {kind === 'period' ? (
            <Select
              w={260}
              placeholder="Учебный период"
              data={periods.map((p) => ({ value: p.id, label: `${p.name}, ${p.grades} кл.`, disabled: !p.ended }))}
              value={periodId}
              onChange={setPeriodId}
              error={fieldError(problems, 'periodId')}
              data-testid="archive-period"
              comboboxProps={{ withinPortal: true }}
            />
          ) : null}
          <Button leftSection={<IconArchive size={16} />} loading={build.busy} disabled={readOnly || (kind === 'period' && !periodId)} onClick={() => void build.run()} data-testid="archive-build">
            Собрать архив
          </Button>
        </Group>
        {build.error && !fieldError(problems, 'periodId') ? <ErrorAlert error={build.error} title="Архив не собран" /> : null}
        <Text size="xs" c="dimmed">
          Ход сборки и «Отменить» — на панели задач. Архив собирают после окончания периода.
        </Text>
      </Stack>
    </Paper>
  );
}

function VerifyBox() {
  const [result, setResult] = useState<ArchiveVerifyResult | null>(null);
  const verify = useAction(
    async (f: File) => {
      setResult(null);
      const given = await uploadFile(f);
      return call('paper.archiveVerify', { file: given.id });
    },
    { invalidates: false, onSuccess: (r) => setResult(r) },
  );
  return (
    <Paper withBorder p="md" h="100%">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={4}>Проверить архив</Title>
          <FileButton onChange={(f) => f && void verify.run(f)} accept=".zip,application/zip" inputProps={{ 'data-testid': 'archive-verify-input' } as React.ComponentProps<'input'>}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconShieldCheck size={16} />} loading={verify.busy} data-testid="archive-verify">
                Выбрать файл
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="sm" c="dimmed">
          Каждый файл архива сверяется с его контрольной суммой в manifest.json и SHA256SUMS. Без программы: <code>unzip -q ФАЙЛ.zip -d ПАПКА</code>, затем в папке{' '}
          <code>sha256sum -c SHA256SUMS</code>.
        </Text>
        {verify.error ? <ErrorAlert error={verify.error} title="Архив не проверен" /> : null}
        {result ? (
          result.ok ? (
            <Alert color="teal" icon={<IconCircleCheck size={18} />} title={`Архив цел: ${filesWord(result.files)}`} data-testid="archive-verify-ok">
              <Text size="sm">
                {result.fileName}
                {result.manifest ? ` — ${result.manifest.title}` : ''}
                {result.recorded ? `; собран программой ${ruDateTime(result.recorded.builtAt)}, ${result.recorded.builtBy}` : ''}
              </Text>
            </Alert>
          ) : (
            <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`Архив повреждён: ${result.fileName}`} data-testid="archive-verify-problems">
              <List size="sm" spacing={2}>
                {result.problems.map((p) => (
                  <List.Item key={p.text}>{p.text}</List.Item>
                ))}
              </List>
            </Alert>
          )
        ) : null}
      </Stack>
    </Paper>
  );
}

const STATE_COLOR = { ok: 'gray', due: 'orange', expired: 'red' } as const;
const SHORT = { copies: 'журналы', statements: 'ведомости', data: 'данные' } as const;

function ArchivesTable({ rows }: { rows: ArchiveRow[] }) {
  if (!rows.length)
    return (
      <Text size="sm" c="dimmed" data-testid="archives-empty">
        Архивы ещё не собирались.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah="calc(100vh - 420px)" mih={120}>
      <Table striped stickyHeader fz="sm" verticalSpacing={4} data-testid="archives-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Архив</Table.Th>
            <Table.Th w={80}>Размер</Table.Th>
            <Table.Th w={130}>Контрольная сумма</Table.Th>
            <Table.Th w={170}>Собран</Table.Th>
            <Table.Th w={250}>Хранить до</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((a) => (
            <Table.Tr key={a.id} data-testid="archive-row">
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <IconFileZip size={16} color="var(--mantine-color-indigo-6)" style={{ flex: 'none' }} />
                  <Text size="sm" title={a.fileName}>
                    {a.fileName}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td className="tnum">{size(a.size)}</Table.Td>
              <Table.Td>
                <Tooltip label={`SHA-256: ${a.digest}`} multiline w={320}>
                  <Text size="sm" ff="monospace" title={a.digest}>
                    {a.digest.slice(0, 12)}…
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{ruDateTime(a.builtAt)}</Text>
                <Text size="xs" c="dimmed">
                  {a.builtBy}
                </Text>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  {a.storage.map((s) => (
                    <Group key={s.kind} gap={6} wrap="nowrap">
                      <Text size="xs" c={s.state === 'ok' ? undefined : STATE_COLOR[s.state]} fw={s.state === 'ok' ? undefined : 600} className="tnum">
                        {ruDate(s.until)}
                      </Text>
                      <Text size="xs" c="dimmed" title={`${s.label}: ${s.years} лет (${s.source})`}>
                        {SHORT[s.kind]}, {s.years} лет
                      </Text>
                    </Group>
                  ))}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

export function ArchivePage() {
  const view = useOp('paper.archives');
  return (
    <Stack gap="md" data-testid="archive-page" data-loaded={view.data ? '' : undefined}>
      <PageHeader title="Архив журналов" description="Архив за период или за год: бумажные копии, сводные ведомости и данные журнала в одном проверяемом файле" />
      {view.error ? <ErrorAlert error={view.error} title="Архивы не загружены" /> : null}
      {view.data?.reminders.length ? (
        <Alert color="orange" icon={<IconClockExclamation size={18} />} title="Сроки хранения" data-testid="archive-reminders">
          <List size="sm" spacing={2}>
            {view.data.reminders.map((r) => (
              <List.Item key={`${r.archiveId}-${r.label}`}>{r.text}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      <SimpleGrid cols={2} spacing="md">
        <BuildForm />
        <VerifyBox />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={4}>Собранные архивы</Title>
            {view.data ? (
              <Badge variant="light" color="gray" tt="none">
                Сроки хранения — приказ Росархива от 20.12.2019 № 236
              </Badge>
            ) : null}
          </Group>
          {view.data ? <ArchivesTable rows={view.data.archives} /> : null}
        </Stack>
      </Paper>
    </Stack>
  );
}
