// The frame the imports share (students and staff, the enrollment export): the four steps and the
// «done» panel.
import type { ReactNode } from 'react';
import { Button, FileButton, Group, Paper, Stack, Stepper, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconCircleCheck, IconFileUpload, IconListCheck } from '@tabler/icons-react';

/** Файл → Столбцы → Проверка → Готово; an earlier step can be opened again until the file is loaded. */
export function ImportStepper({ step, onStep, descriptions }: { step: number; onStep: (s: number) => void; descriptions: [string, string, string, string] }) {
  return (
    <Paper p="lg">
      <Stepper active={step === 3 ? 4 : step} size="sm" allowNextStepsSelect={false} onStepClick={(s) => s < step && step < 3 && onStep(s)}>
        {['Файл', 'Столбцы', 'Проверка', 'Готово'].map((label, i) => (
          <Stepper.Step key={label} label={label} description={descriptions[i]} />
        ))}
      </Stepper>
    </Paper>
  );
}

/** What the loaded file did, and where to go next. */
export function ImportDone({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper p="xl" data-testid={testId}>
      <Stack align="center" gap="sm" ta="center">
        <ThemeIcon size={64} radius="xl" color="teal" variant="light">
          <IconCircleCheck size={40} stroke={1.5} />
        </ThemeIcon>
        <Title order={3}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** Under the mapping: back to another file, or check the rows (the missing required columns named). */
export function MappingActions({ missing, onBack, onCheck, busy, testId }: { missing: string[]; onBack: () => void; onCheck: () => void; busy: boolean; testId: string }) {
  return (
    <Group justify="space-between">
      <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onBack}>
        Другой файл
      </Button>
      <Tooltip label={`Не выбраны столбцы: ${missing.join(', ')}`} disabled={missing.length === 0}>
        <Button leftSection={<IconListCheck size={16} />} onClick={onCheck} loading={busy} data-testid={testId}>
          Проверить
        </Button>
      </Tooltip>
    </Group>
  );
}

/** Under the check: back to the mapping, or a corrected file (which keeps the mapping when its columns are the same). */
export function RecheckActions({ onMapping, onFile, accept, busy, testIds }: { onMapping: () => void; onFile: (f: File) => void; accept: string; busy: boolean; testIds: { back: string; refile: string; input?: string } }) {
  return (
    <>
      <Button variant="default" leftSection={<IconArrowLeft size={16} />} onClick={onMapping} data-testid={testIds.back}>
        Изменить сопоставление
      </Button>
      <FileButton onChange={(f) => f && onFile(f)} accept={accept} inputProps={testIds.input ? ({ 'data-testid': testIds.input } as React.ComponentProps<'input'>) : undefined}>
        {(props) => (
          <Button {...props} variant="default" leftSection={<IconFileUpload size={16} />} loading={busy} data-testid={testIds.refile}>
            Выбрать исправленный файл
          </Button>
        )}
      </FileButton>
    </>
  );
}
