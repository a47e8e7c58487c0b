// «Изменения отметок» (R15): every change of a mark made in the central journal — who, when, whose
// mark, of which lesson, old → new — filtered, sorted, loaded page by page as the list scrolls, and
// exported to Excel and printed as PDF (jobs); each change flagged whether it was within the year's
// grade-edit window (R5), with a filter for those after it.
import { useCallback, useMemo, useState } from 'react';
import { ActionIcon, Badge, Button, Checkbox, Group, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { IconArrowRight, IconFileSpreadsheet, IconFilterOff, IconPrinter } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { opKey } from '../data/client';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeader } from '../components/PageHeader';
import { SearchInput } from '../components/SearchInput';
import { VirtualTable, type Column } from '../components/VirtualTable';
import { countOf, parseRuDate, ruDate, ruDateTime } from '../lib/dates';
import { markTables, markValues, type MarkChangeSort, type MarkValue } from '../../../electron/api/enums';
import type { MarkChangeRow } from '../../../electron/api/types';
import { NoJournalData } from './marks';
import { shortName } from '../auth/UserMenu';

const PAGE = 200;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PDF = 'application/pdf';

interface Filter {
  period: string | null;
  from: string;
  to: string;
  classId: string | null;
  subjectId: string | null;
  teacherId: string | null;
  search: string;
  /** Only the changes made after the grade-edit window (R5). */
  outsideOnly: boolean;
}
const EMPTY: Filter = { period: null, from: '', to: '', classId: null, subjectId: null, teacherId: null, search: '', outsideOnly: false };

/** Within the grade-edit window (R5): «в срок», «после срока» (the window's last day in the tooltip), or «—» when not known. */
function InWindow({ r }: { r: MarkChangeRow }) {
  if (r.inWindow === null)
    return (
      <Text span c="dimmed" size="xs" title="Срок не определён: нет даты урока или учебного года">
        —
      </Text>
    );
  return r.inWindow ? (
    <Badge size="sm" variant="light" color="teal" tt="none" title={`Срок исправления — до ${ruDate(r.deadline)}`}>
      в срок
    </Badge>
  ) : (
    <Badge size="sm" variant="filled" color="red" tt="none" title={`Срок исправления истёк ${ruDate(r.deadline)}`} data-testid="changes-late">
      после срока
    </Badge>
  );
}

function Value({ v }: { v: MarkValue | null }) {
  if (v === null)
    return (
      <Text span c="dimmed" size="xs">
        нет
      </Text>
    );
  return (
    <Text span fw={700}>
      {markValues.labels[v]}
    </Text>
  );
}

export function MarkChangesPage() {
  const options = useOp('journal.options');
  const facetsQ = useOp('journal.changeFacets');
  const facets = facetsQ.data;
  const [f, setF] = useState<Filter>(EMPTY);
  const [search] = useDebouncedValue(f.search, 300);
  const [sort, setSort] = useState<{ key: MarkChangeSort; desc: boolean }>({ key: 'changedAt', desc: true });
  const from = parseRuDate(f.from);
  const to = parseRuDate(f.to);
  const filter = useMemo(
    () => ({
      from: from.ok ? (from.iso ?? undefined) : undefined,
      to: to.ok ? (to.iso ?? undefined) : undefined,
      classId: f.classId ?? undefined,
      subjectId: f.subjectId ?? undefined,
      teacherId: f.teacherId ?? undefined,
      search: search.trim() || undefined,
      outsideOnly: f.outsideOnly,
      sort: sort.key,
      desc: sort.desc,
    }),
    [from.ok && from.iso, to.ok && to.iso, f.classId, f.subjectId, f.teacherId, search, f.outsideOnly, sort], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const log = useInfiniteQuery({
    queryKey: opKey('journal.changes', filter),
    queryFn: ({ pageParam, signal }) => call('journal.changes', { ...filter, offset: pageParam, limit: PAGE }, { signal }),
    initialPageParam: 0,
    getNextPageParam: (last, all) => {
      const loaded = all.reduce((n, p) => n + p.rows.length, 0);
      return loaded < last.total && last.rows.length > 0 ? loaded : undefined;
    },
  });
  const rows = useMemo(() => (log.data?.pages ?? []).flatMap((p) => p.rows), [log.data]);
  const total = log.data?.pages[0]?.total ?? null;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = log;
  const onRange = useCallback(
    (_s: number, end: number) => {
      if (end >= rows.length - 30 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
    },
    [rows.length, hasNextPage, isFetchingNextPage, fetchNextPage],
  );
  const filtered = f.period || f.from || f.to || f.classId || f.subjectId || f.teacherId || f.search || f.outsideOnly;
  const exportAction = useAction(
    async () => {
      const file = await call('journal.changesXlsx', filter);
      await saveFile(file.fileName, file.id, XLSX);
      return file;
    },
    { invalidates: false, notify: 'Экспорт не выполнен', success: (file) => ({ title: file.fileName, message: `Выгружено: ${countOf(file.rows, 'строка', 'строки', 'строк')}` }) },
  );
  const printAction = useAction(
    async () => {
      const file = await call('journal.changesPdf', filter);
      await saveFile(file.fileName, file.id, PDF);
      return file;
    },
    { invalidates: false, notify: 'Отчёт не напечатан', success: (file) => ({ title: file.fileName, message: `В отчёте: ${countOf(file.rows, 'изменение', 'изменения', 'изменений')}` }) },
  );
  const onSort = (key: string) => setSort((s) => (s.key === key ? { key: key as MarkChangeSort, desc: !s.desc } : { key: key as MarkChangeSort, desc: key === 'changedAt' }));
  const choosePeriod = (id: string | null) => {
    const p = facets?.periods.find((x) => x.id === id);
    setF((x) => ({ ...x, period: id, from: p ? ruDate(p.startDate) : '', to: p ? ruDate(p.endDate) : '' }));
  };

  const columns: Column<MarkChangeRow>[] = [
    { key: 'changedAt', title: 'Когда изменена', width: '150px', sortable: true, render: (r) => <span className="tnum">{ruDateTime(r.changedAt)}</span> },
    { key: 'teacher', title: 'Учитель', width: '175px', sortable: true, render: (r) => <span title={r.teacher ?? ''}>{r.teacher ? shortName(r.teacher) : '—'}</span> },
    { key: 'student', title: 'Ученик', width: 'minmax(170px, 1.4fr)', sortable: true, render: (r) => <span title={r.student}>{r.student}</span> },
    { key: 'class', title: 'Класс', width: '72px', render: (r) => r.className ?? '—' },
    { key: 'subject', title: 'Предмет', width: 'minmax(120px, 1fr)', render: (r) => <span title={r.subject}>{r.subject}</span> },
    { key: 'lessonDate', title: 'Дата урока', width: '116px', sortable: true, render: (r) => <span className="tnum">{r.lessonDate ? ruDate(r.lessonDate) : '—'}</span> },
    {
      key: 'change',
      title: 'Было → стало',
      width: '136px',
      render: (r) => (
        <Group gap={6} wrap="nowrap" data-testid="change-values">
          <Value v={r.oldValue} />
          <IconArrowRight size={14} color="var(--mantine-color-gray-6)" />
          <Value v={r.newValue} />
          {r.markTable === 'period_mark' ? (
            <Badge size="xs" variant="light" color="grape" tt="none" title={markTables.labels.period_mark}>
              период
            </Badge>
          ) : null}
        </Group>
      ),
    },
    { key: 'window', title: 'Срок', width: '128px', render: (r) => <InWindow r={r} /> },
  ];

  if (options.data && !options.data.hasData)
    return (
      <Stack gap="md">
        <PageHeader title="Изменения отметок" description="Кто, когда и какую отметку изменил в центральном журнале" />
        <NoJournalData />
      </Stack>
    );
  return (
    <Stack gap="sm">
      <PageHeader
        title="Изменения отметок"
        description="Каждое изменение отметки в центральном журнале: учитель, дата и время, было → стало, в срок ли (R15, R5)"
        actions={
          <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconPrinter size={16} stroke={1.6} />}
            loading={printAction.busy}
            onClick={() => void printAction.run()}
            disabled={!total}
            data-testid="changes-pdf"
          >
            Печать (PDF)
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileSpreadsheet size={16} stroke={1.6} color="var(--mantine-color-teal-7)" />}
            loading={exportAction.busy}
            onClick={() => void exportAction.run()}
            disabled={!total}
            data-testid="changes-export"
          >
            Экспорт в Excel
          </Button>
          </Group>
        }
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <Select label="Период" placeholder="Весь год" data={(facets?.periods ?? []).map((p) => ({ value: p.id, label: p.name }))} value={f.period} onChange={choosePeriod} clearable w={124} data-testid="changes-period" />
        <DateField label="С" value={f.from} onChange={(v) => setF((x) => ({ ...x, from: v, period: null }))} w={136} data-testid="changes-from" />
        <DateField label="По" value={f.to} onChange={(v) => setF((x) => ({ ...x, to: v, period: null }))} w={136} data-testid="changes-to" />
        <Select label="Класс" placeholder="Все" data={(facets?.classes ?? []).map((c) => ({ value: c.id, label: c.name }))} value={f.classId} onChange={(v) => setF((x) => ({ ...x, classId: v }))} clearable searchable w={80} data-testid="changes-class" />
        <Select label="Предмет" placeholder="Все" data={(facets?.subjects ?? []).map((c) => ({ value: c.id, label: c.name }))} value={f.subjectId} onChange={(v) => setF((x) => ({ ...x, subjectId: v }))} clearable searchable w={150} data-testid="changes-subject" />
        <Select
          label="Учитель"
          placeholder="Все"
          data={(facets?.teachers ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={f.teacherId}
          onChange={(v) => setF((x) => ({ ...x, teacherId: v }))}
          clearable
          searchable
          nothingFoundMessage="Никого не найдено"
          w={180}
          data-testid="changes-teacher"
        />
        <SearchInput label="Ученик" value={f.search} onChange={(v) => setF((x) => ({ ...x, search: v }))} placeholder="ФИО" style={{ flex: 1, minWidth: 120 }} data-testid="changes-search" />
        <Tooltip label="Сбросить отбор">
          <ActionIcon variant="default" size={36} disabled={!filtered} onClick={() => setF(EMPTY)} aria-label="Сбросить отбор" data-testid="changes-reset">
            <IconFilterOff size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Group gap="md">
        <Checkbox
          size="sm"
          label="Только после срока"
          checked={f.outsideOnly}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setF((x) => ({ ...x, outsideOnly: on }));
          }}
          data-testid="changes-outside"
        />
        <Text size="xs" c="dimmed" data-testid="changes-window">
          Срок исправления отметок (настройка учебного года): {facets?.editWindow ?? '—'} — от даты урока, для отметки за период — от его окончания
        </Text>
      </Group>
      {log.error || facetsQ.error ? <ErrorAlert error={log.error ?? facetsQ.error} title="Изменения не загружены" /> : null}
      <VirtualTable
        columns={columns}
        rowCount={total ?? 0}
        getRow={(i) => rows[i]}
        getRowKey={(r) => r.id}
        rowHeight={38}
        height="calc(100vh - 290px)"
        sort={sort}
        onSort={onSort}
        onRangeChange={onRange}
        resetKey={JSON.stringify(filter)}
        testId="changes-table"
        empty={
          total === null ? null : (
            <Text c="dimmed" ta="center">
              {filtered ? 'Ничего не найдено: измените условия отбора.' : 'Изменений отметок нет.'}
            </Text>
          )
        }
      />
      <Text size="xs" c="dimmed" data-testid="changes-total">
        {total === null ? 'Загрузка…' : filtered ? `Найдено: ${total.toLocaleString('ru-RU')}` : countOf(total, 'изменение', 'изменения', 'изменений')}
      </Text>
    </Stack>
  );
}
