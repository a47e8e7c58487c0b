// «Книги и сведения» (issue 12 point 4): the alphabetical book, the movement book, «Сведения о
// прибывших и выбывших» and the movement summary, each on screen (search, filters, sort) and as
// PDF and Excel made by the core (books.pdf / books.xlsx, jobs with progress).
import { useMemo, useState } from 'react';
import { Badge, Button, Checkbox, Group, Paper, ScrollArea, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { EmptyRow } from '../components/EditorRows';
import { SearchInput } from '../components/SearchInput';
import { DateField } from '../components/DateField';
import { SortTh, useSort } from '../components/sort';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { parseRuDate, ruDate, todayIso } from '../lib/dates';
import { ruFold } from '../../../electron/api/text';
import { BOOK_TITLES, MOVEMENT_LABELS, type AlphabetEntry, type BookKind, type Movement, type SummaryRow } from '../../../electron/api/books';

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHORT: Record<BookKind, string> = { alphabet: 'Алфавитная книга', movement: 'Книга движения', arrivals: 'Прибывшие и выбывшие', summary: 'Движение по классам' };

const matches = (q: string, ...texts: (string | null | undefined)[]) => !q || texts.some((t) => t && ruFold(t).includes(q));

function FileButtons({ book, from, to, disabled }: { book: BookKind; from?: string; to?: string; disabled: boolean }) {
  const save = async (format: 'pdf' | 'xlsx') => {
    const f = format === 'pdf' ? await call('books.pdf', { book, from, to }) : await call('books.xlsx', { book, from, to });
    await saveFile(f.fileName, f.id, format === 'pdf' ? PDF : XLSX);
    return f;
  };
  const saved = (f: { fileName: string }) => ({ title: f.fileName, message: 'Сохранено' });
  const pdf = useAction(() => save('pdf'), { invalidates: false, notify: 'PDF не создан', success: saved });
  const xlsx = useAction(() => save('xlsx'), { invalidates: false, notify: 'Файл Excel не создан', success: saved });
  return (
    <>
      <Button variant="default" leftSection={<IconFileTypePdf size={16} color="var(--mantine-color-red-7)" />} loading={pdf.busy} disabled={disabled} onClick={() => void pdf.run()} data-testid="book-pdf">
        Печать (PDF)
      </Button>
      <Button variant="default" leftSection={<IconFileSpreadsheet size={16} color="var(--mantine-color-teal-7)" />} loading={xlsx.busy} disabled={disabled} onClick={() => void xlsx.run()} data-testid="book-xlsx">
        Excel
      </Button>
    </>
  );
}

function AlphabetTable({ search, letter, onlyLeft }: { search: string; letter: string | null; onlyLeft: boolean }) {
  const q = useOp('books.alphabet', {});
  const rows = useMemo(() => {
    const s = ruFold(search.trim());
    return (q.data?.letters ?? [])
      .filter((l) => !letter || l.letter === letter)
      .flatMap((l) => l.entries)
      .filter((e) => (!onlyLeft || e.leftDate) && matches(s, e.fullName, e.fileNo, e.parents, e.address, e.entryClass, e.currentClass));
  }, [q.data, letter, onlyLeft, search]);
  const { sorted, sort, toggle } = useSort<AlphabetEntry>(
    rows,
    { no: (e) => `${e.letter}${String(e.number ?? 99999).padStart(5, '0')}`, name: (e) => e.fullName, birth: (e) => e.birthDate, entry: (e) => e.entryDate, left: (e) => e.leftDate, cls: (e) => e.currentClass },
    { key: 'no', desc: false },
  );
  if (q.error) return <ErrorAlert error={q.error} title="Книга не загружена" />;
  return (
    <Stack gap="sm">
      {q.data ? (
        <Text size="sm" c="dimmed" data-testid="book-count">
          Записей: {q.data.total}, выбыли: {q.data.left}; показано: {sorted.length}
        </Text>
      ) : null}
      <Paper withBorder>
        <ScrollArea.Autosize mah="calc(100vh - 330px)">
          {/* Eight columns that fit 1280 px: where from goes under the entry, where to under the leaving (one cell each, as the order). */}
          <Table striped stickyHeader fz="xs" verticalSpacing={4} data-testid="book-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh label="№" k="no" sort={sort} onSort={toggle} w={70} />
                <SortTh label="ФИО" k="name" sort={sort} onSort={toggle} />
                <SortTh label="Дата рождения" k="birth" sort={sort} onSort={toggle} w={100} />
                <Table.Th miw={170}>Родители</Table.Th>
                <Table.Th miw={160}>Домашний адрес</Table.Th>
                <SortTh label="Поступил, откуда" k="entry" sort={sort} onSort={toggle} w={150} />
                <SortTh label="Выбыл, куда" k="left" sort={sort} onSort={toggle} w={150} />
                <SortTh label="Класс" k="cls" sort={sort} onSort={toggle} w={70} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((e) => (
                <Table.Tr key={e.studentId} data-testid="book-row">
                  <Table.Td className="tnum">{e.fileNo ?? 'б/н'}</Table.Td>
                  <Table.Td>{e.fullName}</Table.Td>
                  <Table.Td className="tnum">{ruDate(e.birthDate)}</Table.Td>
                  <Table.Td>{e.parents}</Table.Td>
                  <Table.Td>{e.address}</Table.Td>
                  <Table.Td>
                    {e.entryClass ? `${e.entryClass}, ${ruDate(e.entryDate)}` : '—'}
                    {e.entryOrder ? <Text size="xs" c="dimmed">приказ {e.entryOrder.text}</Text> : null}
                    {e.cameFrom ? <Text size="xs">из: {e.cameFrom}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {e.leftDate ? ruDate(e.leftDate) : ''}
                    {e.leftOrder ? <Text size="xs" c="dimmed">приказ {e.leftOrder.text}</Text> : null}
                    {e.leftReason ? <Text size="xs" c="dimmed">{e.leftReason}</Text> : null}
                    {e.wentTo ? <Text size="xs">в: {e.wentTo}</Text> : null}
                  </Table.Td>
                  <Table.Td>{e.currentClass ?? (e.leftDate ? <Badge color="gray" variant="light">выбыл</Badge> : '—')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}

function MovementTable({ book, from, to, search, classFilter }: { book: 'movement' | 'arrivals'; from: string; to: string; search: string; classFilter: string | null }) {
  const mv = useOp('books.movement', { from, to }, { enabled: book === 'movement', keepPrevious: true });
  const ar = useOp('books.arrivals', { from, to }, { enabled: book === 'arrivals', keepPrevious: true });
  const q = book === 'movement' ? mv : ar;
  const all: Movement[] = useMemo(() => (book === 'movement' ? (mv.data?.classes.flatMap((c) => c.rows) ?? []) : (ar.data?.rows ?? [])), [book, mv.data, ar.data]);
  const rows = useMemo(() => {
    const s = ruFold(search.trim());
    return all.filter((m) => (!classFilter || m.className === classFilter) && matches(s, m.fullName, m.place, m.address, m.className));
  }, [all, search, classFilter]);
  const { sorted, sort, toggle } = useSort<Movement>(
    rows,
    { date: (m) => m.date, name: (m) => m.fullName, cls: (m) => m.className.padStart(3, '0'), kind: (m) => MOVEMENT_LABELS[m.kind] },
    { key: 'date', desc: false },
  );
  if (q.error) return <ErrorAlert error={q.error} title="Не загружено" />;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" data-testid="book-count">
        {book === 'arrivals' && ar.data ? `Прибыло: ${ar.data.arrived}, выбыло: ${ar.data.left} (переводы между классами не учитываются). ` : ''}
        Показано строк: {sorted.length}
      </Text>
      <Paper withBorder>
        <ScrollArea.Autosize mah="calc(100vh - 330px)">
          <Table striped stickyHeader fz="sm" verticalSpacing={4} data-testid="book-table">
            <Table.Thead>
              <Table.Tr>
                <SortTh label="Дата" k="date" sort={sort} onSort={toggle} w={100} />
                <SortTh label="ФИО" k="name" sort={sort} onSort={toggle} />
                <Table.Th w={100}>Дата рождения</Table.Th>
                <SortTh label="Движение" k="kind" sort={sort} onSort={toggle} w={150} />
                <SortTh label="Класс" k="cls" sort={sort} onSort={toggle} w={70} />
                {book === 'arrivals' ? <Table.Th>Фактический адрес</Table.Th> : null}
                <Table.Th>Откуда / куда</Table.Th>
                <Table.Th w={150}>Приказ</Table.Th>
                <Table.Th>Причина</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((m) => (
                <Table.Tr key={`${m.studentId}-${m.kind}-${m.date}-${m.classId}`} data-testid="book-row">
                  <Table.Td className="tnum">{ruDate(m.date)}</Table.Td>
                  <Table.Td>{m.fullName}</Table.Td>
                  <Table.Td className="tnum">{ruDate(m.birthDate)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={m.kind === 'arrived' ? 'teal' : m.kind === 'left' ? 'red' : 'blue'}>
                      {MOVEMENT_LABELS[m.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{m.className}</Table.Td>
                  {book === 'arrivals' ? <Table.Td>{m.address}</Table.Td> : null}
                  <Table.Td>{m.kind === 'moved_in' ? `из ${m.otherClass}` : m.kind === 'moved_out' ? `в ${m.otherClass}` : m.place}</Table.Td>
                  <Table.Td>{m.order ? m.order.text : <Text span size="sm" c="dimmed">без приказа</Text>}</Table.Td>
                  <Table.Td>{m.reason}</Table.Td>
                </Table.Tr>
              ))}
              {!sorted.length && q.data ? (
                <EmptyRow colSpan={9} py="sm">
                  За период движения нет
                </EmptyRow>
              ) : null}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}

function SummaryTable({ from, to, grade }: { from: string; to: string; grade: string | null }) {
  const q = useOp('books.summary', { from, to }, { keepPrevious: true });
  if (q.error) return <ErrorAlert error={q.error} title="Не загружено" />;
  const s = q.data;
  if (!s) return null;
  const line = (r: SummaryRow, bold: boolean) => (
    <Table.Tr key={r.classId ?? r.label} fw={bold ? 700 : undefined} data-testid={bold ? 'summary-total' : 'book-row'}>
      <Table.Td>{r.label}</Table.Td>
      {[r.start, r.arrived, r.left, r.movedIn, r.movedOut, r.end].map((n, i) => (
        <Table.Td key={i} ta="center" className="tnum">
          {n}
        </Table.Td>
      ))}
    </Table.Tr>
  );
  const parallels = s.parallels.filter((p) => !grade || String(p.grade) === grade);
  return (
    <Paper withBorder>
      <ScrollArea.Autosize mah="calc(100vh - 300px)">
        <Table stickyHeader fz="sm" verticalSpacing={4} data-testid="book-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Класс</Table.Th>
              <Table.Th ta="center">На начало ({ruDate(from)})</Table.Th>
              <Table.Th ta="center">Прибыло</Table.Th>
              <Table.Th ta="center">Выбыло</Table.Th>
              <Table.Th ta="center">Переведены в класс</Table.Th>
              <Table.Th ta="center">Переведены из класса</Table.Th>
              <Table.Th ta="center">На конец ({ruDate(to)})</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {parallels.flatMap((p) => [...s.classes.filter((c) => c.grade === p.grade).map((c) => line(c, false)), line({ ...p, label: `Итого ${p.label}` }, true)])}
            {grade ? null : line(s.total, true)}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Paper>
  );
}

/** The first day of the current month and today, as typed dates. */
function monthSoFar(): [string, string] {
  const today = todayIso();
  return [ruDate(`${today.slice(0, 8)}01`), ruDate(today)];
}

export function BooksPage() {
  const [book, setBook] = useState<BookKind>('alphabet');
  const [[fromText, toText], setPeriod] = useState<[string, string]>(monthSoFar);
  const [search, setSearch] = useState('');
  const [classFilter, setClassFilter] = useState<string | null>(null);
  const [letter, setLetter] = useState<string | null>(null);
  const [onlyLeft, setOnlyLeft] = useState(false);
  const alphabetQ = useOp('books.alphabet', {}, { enabled: book === 'alphabet' });
  const from = parseRuDate(fromText, { required: true });
  const to = parseRuDate(toText, { required: true });
  const fromIso = from.ok ? from.iso : null;
  const toIso = to.ok ? to.iso : null;
  const backwards = fromIso && toIso && fromIso > toIso ? `Конец периода раньше его начала (${ruDate(fromIso)})` : undefined;
  const periodOk = !!fromIso && !!toIso && !backwards;
  const needsPeriod = book !== 'alphabet';
  const summaryQ = useOp('books.summary', { from: fromIso ?? '', to: toIso ?? '' }, { enabled: periodOk && needsPeriod });
  const classes = useMemo(() => (summaryQ.data?.classes ?? []).map((c) => c.label), [summaryQ.data]);
  const grades = useMemo(() => (summaryQ.data?.parallels ?? []).map((p) => ({ value: String(p.grade), label: p.label })), [summaryQ.data]);
  return (
    <Stack gap="md">
      <PageHeader
        title="Книги и сведения"
        description="Алфавитная книга записи обучающихся, книга движения, сведения о прибывших и выбывших — по приказам и датам перевода."
        actions={<FileButtons book={book} from={needsPeriod ? (fromIso ?? undefined) : undefined} to={needsPeriod ? (toIso ?? undefined) : undefined} disabled={needsPeriod && !periodOk} />}
      />
      <SegmentedControl
        value={book}
        onChange={(v) => {
          setBook(v as BookKind);
          setClassFilter(null);
        }}
        data={(Object.keys(SHORT) as BookKind[]).map((k) => ({ value: k, label: SHORT[k] }))}
        data-testid="book-kind"
        aria-label={BOOK_TITLES[book]}
      />
      <Group gap="md" align="flex-start">
        {needsPeriod ? (
          <>
            <DateField label="С" w={150} value={fromText} onChange={(v) => setPeriod([v, toText])} error={from.ok ? undefined : from.error} data-testid="book-from" />
            <DateField label="По" w={150} value={toText} onChange={(v) => setPeriod([fromText, v])} error={to.ok ? backwards : to.error} data-testid="book-to" />
          </>
        ) : null}
        {book === 'summary' ? (
          <Select label="Параллель" placeholder="Все" clearable w={160} data={grades} value={classFilter} onChange={setClassFilter} data-testid="book-grade" />
        ) : (
          <>
            <SearchInput label="Поиск" w={260} placeholder="ФИО, адрес, школа" value={search} onChange={setSearch} data-testid="book-search" />
            {book === 'alphabet' ? (
              <>
                <Select
                  label="Буква"
                  placeholder="Все буквы"
                  clearable
                  w={140}
                  data={(alphabetQ.data?.letters ?? []).map((l) => ({ value: l.letter, label: `${l.letter} (${l.entries.length})` }))}
                  value={letter}
                  onChange={setLetter}
                  data-testid="book-letter"
                />
                <Checkbox mt={30} label="Только выбывшие" checked={onlyLeft} onChange={(e) => setOnlyLeft(e.currentTarget.checked)} data-testid="book-only-left" />
              </>
            ) : null}
            {needsPeriod ? <Select label="Класс" placeholder="Все" clearable searchable w={120} data={classes} value={classFilter} onChange={setClassFilter} data-testid="book-class" /> : null}
          </>
        )}
      </Group>
      {book === 'alphabet' ? <AlphabetTable search={search} letter={letter} onlyLeft={onlyLeft} /> : null}
      {(book === 'movement' || book === 'arrivals') && periodOk ? <MovementTable book={book} from={fromIso!} to={toIso!} search={search} classFilter={classFilter} /> : null}
      {book === 'summary' && periodOk ? <SummaryTable from={fromIso!} to={toIso!} grade={classFilter} /> : null}
    </Stack>
  );
}
