import { useImperativeHandle, useMemo, useState } from 'react';
import { Badge, Button, EmptyState, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconFileImport, IconIdBadge2, IconPlus } from '@tabler/icons-react';
import { useOp } from '../../data/useOp';
import { change } from '../../data/change';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExportButton } from '../../components/ExportButton';
import { SearchInput } from '../../components/SearchInput';
import { useSort } from '../../components/sort';
import type { EditorProps } from '../../components/stepHandle';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { countOf } from '../../lib/dates';
import { gradeRanges, ROLE_LABELS, ROLES } from '../../lib/labels';
import { notifyOk } from '../../lib/notify';
import { StaffModal } from './StaffModal';
import { useReadOnly } from '../../app/access';
import type { Staff, StaffRole } from '../../../../electron/api/types';
import { declineFullName } from '../../../../electron/api/declension';

const fold = (s: string) => s.toLowerCase().replace(/ё/g, 'е');
const ROLE_COLORS: Record<StaffRole, string> = { director: 'grape', deputy: 'violet', sysadmin: 'cyan', secretary: 'orange', teacher: 'indigo' };
const SHORT_ROLE: Record<StaffRole, string> = { director: 'директор', deputy: 'зам.', sysadmin: 'админ.', secretary: 'секретарь', teacher: 'учитель' };

/** Сотрудники: a virtualized list with search, role filter, sorting and the edit form. */
export function StaffList({ handleRef, inWizard }: EditorProps) {
  const readOnly = useReadOnly();
  const staffQ = useOp('staff.list', {});
  const subjectsQ = useOp('subjects.list');
  const staff = staffQ.data ?? null;
  const subjects = useMemo(() => (subjectsQ.data ?? []).map((x) => x.name), [subjectsQ.data]);
  const error = staffQ.error ?? subjectsQ.error;
  const [search, setSearch] = useState('');
  const [role, setRole] = useState<string | null>(null);
  const [editing, setEditing] = useState<Staff | null | 'new'>(null);
  const [ask, confirmModal] = useConfirmDelete();

  useImperativeHandle(handleRef, () => ({ save: async () => true }));

  const filtered = useMemo(() => {
    const words = fold(search.trim()).split(/\s+/).filter(Boolean);
    return (staff ?? []).filter((s) => {
      if (role && !s.roles.includes(role as StaffRole)) return false;
      const hay = fold(`${s.fullName} ${s.position} ${s.subjects.join(' ')} ${s.phone ?? ''}`);
      return words.every((w) => hay.includes(w));
    });
  }, [staff, search, role]);
  const { sorted, sort, toggle } = useSort(
    filtered,
    { name: (s) => s.fullName, position: (s) => s.position, roles: (s) => s.roles.map((r) => ROLES.indexOf(r)).sort().join(','), subjects: (s) => s.subjects.join(', '), rate: (s) => s.rateHours },
    { key: 'name', desc: false },
  );

  const remove = (s: Staff) =>
    ask(`сотрудника ${declineFullName(s.fullName, 'accusative', s.gender)}`, async () => {
      await change('staff.remove', { id: s.id });
      setEditing(null);
    });

  const columns: Column<Staff>[] = [
    { key: 'name', title: 'ФИО', width: 'minmax(180px, 2fr)', sortable: true, render: (s) => <Text size="sm" fw={500} truncate title={s.fullName}>{s.fullName}</Text> },
    { key: 'position', title: 'Должность', width: 'minmax(140px, 1.2fr)', sortable: true, render: (s) => <Text size="sm" truncate title={s.position}>{s.position}</Text> },
    {
      key: 'roles',
      title: 'Роли',
      width: 'minmax(130px, 0.8fr)',
      sortable: true,
      // Badges wrap onto a second line (the row grows) rather than being cut.
      render: (s) => (
        <Group gap={4} wrap="wrap">
          {s.roles.map((r) => (
            <Badge key={r} size="sm" variant="light" color={ROLE_COLORS[r]} tt="none" fw={600} title={r === 'deputy' && s.deputyGrades.length ? `${ROLE_LABELS[r]}: ${gradeRanges(s.deputyGrades)} классы` : ROLE_LABELS[r]}>
              {SHORT_ROLE[r]}
              {r === 'deputy' && s.deputyGrades.length ? ` ${gradeRanges(s.deputyGrades)}` : ''}
            </Badge>
          ))}
        </Group>
      ),
    },
    { key: 'subjects', title: 'Предметы', width: 'minmax(130px, 1fr)', sortable: true, render: (s) => <Text size="sm" c="dimmed" truncate title={s.subjects.join(', ')}>{s.subjects.join(', ')}</Text> },
    { key: 'rate', title: 'Ставка, ч', width: '120px', sortable: true, align: 'right', render: (s) => <span className="tnum">{s.rateHours ? String(s.rateHours).replace('.', ',') : ''}</span> },
    { key: 'phone', title: 'Телефон', width: '164px', render: (s) => <span className="tnum" style={{ whiteSpace: 'nowrap' }}>{s.phone ?? ''}</span> },
  ];

  if (!staff) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs">
        <Group gap="xs" wrap="nowrap">
          <SearchInput value={search} onChange={setSearch} w={inWizard ? 200 : 220} placeholder="ФИО, должность, предмет" data-testid="staff-search" />
          <Select
            placeholder="Все роли"
            data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={role}
            onChange={setRole}
            clearable
            allowDeselect
            w={160}
            data-testid="staff-role-filter"
          />
        </Group>
        <Group gap="xs" wrap="nowrap">
          {readOnly ? null : (
          <Button variant="default" component="a" href="#/import/staff" leftSection={<IconFileImport size={16} />} data-testid="staff-import-link">
            Загрузить из Excel
          </Button>
          )}
          {!inWizard ? <ExportButton list="staff" /> : null}
          {readOnly ? null : (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="staff-add">
              Добавить сотрудника
            </Button>
          )}
        </Group>
      </Group>
      <VirtualTable
        columns={columns}
        rowCount={sorted.length}
        getRow={(i) => sorted[i]}
        getRowKey={(s) => s.id}
        height={inWizard ? 440 : 'calc(100vh - 250px)'}
        sort={sort}
        onSort={toggle}
        onRowClick={(s) => setEditing(s)}
        dynamicHeight
        testId="staff-table"
        empty={
          staff.length === 0 ? (
            <EmptyState
              icon={<IconIdBadge2 size={28} />}
              withIndicatorBackground
              title="Сотрудников пока нет"
              description="Добавьте сотрудников по одному или загрузите список из Excel (ФИО, должность, предметы, ставка)."
            />
          ) : (
            <Text ta="center" c="dimmed" size="sm">
              Никого не найдено
            </Text>
          )
        }
      />
      <Text size="xs" c="dimmed" data-testid="staff-count">
        {filtered.length === staff.length ? countOf(staff.length, 'сотрудник', 'сотрудника', 'сотрудников') : `Найдено ${filtered.length} из ${staff.length}`}
      </Text>
      <StaffModal
        opened={editing !== null}
        staff={editing === 'new' ? null : editing}
        subjects={subjects}
        onClose={() => setEditing(null)}
        onDelete={remove}
        onSaved={(s) => {
          setEditing(null);
          notifyOk(`${s.fullName} — сохранено`);
        }}
      />
      {confirmModal}
    </Stack>
  );
}
