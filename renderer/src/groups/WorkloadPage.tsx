import { useState } from 'react';
import { Badge, Button, Loader, Stack, Tabs } from '@mantine/core';
import { IconFileSpreadsheet, IconPlus, IconWand } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { call, saveFile } from '../api';
import { useReadOnly } from '../app/access';
import { useOwnParallels } from '../app/parallels';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { XLSX, hoursLabel, useRefs } from './shared';
import { TeachersTable } from './workload/TeachersTable';
import { CoverageView } from './workload/CoverageView';
import { AssignmentModal, draftOf, type Draft } from './workload/AssignmentModal';

/** «Тарификация»: the teachers' workload, the coverage of the curriculum by class, assignments. */
export function WorkloadPage({ teacherId, classId }: { teacherId?: string; classId?: string }) {
  const own = useOwnParallels();
  const ro = useReadOnly();
  const [tab, setTab] = useState<string | null>(classId ? 'classes' : 'teachers');
  // Each table as soon as it comes: the teachers' one (the page opens on it) does not wait for the coverage.
  const teachersQ = useOp('workload.byTeacher', {});
  const coverageQ = useOp('workload.byClass', {});
  const teachers = teachersQ.data;
  const coverage = coverageQ.data;
  const error = teachersQ.error ?? coverageQ.error;
  const [draft, setDraft] = useState<Draft | null>(null);
  // After the tables' requests (hooks subscribe in this order): the lists for the form come next.
  const refs = useRefs();
  const exportXlsx = useAction(
    async () => {
      const f = await call('reports.workloadXlsx');
      await saveFile(f.fileName, f.id, XLSX);
      return f;
    },
    { invalidates: false, notify: 'Тарификация не выгружена', success: (f) => ({ title: f.fileName, message: `Выгружено строк: ${f.rows}` }) },
  );
  const fromCurriculum = useAction((cid: string | null) => call('assignments.fromCurriculum', { classId: cid }), {
    notify: 'Не распределено',
    onSuccess: (r) =>
      void notifications.show({
        color: r.unassigned.length ? 'orange' : 'teal',
        title: 'Распределено по учебному плану',
        message: `Назначений: ${r.created}, часов: ${hoursLabel(r.hours)}${r.unassigned.length ? `. Некому вести: ${r.unassigned.map((u) => `${u.label} — ${u.subjectName} (${u.hours} ч)`).slice(0, 5).join('; ')}` : ''}`,
        autoClose: 9000,
      }),
  });
  const fromBusy = fromCurriculum.busy;
  return (
    <Stack gap="md">
      <PageHeader
        title="Тарификация"
        description="Нагрузка учителей по классам и предметам."
        actions={
          <>
            <Button variant="default" leftSection={<IconFileSpreadsheet size={16} color="var(--mantine-color-teal-7)" />} loading={exportXlsx.busy} onClick={() => void exportXlsx.run()} data-testid="workload-xlsx">
              Выгрузить тарификацию (Excel)
            </Button>
            {ro ? null : (
              <>
                <Button variant="default" leftSection={<IconWand size={16} />} loading={fromBusy} onClick={() => void fromCurriculum.run(null)} data-testid="from-curriculum">
                  {own.grades ? 'Распределить по учебному плану своих параллелей' : 'Распределить по учебному плану'}
                </Button>
                <Button
                  leftSection={<IconPlus size={16} />}
                  onClick={() => setDraft({ teacherId: teacherId ?? null, target: 'class', classId: classId ?? null, subjectId: null, subgroupId: null, studyGroupId: null, hours: 1 })}
                  data-testid="assignment-add"
                >
                  Назначить
                </Button>
              </>
            )}
          </>
        }
      />
      <ErrorAlert error={error ?? refs.error} title="Не загружено" />
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="teachers" data-testid="tab-teachers">
            По учителям
          </Tabs.Tab>
          <Tabs.Tab value="classes" data-testid="tab-classes">
            По классам (покрытие плана)
            {coverage ? (
              <Badge ml={6} size="sm" color={coverage.every((c) => c.complete) ? 'teal' : 'red'} variant="light">
                {coverage.filter((c) => !c.complete).length}
              </Badge>
            ) : null}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="teachers" pt="md">
          {teachers ? <TeachersTable rows={teachers} initial={teacherId} onEdit={(a) => setDraft(draftOf(a))} /> : <Loader size="sm" />}
        </Tabs.Panel>
        <Tabs.Panel value="classes" pt="md">
          {coverage ? <CoverageView rows={coverage} initial={classId} busy={fromBusy} onFill={(cid) => void fromCurriculum.run(cid)} /> : <Loader size="sm" />}
        </Tabs.Panel>
      </Tabs>
      {draft ? (
        <AssignmentModal
          draft={draft}
          refs={refs}
          onClose={() => setDraft(null)}
          onSaved={() => setDraft(null)}
        />
      ) : null}
    </Stack>
  );
}

