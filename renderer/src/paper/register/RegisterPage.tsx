// «Реестр бумажных копий» (issue 14 point 4; R21, `001 §4.5`): the secretary's register of the
// certified paper copies handed over — with search, filters and sorting; «Внести запись» (from a
// printed copy or by hand), «Исправить» (a new entry naming the one it corrects), scans of the
// signed copy attached and opened, «Проверить реестр» (the chain of entries and the scans'
// digests) and «Печать реестра» (A4 for signatures). docs/paper-copies.md «Реестр».
import { useState } from 'react';
import { ActionIcon, Alert, Anchor, Button, FileButton, Group, Paper, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconCheckupList, IconFileTypePdf, IconPaperclip, IconPencil, IconPlus } from '@tabler/icons-react';
import { call, saveFile, uploadFile } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { useAppState } from '../../app/AppState';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SortLabel, useSort } from '../../components/sort';
import { ruDate } from '../../lib/dates';
import type { RegisterEntry, RegisterVerification } from '../../../../electron/api/paperRegister';
import { EntryModal } from './EntryModal';

const PDF = 'application/pdf';
const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('ru-RU')} КБ`;

export function RegisterPage() {
  const { access } = useAppState();
  const canChange = access('paper') === 'change';
  const [search, setSearch] = useState('');
  const [periodId, setPeriodId] = useState<string | null>(null);
  const [classId, setClassId] = useState<string | null>(null);
  const [form, setForm] = useState<{ corrects: RegisterEntry | null } | null>(null);
  const [checked, setChecked] = useState<RegisterVerification | null>(null);
  const optionsQ = useOp('paper.registerOptions', {});
  const registerQ = useOp('paper.register', { search, periodId, classId }, { keepPrevious: true });
  const entries = registerQ.data?.entries ?? [];
  const { sorted, sort, toggle } = useSort(
    entries,
    { number: (e) => e.number, receivedOn: (e) => `${e.receivedOn}-${String(e.number).padStart(6, '0')}`, className: (e) => e.className, periodName: (e) => e.periodName },
    { key: 'number', desc: false },
  );

  const verify = useAction(() => call('paper.registerVerify', {}), { invalidates: false, notify: 'Реестр не проверен', onSuccess: (v) => setChecked(v), success: () => null });
  const print = useAction(
    async () => {
      const f = await call('paper.registerPdf', { periodId });
      await saveFile(f.fileName, f.id, PDF);
      return f;
    },
    { invalidates: false, notify: 'Реестр не напечатан', success: (f) => ({ title: f.fileName, message: `Записей: ${f.rows}` }) },
  );
  const attach = useAction(
    async (entry: RegisterEntry, file: File) => {
      const up = await uploadFile(file);
      return call('paper.attachScan', { entryId: entry.id, file: up.id });
    },
    { notify: 'Скан не приложен', success: (s, e) => `Скан «${s.fileName}» приложен к записи № ${e.number}` },
  );
  const open = useAction(
    async (id: string) => {
      const f = await call('paper.scanFile', { id });
      await saveFile(f.fileName, f.id);
    },
    { invalidates: false, notify: 'Скан не открыт', success: () => null },
  );

  const th = (key: string, label: string) => (
    <Table.Th>
      <SortLabel label={label} active={sort.key === key} desc={sort.desc} onClick={() => toggle(key)} testId={`register-sort-${key}`} />
    </Table.Th>
  );

  return (
    <Stack gap="md" data-testid="register-page" data-loaded={registerQ.data && optionsQ.data ? true : undefined}>
      <PageHeader
        title="Реестр бумажных копий"
        description="Заверенные копии журнала, сданные секретарю: записи не изменяются и не удаляются — ошибка исправляется новой записью"
        actions={
          <Group gap="xs">
            {canChange ? (
              <Button leftSection={<IconPlus size={16} />} disabled={!optionsQ.data} onClick={() => setForm({ corrects: null })} data-testid="register-add">
                Внести запись
              </Button>
            ) : null}
            <Button variant="default" leftSection={<IconCheckupList size={16} />} loading={verify.busy} onClick={() => void verify.run()} data-testid="register-verify">
              Проверить реестр
            </Button>
            <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={print.busy} onClick={() => void print.run()} data-testid="register-print">
              Печать реестра
            </Button>
          </Group>
        }
      />
      {checked ? (
        <Alert color={checked.ok ? 'teal' : 'red'} variant="light" py="xs" withCloseButton onClose={() => setChecked(null)} data-testid="register-check" data-ok={checked.ok}>
          {checked.ok ? (
            <Text size="sm">
              Реестр в порядке: записей {checked.entries}, сканов {checked.scans}; записи не изменялись и не удалялись.
            </Text>
          ) : (
            <Stack gap={2}>
              <Text size="sm" fw={600}>
                Реестр нарушен:
              </Text>
              {[checked.problem, ...checked.scanProblems].filter(Boolean).map((p) => (
                <Text size="sm" key={p}>
                  {p}
                </Text>
              ))}
            </Stack>
          )}
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            Контрольная сумма реестра: {checked.checksum || '—'}
          </Text>
        </Alert>
      ) : null}
      <Group gap="sm" align="flex-end">
        <SearchInput w={280} placeholder="Поиск: №, класс, фамилия" value={search} onChange={setSearch} data-testid="register-search" />
        <Select
          label="Период"
          placeholder="Все периоды"
          clearable
          w={220}
          data={(optionsQ.data?.periods ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={periodId}
          onChange={setPeriodId}
          data-testid="register-filter-period"
        />
        <Select
          label="Класс"
          placeholder="Все классы"
          clearable
          searchable
          w={150}
          data={(optionsQ.data?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={classId}
          onChange={setClassId}
          data-testid="register-filter-class"
        />
        <Text size="sm" c="dimmed" pb={6}>
          {registerQ.data ? `Записей: ${entries.length} из ${registerQ.data.total}` : ''}
        </Text>
      </Group>
      {registerQ.error ? <ErrorAlert error={registerQ.error} title="Не удалось загрузить реестр" /> : null}
      <Paper p={0} style={{ overflow: 'auto' }}>
        <Table striped verticalSpacing={5} horizontalSpacing="xs" stickyHeader style={{ fontSize: 13 }} data-testid="register-table">
          <Table.Thead>
            <Table.Tr>
              {th('number', '№')}
              {th('receivedOn', 'Дата приёма')}
              {th('className', 'Класс')}
              {th('periodName', 'Период')}
              <Table.Th ta="right">Листов</Table.Th>
              <Table.Th>Сдал</Table.Th>
              <Table.Th>Принял</Table.Th>
              <Table.Th>Копия</Table.Th>
              <Table.Th>Примечание</Table.Th>
              <Table.Th>Сканы</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((e) => (
              <Table.Tr key={e.id} data-testid="register-entry" data-number={e.number} style={e.correctedBy.length ? { opacity: 0.75 } : undefined}>
                <Table.Td className="tnum" fw={600}>
                  {e.number}
                </Table.Td>
                <Table.Td className="tnum">{ruDate(e.receivedOn)}</Table.Td>
                <Table.Td>{e.className}</Table.Td>
                <Table.Td>{e.periodName}</Table.Td>
                <Table.Td ta="right" className="tnum">
                  {e.sheets}
                </Table.Td>
                <Table.Td>{e.handedBy}</Table.Td>
                <Table.Td>{e.receivedBy}</Table.Td>
                <Table.Td>
                  {e.copyCode ? (
                    <Tooltip label={e.copyUpToDate ? 'Копия соответствует журналу' : e.copyChanges.join('; ') || 'Копия не соответствует журналу'} multiline w={300}>
                      <Text size="sm" fw={600} c={e.copyUpToDate ? 'teal.8' : 'red.8'} style={{ whiteSpace: 'nowrap' }} data-testid="register-copy-code">
                        {e.copyCode}
                        {e.copyUpToDate ? '' : ' — устарела'}
                      </Text>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td miw={150} maw={240}>
                  <Stack gap={2}>
                    {e.correctsNumber ? (
                      <Text size="xs" fw={600} c="orange.9" data-testid="register-corrects">
                        исправляет запись № {e.correctsNumber}
                      </Text>
                    ) : null}
                    {e.correctedBy.length ? (
                      <Text size="xs" fw={600} c="dimmed" data-testid="register-corrected">
                        исправлена записью № {e.correctedBy.join(', ')}
                      </Text>
                    ) : null}
                    {e.note ? <Text size="sm">{e.note}</Text> : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {e.scans.map((s) => (
                      <Tooltip key={s.id} label={`SHA-256: ${s.digest}`} multiline w={320} style={{ wordBreak: 'break-all' }}>
                        <Anchor size="sm" onClick={() => void open.run(s.id)} data-testid="register-scan">
                          {s.fileName}, {kb(s.size)}
                        </Anchor>
                      </Tooltip>
                    ))}
                    {canChange ? (
                      <FileButton
                        accept="application/pdf,image/jpeg,image/png"
                        onChange={(f) => f && void attach.run(e, f)}
                        inputProps={{ 'data-testid': 'register-scan-input' } as React.ComponentProps<'input'>}
                      >
                        {(props) => (
                          <Anchor size="xs" {...props} data-testid="register-attach">
                            <Group gap={2} wrap="nowrap">
                              <IconPaperclip size={12} />
                              приложить скан
                            </Group>
                          </Anchor>
                        )}
                      </FileButton>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">
                  {canChange && !e.correctedBy.length ? (
                    <Tooltip label={`Исправить запись № ${e.number}: новой записью`}>
                      <ActionIcon variant="subtle" aria-label="Исправить" onClick={() => setForm({ corrects: e })} data-testid="register-correct">
                        <IconPencil size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {registerQ.data && !entries.length ? (
          <Text c="dimmed" size="sm" p="md">
            {registerQ.data.total ? 'Ничего не найдено.' : 'В реестре пока нет записей: внесите первую, когда заместитель директора сдаст заверенную копию.'}
          </Text>
        ) : null}
      </Paper>
      {form && optionsQ.data ? <EntryModal options={optionsQ.data} corrects={form.corrects} onClose={() => setForm(null)} /> : null}
    </Stack>
  );
}
