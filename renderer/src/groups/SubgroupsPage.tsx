import { useState } from 'react';
import { Button, Select, Stack, Tabs, Text } from '@mantine/core';
import { IconWand } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { call } from '../api';
import { useReadOnly } from '../app/access';
import { useOwnParallels } from '../app/parallels';
import { go } from '../app/useHashRoute';
import { PageHeader } from '../components/PageHeader';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../data/useAction';
import { useRefs } from './shared';
import { RuleCard } from './RuleCard';
import { ClassView } from './subgroups/ClassView';
import { PendingPanel } from './subgroups/PendingPanel';

/** «Подгруппы»: new students without a subgroup, a class's divisions, the rule of division. */
export function SubgroupsPage({ classId }: { classId?: string }) {
  const refs = useRefs();
  const ro = useReadOnly();
  const own = useOwnParallels();
  const [tab, setTab] = useState<string | null>('classes');
  // Once opened, the rule's card stays mounted: its unsaved edits survive a look at the other tab.
  const [ruleOpened, setRuleOpened] = useState(false);
  const classOptions = refs.classes.map((c) => ({ value: c.id, label: `${c.name} (${c.studentCount})` }));
  const splitAll = useAction(() => call('subgroups.splitAllEligible', { replace: false }), {
    notify: 'Не разделено',
    onSuccess: (r) =>
      void notifications.show({
        color: 'teal',
        title: 'Классы разделены по правилу',
        message: `Разделено: ${r.divided}, уже были разделены: ${r.kept}, классов затронуто: ${r.classes}`,
        autoClose: 8000,
      }),
  });
  return (
    <Stack gap="md">
      <PageHeader
        title="Подгруппы"
        description="Деление классов на подгруппы по предметам: состав, учителя, новые ученики."
        actions={
          ro ? null : (
            <Button leftSection={<IconWand size={16} />} loading={splitAll.busy} onClick={() => void splitAll.run()} data-testid="split-all">
              {own.grades ? 'Разделить классы своих параллелей по правилу' : 'Разделить все классы по правилу'}
            </Button>
          )
        }
      />
      <ErrorAlert error={refs.error} title="Не загружено" />
      <PendingPanel />
      <Tabs
        value={tab}
        onChange={(v) => {
          setTab(v);
          if (v === 'rule') setRuleOpened(true);
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="classes">Подгруппы класса</Tabs.Tab>
          <Tabs.Tab value="rule" data-testid="tab-rule">
            Правило деления
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="classes" pt="md">
          <Stack gap="md">
            <Select
              label="Класс"
              placeholder="Выберите класс"
              searchable
              data={classOptions}
              value={classId ?? null}
              onChange={(v) => go(v ? `/subgroups/${v}` : '/subgroups')}
              maw={320}
              nothingFoundMessage="Нет такого класса"
              data-testid="sg-class"
            />
            {classId ? <ClassView classId={classId} refs={refs} /> : <Text c="dimmed">Выберите класс, чтобы увидеть его подгруппы.</Text>}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="rule" pt="md">
          {tab === 'rule' || ruleOpened ? <RuleCard subjects={refs.subjects} /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

