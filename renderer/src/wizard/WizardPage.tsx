import { useRef, useState, type ComponentType } from 'react';
import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCheck } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { go } from '../app/useHashRoute';
import { Checklist } from '../components/Checklist';
import type { EditorProps, StepHandle } from '../components/stepHandle';
import { SchoolForm } from '../setup/school/SchoolForm';
import { YearEditor } from '../setup/year/YearEditor';
import { BellsEditor } from '../setup/bells/BellsEditor';
import { SubjectsEditor } from '../setup/subjects/SubjectsEditor';
import { StaffList } from '../setup/staff/StaffList';
import { ClassesEditor } from '../setup/classes/ClassesEditor';
import { CurriculumEditor } from '../setup/curriculum/CurriculumEditor';
import { StudentsStep } from './StudentsStep';
import type { ChecklistItem } from '../../../electron/api/types';
import css from './Wizard.module.css';

interface Step {
  key: ChecklistItem['key'];
  name: string;
  label: string;
  title: string;
  hint: string;
  Editor: ComponentType<EditorProps>;
  /** The step has a form that «Далее» saves (others save every change at once). */
  saves?: boolean;
}

export const STEPS: Step[] = [
  { key: 'school', name: 'school', label: 'Школа', title: 'Сведения о школе', hint: 'Полное наименование печатается в заголовке всех документов; краткое — в программе.', Editor: SchoolForm, saves: true },
  {
    key: 'year',
    name: 'year',
    label: 'Учебный год',
    title: 'Учебный год и периоды',
    hint: 'Даты года, четвертей (1–9 классы) и полугодий (10–11 классы), каникулы — по приказу о календарном учебном графике.',
    Editor: YearEditor,
    saves: true,
  },
  { key: 'bells', name: 'bells', label: 'Звонки', title: 'Расписание звонков', hint: 'Время начала и окончания уроков для каждой смены.', Editor: BellsEditor, saves: true },
  {
    key: 'subjects',
    name: 'subjects',
    label: 'Предметы',
    title: 'Предметы',
    hint: 'Начните со стандартного перечня по ФГОС, затем уберите лишнее. «Без аттестации» — предметы без отметок за период.',
    Editor: SubjectsEditor,
  },
  {
    key: 'staff',
    name: 'staff',
    label: 'Сотрудники',
    title: 'Сотрудники',
    hint: 'Учителя и администрация с ролями: от ролей зависит, кто за что отвечает. Большой список удобнее загрузить из Excel.',
    Editor: StaffList,
  },
  {
    key: 'classes',
    name: 'classes',
    label: 'Классы',
    title: 'Классы и классные руководители',
    hint: 'Создайте параллели целиком, затем назначьте каждому классу классного руководителя и кабинет.',
    Editor: ClassesEditor,
  },
  {
    key: 'curriculum',
    name: 'curriculum',
    label: 'Учебный план',
    title: 'Учебный план',
    hint: 'Часы в неделю по предметам для каждого класса. Итог по классу не должен превышать допустимую недельную нагрузку.',
    Editor: CurriculumEditor,
    saves: true,
  },
  { key: 'students', name: 'students', label: 'Ученики', title: 'Ученики', hint: 'Загрузите контингент из Excel — с родителями и законными представителями.', Editor: StudentsStep },
];

/** The setup wizard: eight steps from an empty database to a ready school, with the checklist beside. */
export function WizardPage({ step }: { step?: string }) {
  const { checklist, refresh } = useAppState();
  const firstOpen = STEPS.findIndex((s) => !checklist.find((c) => c.key === s.key)?.done);
  const requested = Number(step);
  const n = Number.isInteger(requested) && requested >= 1 && requested <= STEPS.length ? requested : firstOpen >= 0 ? firstOpen + 1 : 1;
  const current = STEPS[n - 1]!;
  const handle = useRef<StepHandle>(null);
  const [busy, setBusy] = useState(false);

  const next = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const ok = (await handle.current?.save()) ?? true;
      if (!ok) return;
      await refresh();
      // Saved: the step's guard may not have seen it yet, so go on without asking.
      if (n < STEPS.length) go(`/wizard/${n + 1}`, { force: true });
      else go('/', { force: true });
    } finally {
      setBusy(false);
    }
  };
  const Editor = current.Editor;

  return (
    <Stack gap="md" data-testid="wizard">
      <Paper p="md">
        <Stepper
          active={n - 1}
          onStepClick={(i) => go(`/wizard/${i + 1}`)}
          size="sm"
          iconSize={24}
          allowNextStepsSelect
          wrap={false}
          // Compact, so that the eight steps fit a 1280 px wide window (issue 8).
          styles={{ separator: { marginInline: 4, minWidth: 6 }, stepBody: { marginInlineStart: 6 }, stepLabel: { whiteSpace: 'nowrap' }, step: { cursor: 'pointer' } }}
        >
          {STEPS.map((s, i) => {
            const done = checklist.find((c) => c.key === s.key)?.done;
            return (
              <Stepper.Step
                key={s.key}
                label={s.label}
                color={done ? 'teal' : undefined}
                icon={done ? <IconCheck size={16} color="var(--mantine-color-teal-7)" /> : undefined}
                completedIcon={done ? <IconCheck size={16} /> : <Text size="sm">{i + 1}</Text>}
                data-testid={`wizard-nav-${i + 1}`}
              />
            );
          })}
        </Stepper>
      </Paper>
      <div className={css.layout}>
        <div>
          <Stack gap="md" data-testid={`wizard-step-${n}`} data-step-name={current.name}>
            <div>
              <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                Шаг {n} из {STEPS.length}
              </Text>
              <Title order={2} fz={22}>
                {current.title}
              </Title>
              <Text size="sm" c="dimmed">
                {current.hint}
              </Text>
            </div>
            <Editor key={n} handleRef={handle} inWizard onSubmitted={() => void next()} />
            <Group justify="space-between" mt="xs">
              <Button variant="default" leftSection={<IconArrowLeft size={16} />} disabled={n === 1} onClick={() => go(`/wizard/${n - 1}`)} data-testid="wizard-back">
                Назад
              </Button>
              {n < STEPS.length ? (
                <Button rightSection={<IconArrowRight size={16} />} loading={busy} onClick={() => void next()} data-testid="wizard-next">
                  {current.saves ? 'Сохранить и далее' : 'Далее'}
                </Button>
              ) : (
                <Button color="teal" rightSection={<IconCheck size={16} />} loading={busy} onClick={() => void next()} data-testid="wizard-finish">
                  Готово
                </Button>
              )}
            </Group>
          </Stack>
        </div>
        <div>
          <Paper p="md" className={css.aside} data-testid="wizard-checklist">
            <Checklist items={checklist} activeKey={current.key} onPick={(k) => go(`/wizard/${STEPS.findIndex((s) => s.key === k) + 1}`)} />
          </Paper>
        </div>
      </div>
    </Stack>
  );
}
