import { useCallback, useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, CloseButton, Drawer, Tooltip, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFileSpreadsheet, IconFilterOff, IconHistory } from '@tabler/icons-react';
import { EmptyState } from '@mantine/core';
import { call, saveFile } from '../../api';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { opKey } from '../../data/client';
import { useAppState } from '../../app/AppState';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { countOf, parseRuDate, ruDateTime } from '../../lib/dates';
import type { AuditEntry } from '../../../../electron/api/types';
import { auditActions } from '../../../../electron/api/enums';

const PAGE = 200;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACTIONS: Record<AuditEntry['action'], { label: string; color: string }> = {
  insert: { label: auditActions.labels.insert, color: 'teal' },
  update: { label: auditActions.labels.update, color: 'blue' },
  delete: { label: auditActions.labels.delete, color: 'red' },
};
const SHOWN_CHANGES = 5;
/** The badge of an entry: its action, or «Событие» for a login, a logout or a wrong password. */
const badge = (e: AuditEntry) => (e.event && e.action !== 'delete' ? { label: 'Событие', color: 'gray' } : ACTIONS[e.action]);

function value(v: unknown) {
  if (v === null || v === undefined || v === '')
    return (
      <Text span c="dimmed" size="xs">
        пусто
      </Text>
    );
  if (typeof v === 'boolean') return v ? 'да' : 'нет';
  return String(v);
}

function ChangeLine({ c, insert }: { c: AuditEntry['changes'][number]; insert: boolean }) {
  return (
    <Text size="xs" lh={1.45} data-testid="audit-change">
      <Text span fw={600} size="xs">
        {c.field}:
      </Text>{' '}
      {insert ? (
        value(c.new)
      ) : (
        <>
          <Text span c="gray.7" size="xs" td="line-through" style={{ textDecorationColor: 'var(--mantine-color-gray-5)' }}>
            {value(c.old)}
          </Text>
          <Text span c="dimmed" size="xs">
            {' → '}
          </Text>
          {value(c.new)}
        </>
      )}
    </Text>
  );
}

interface Filter {
  actor: string | null;
  entity: string | null;
  from: string;
  to: string;
  text: string;
  /** One record's history, chosen from an entry's details. */
  entityId?: string;
  entityLabel?: string;
}
const EMPTY: Filter = { actor: null, entity: null, from: '', to: '', text: '' };

/** Журнал изменений: who changed what and when, filtered, loaded page by page as the list scrolls. */
export function AuditPage() {
  const { access } = useAppState();
  const facetsQ = useOp('audit.facets');
  const facets = facetsQ.data ?? null;
  // The users' names beside their logins, for those who may see the users.
  const usersQ = useOp('users.list', undefined, { enabled: access('users') !== 'none' });
  const names = useMemo(() => new Map((usersQ.data ?? []).map((u) => [u.login, u.displayName])), [usersQ.data]);
  const [f, setF] = useState<Filter>(EMPTY);
  const [text] = useDebouncedValue(f.text, 300);
  const [open, setOpen] = useState<AuditEntry | null>(null);

  // Dates are sent only when they are complete and valid; a half-typed date does not filter.
  const from = parseRuDate(f.from);
  const to = parseRuDate(f.to);
  const filter = useMemo(
    () => ({
      actor: f.actor ?? undefined,
      entity: f.entity ?? undefined,
      entityId: f.entityId,
      from: from.ok ? (from.iso ?? undefined) : undefined,
      to: to.ok ? (to.iso ?? undefined) : undefined,
      text: text.trim() || undefined,
    }),
    [f.actor, f.entity, f.entityId, from.ok && from.iso, to.ok && to.iso, text], // eslint-disable-line react-hooks/exhaustive-deps
  );
  // The log in pages of PAGE lines, the next one loaded as the list scrolls near its end; a change
  // anywhere (every change writes a line) fetches the loaded pages again.
  const log = useInfiniteQuery({
    queryKey: opKey('audit.search', filter),
    queryFn: ({ pageParam, signal }) => call('audit.search', { ...filter, offset: pageParam, limit: PAGE }, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
  });
  const rows = useMemo(() => (log.data?.pages ?? []).flatMap((p) => p.rows), [log.data]);
  const total = log.data?.pages[0]?.total ?? null;
  const error = log.error ?? facetsQ.error ?? usersQ.error;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;
  const onRange = useCallback(
    (_start: number, end: number) => {
      if (end >= rows.length - 30 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    [rows.length, hasNextPage, isFetchingNextPage, fetchNextPage],
  );

  const who = (login: string) => (login === 'system' ? 'Система' : names.get(login));
  const actorOptions = (facets?.actors ?? []).map((a) => ({ value: a, label: who(a) ? `${who(a)} (${a})` : a }));
  const entityOptions = (facets?.entities ?? []).map((e) => ({ value: e.entity, label: e.title }));
  const filtered = f.actor || f.entity || f.entityId || f.from || f.to || f.text;

  const exportAction = useAction(
    async () => {
      const file = await call('audit.export', filter);
      await saveFile(file.fileName, file.id, XLSX);
      return file;
    },
    { invalidates: false, notify: 'Экспорт не выполнен', success: (file) => ({ title: file.fileName, message: `Выгружено: ${countOf(file.rows, 'строка', 'строки', 'строк')}` }) },
  );
  const exporting = exportAction.busy;
  const exportXlsx = exportAction.run;

  const columns: Column<AuditEntry>[] = [
    { key: 'at', title: 'Дата и время', width: '150px', render: (e) => <span className="tnum">{ruDateTime(e.at)}</span> },
    {
      key: 'actor',
      title: 'Пользователь',
      width: 'minmax(150px, 0.9fr)',
      render: (e) => (
        <div>
          <Text size="sm" fw={500} lh={1.3}>
            {who(e.actor) ?? e.actor}
          </Text>
          {who(e.actor) ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {e.actor}
            </Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'action',
      title: 'Действие',
      width: '120px',
      render: (e) => (
        <Badge variant="light" color={badge(e).color} tt="none" fw={600}>
          {badge(e).label}
        </Badge>
      ),
    },
    { key: 'entity', title: 'Запись', width: 'minmax(200px, 1.3fr)', render: (e) => <Text size="sm">{e.entityLabel}</Text> },
    {
      key: 'changes',
      title: 'Изменения',
      width: 'minmax(280px, 2fr)',
      render: (e) => (
        <Stack gap={0}>
          {e.changes.slice(0, SHOWN_CHANGES).map((c, i) => (
            <ChangeLine key={i} c={c} insert={e.action === 'insert'} />
          ))}
          {e.changes.length > SHOWN_CHANGES ? (
            <Text size="xs" c="indigo.7" fw={500}>
              …и ещё {countOf(e.changes.length - SHOWN_CHANGES, 'поле', 'поля', 'полей')}
            </Text>
          ) : null}
          {e.event ? (
            <Text size="xs" lh={1.45} data-testid="audit-event">
              {e.event}
            </Text>
          ) : e.changes.length === 0 ? (
            <Text size="xs" c="dimmed">
              —
            </Text>
          ) : null}
        </Stack>
      ),
    },
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title="Журнал изменений"
        description="Кто, когда и что изменил в данных школы: значения до и после изменения"
        actions={
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />}
            loading={exporting}
            onClick={() => void exportXlsx()}
            disabled={total === 0}
            data-testid="audit-export"
          >
            Экспорт в Excel
          </Button>
        }
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select
          label="Пользователь"
          placeholder="Все пользователи"
          data={actorOptions}
          value={f.actor}
          onChange={(v) => setF((x) => ({ ...x, actor: v }))}
          clearable
          allowDeselect
          searchable
          nothingFoundMessage="Никого не найдено"
          w={250}
          data-testid="audit-actor"
        />
        <Select
          label="Вид записи"
          placeholder="Все записи"
          data={entityOptions}
          value={f.entity}
          onChange={(v) => setF((x) => ({ ...x, entity: v }))}
          clearable
          allowDeselect
          searchable
          w={210}
          data-testid="audit-entity"
        />
        <DateField label="С" value={f.from} onChange={(v) => setF((x) => ({ ...x, from: v }))} w={140} data-testid="audit-from" />
        <DateField label="По" value={f.to} onChange={(v) => setF((x) => ({ ...x, to: v }))} w={140} data-testid="audit-to" />
        <SearchInput
          label="Поиск"
          value={f.text}
          onChange={(v) => setF((x) => ({ ...x, text: v }))}
          placeholder="ФИО, класс, значение"
          style={{ flex: 1, minWidth: 180 }}
          data-testid="audit-search"
        />
        <Tooltip label="Сбросить отбор">
          <ActionIcon
            variant="default"
            size={36}
            disabled={!filtered}
            onClick={() => setF(EMPTY)}
            aria-label="Сбросить отбор"
            data-testid="audit-reset"
          >
            <IconFilterOff size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {f.entityId ? (
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            История записи:
          </Text>
          <Badge variant="light" size="lg" tt="none" fw={500} rightSection={<CloseButton size="xs" aria-label="Показать все записи" onClick={() => setF((x) => ({ ...x, entityId: undefined, entityLabel: undefined }))} />}>
            {f.entityLabel}
          </Badge>
        </Group>
      ) : null}
      {error ? <ErrorAlert error={error} title="Журнал не загружен" /> : null}
      <VirtualTable
        columns={columns}
        rowCount={total ?? 0}
        getRow={(i) => rows[i]}
        getRowKey={(e) => String(e.seq)}
        rowHeight={44}
        dynamicHeight
        height="calc(100vh - 250px)"
        onRowClick={(e) => setOpen(e)}
        onRangeChange={onRange}
        resetKey={JSON.stringify(filter)}
        testId="audit-table"
        empty={
          total === null ? null : (
            <EmptyState
              icon={<IconHistory size={28} />}
              withIndicatorBackground
              title={filtered ? 'Ничего не найдено' : 'Журнал пуст'}
              description={filtered ? 'Измените условия отбора или сбросьте их.' : 'Здесь появятся изменения данных.'}
            />
          )
        }
      />
      <Text size="xs" c="dimmed" data-testid="audit-total">
        {total === null ? 'Загрузка…' : filtered ? `Найдено: ${total.toLocaleString('ru-RU')}` : countOf(total, 'запись', 'записи', 'записей')}
        {total !== null && rows.length < total ? ` · загружено ${rows.length.toLocaleString('ru-RU')}, остальные — при прокрутке` : ''}
      </Text>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="lg" title={open ? open.entityLabel : ''} data-testid="audit-drawer">
        {open ? (
          <Stack gap="md">
            <Group gap="md">
              <Badge variant="light" color={badge(open).color} tt="none" fw={600} size="lg">
                {badge(open).label}
              </Badge>
              <Text size="sm" className="tnum">
                {ruDateTime(open.at)}
              </Text>
              <Text size="sm" c="dimmed">
                {who(open.actor) ? `${who(open.actor)} (${open.actor})` : open.actor}
              </Text>
            </Group>
            {open.event ? <Text size="sm">{open.event}</Text> : null}
            {open.changes.length ? (
            <Table withTableBorder withColumnBorders verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w="32%">Поле</Table.Th>
                  {open.action === 'insert' ? null : <Table.Th>Было</Table.Th>}
                  <Table.Th>{open.action === 'delete' ? 'Стало' : open.action === 'insert' ? 'Значение' : 'Стало'}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {open.changes.map((c, i) => (
                  <Table.Tr key={i}>
                    <Table.Td fw={500}>{c.field}</Table.Td>
                    {open.action === 'insert' ? null : <Table.Td c="gray.7">{value(c.old)}</Table.Td>}
                    <Table.Td>{value(c.new)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            ) : null}
            {f.entityId !== open.entityId ? (
              <Group>
                <Button
                  variant="light"
                  leftSection={<IconHistory size={16} />}
                  onClick={() => {
                    setF({ ...EMPTY, entityId: open.entityId, entityLabel: open.entityLabel });
                    setOpen(null);
                  }}
                  data-testid="audit-record-history"
                >
                  Вся история этой записи
                </Button>
              </Group>
            ) : null}
          </Stack>
        ) : null}
      </Drawer>
    </Stack>
  );
}
