import { useImperativeHandle, useMemo, useState } from 'react';
import { ActionIcon, Button, Group, Loader, Paper, ScrollArea, Stack, Switch, Table, Text } from '@mantine/core';
import { LightTooltip } from '../../components/LightTooltip';
import { LazySelect } from '../../components/LazySelect';
import { IconBooks, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { EmptyState } from '@mantine/core';
import { useReadOnly } from '../../app/access';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useAction } from '../../data/useAction';
import { change } from '../../data/change';
import { opKey, queryClient } from '../../data/client';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EmptyRow } from '../../components/EditorRows';
import { ExportButton } from '../../components/ExportButton';
import { SearchInput } from '../../components/SearchInput';
import { SortTh, useSort } from '../../components/sort';
import type { EditorProps } from '../../components/stepHandle';
import { GRADING_LABELS, GRADING_OPTIONS } from '../../lib/labels';
import { notifyOk } from '../../lib/notify';
import { countOf } from '../../lib/dates';
import { SubjectModal } from './SubjectModal';
import type { Grading, Subject } from '../../../../electron/api/types';
import { ruFold } from '../../../../electron/api/text';

const fold = ruFold;

/** Предметы: the standard list, «Без аттестации», grading schemes; changes in the table are saved at once. */
export function SubjectsEditor({ handleRef, inWizard }: EditorProps) {
  const readOnly = useReadOnly();
  const subjectsQ = useOp('subjects.list');
  const subjects = subjectsQ.data ?? null;
  const error = subjectsQ.error;
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Subject | null | 'new'>(null);
  const [ask, confirmModal] = useConfirmDelete();

  useImperativeHandle(handleRef, () => ({ save: async () => true }));

  const filtered = useMemo(() => {
    const n = fold(search.trim());
    return (subjects ?? []).filter((s) => !n || fold(`${s.name} ${s.shortName}`).includes(n));
  }, [subjects, search]);
  const { sorted, sort, toggle } = useSort(
    filtered,
    { order: (s) => s.sortOrder, name: (s) => s.name, shortName: (s) => s.shortName, grading: (s) => GRADING_LABELS[s.grading], noAttestation: (s) => (s.noAttestation ? 1 : 0) },
    { key: 'order', desc: false },
  );

  // A choice in a row is saved at once: shown at once, put back when the core refuses it.
  const setList = (f: (list: Subject[]) => Subject[]) => queryClient.setQueryData<Subject[]>(opKey('subjects.list'), (l) => l && f(l));
  const patching = useAction(
    async (s: Subject, next: Subject) => {
      setList((list) => list.map((x) => (x.id === s.id ? next : x)));
      try {
        await call('subjects.save', next);
      } catch (e) {
        setList((list) => list.map((x) => (x.id === s.id ? s : x)));
        throw e;
      }
    },
    { notify: 'Не выполнено' },
  );
  const patch = (s: Subject, change: Partial<Pick<Subject, 'grading' | 'noAttestation'>>) => patching.run(s, { ...s, ...change });

  const standard = useAction(() => call('subjects.addStandard'), {
    notify: 'Не выполнено',
    success: (r) => (r.added ? `Добавлено ${countOf(r.added, 'предмет', 'предмета', 'предметов')}` : 'Все предметы стандартного перечня уже есть'),
  });
  const adding = standard.busy;
  const addStandard = standard.run;

  if (!subjects) return error ? <ErrorAlert error={error} title="Не удалось загрузить" /> : <Loader size="sm" />;
  const nextSort = subjects.reduce((m, s) => Math.max(m, s.sortOrder), 0) + 10;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <SearchInput value={search} onChange={setSearch} w={inWizard ? 220 : 320} placeholder="Поиск предмета" data-testid="subjects-search" />
        <Group gap="xs">
          {readOnly ? null : (
          <>
          <Button variant={subjects.length ? 'default' : 'filled'} leftSection={<IconBooks size={16} />} loading={adding} onClick={() => void addStandard()} data-testid="subjects-add-standard">
            Добавить стандартный перечень
          </Button>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="subjects-add">
            Добавить предмет
          </Button>
          </>
          )}
          {!inWizard ? <ExportButton list="subjects" /> : null}
        </Group>
      </Group>
      <Paper p={0}>
        {subjects.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconBooks size={28} />}
            withIndicatorBackground
            title="Предметов пока нет"
            description="Добавьте стандартный перечень по ФГОС (25 предметов) — затем уберите лишние и добавьте свои."
          />
        ) : (
          <ScrollArea.Autosize mah={inWizard ? 'calc(100vh - 450px)' : 'calc(100vh - 230px)'}>
            <Table striped highlightOnHover stickyHeader verticalSpacing={6} data-testid="subjects-table">
              <Table.Thead>
                <Table.Tr>
                  <SortTh label="№" k="order" sort={sort} onSort={toggle} w={60} />
                  <SortTh label="Название" k="name" sort={sort} onSort={toggle} />
                  <SortTh label="Краткое" k="shortName" sort={sort} onSort={toggle} w={inWizard ? 120 : 150} />
                  <SortTh label="Оценивание" k="grading" sort={sort} onSort={toggle} w={inWizard ? 170 : 190} />
                  <SortTh label="Без аттестации" k="noAttestation" sort={sort} onSort={toggle} w={140} style={{ whiteSpace: 'nowrap' }} />
                  {readOnly ? null : <Table.Th w={76} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sorted.map((s, i) => (
                  <Table.Tr key={s.id} data-testid="subject-row">
                    <Table.Td c="dimmed" className="tnum">
                      {i + 1}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {s.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed">
                        {s.shortName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <LazySelect size="xs" readOnly={readOnly} data={GRADING_OPTIONS} value={s.grading} onChange={(v) => v && void patch(s, { grading: v as Grading })} aria-label={`Оценивание: ${s.name}`} />
                    </Table.Td>
                    <Table.Td>
                      <Switch disabled={readOnly} checked={s.noAttestation} onChange={(e) => void patch(s, { noAttestation: e.currentTarget.checked })} aria-label={`Без аттестации: ${s.name}`} />
                    </Table.Td>
                    {readOnly ? null : (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <LightTooltip label="Изменить">
                          <ActionIcon variant="subtle" color="gray" onClick={() => setEditing(s)} aria-label="Изменить">
                            <IconPencil size={16} />
                          </ActionIcon>
                        </LightTooltip>
                        <LightTooltip label="Удалить">
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            aria-label="Удалить"
                            onClick={() =>
                              ask(`предмет «${s.name}»`, async () => {
                                await change('subjects.remove', { id: s.id });
                              })
                            }
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </LightTooltip>
                      </Group>
                    </Table.Td>
                    )}
                  </Table.Tr>
                ))}
                {sorted.length === 0 ? (
                  <EmptyRow colSpan={6}>
                    Ничего не найдено по запросу «{search}»
                  </EmptyRow>
                ) : null}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
      </Paper>
      <Text size="xs" c="dimmed">
        {countOf(subjects.length, 'предмет', 'предмета', 'предметов')}.{readOnly ? '' : ' Оценивание и «Без аттестации» сохраняются сразу.'}
      </Text>
      <SubjectModal
        opened={editing !== null}
        subject={editing === 'new' ? null : editing}
        nextSort={nextSort}
        onClose={() => setEditing(null)}
        onSaved={(s) => {
          setEditing(null);
          notifyOk(`Предмет «${s.name}» сохранён`);
        }}
      />
      {confirmModal}
    </Stack>
  );
}
