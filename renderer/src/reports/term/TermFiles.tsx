// The term report's files (issue 13 points 1, 6; R19): «Excel» and «PDF» of the report for the chosen
// period and scope, and for a class the class teacher's report and the preliminary one (a quarter or
// a half-year only: the core refuses the year). Each is a job (progress and «Отменить» in the jobs
// panel); the file made is offered to save.
import { Button, Group, Paper, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconPrinter } from '@tabler/icons-react';
import { call, saveFile } from '../../api';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import type { ExportedFile } from '../../../../electron/api/common';

const MIME = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', pdf: 'application/pdf' };

function useFile(make: (() => Promise<ExportedFile>) | undefined, mime: string) {
  return useAction(
    async () => {
      if (!make) throw new Error('Отчёт ещё не выбран');
      const f = await make();
      await saveFile(f.fileName, f.id, mime);
      return f;
    },
    { invalidates: false, notify: 'Файл не сохранён', success: (f) => ({ title: 'Файл сохранён', message: f.fileName }) },
  );
}

type Make = (() => Promise<ExportedFile>) | undefined;

function FilePair({ makePdf, makeXlsx, testId }: { makePdf: Make; makeXlsx: Make; testId: string }) {
  const pdf = useFile(makePdf, MIME.pdf);
  const xlsx = useFile(makeXlsx, MIME.xlsx);
  const input = makePdf && makeXlsx;
  return (
    <Group gap="xs" wrap="nowrap">
      <Button variant="default" size="xs" leftSection={<IconPrinter size={15} stroke={1.6} />} loading={pdf.busy} disabled={!input} onClick={() => void pdf.run()} data-testid={`${testId}-pdf`}>
        PDF
      </Button>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconFileSpreadsheet size={15} stroke={1.6} color="var(--mantine-color-teal-7)" />}
        loading={xlsx.busy}
        disabled={!input}
        onClick={() => void xlsx.run()}
        data-testid={`${testId}-xlsx`}
      >
        Excel
      </Button>
    </Group>
  );
}

/** The term report's own files, for the page header. */
export function TermFileButtons({ input }: { input: OpInput<'term.report'> | undefined }) {
  return <FilePair makePdf={input && (() => call('term.pdf', input))} makeXlsx={input && (() => call('term.xlsx', input))} testId="term-file" />;
}

/**
 * For a class: the class teacher's report for the period (or the year) and, for a quarter or a
 * half-year, the preliminary report from the current marks (R19).
 */
export function ClassTeacherFiles({ input, quarterOrHalf }: { input: OpInput<'term.report'> | undefined; quarterOrHalf: boolean }) {
  if (!input || input.scope !== 'class' || !input.classId) return null;
  const base: OpInput<'term.classTeacher'> = { ...(input.periodId ? { periodId: input.periodId } : { year: true }), classId: input.classId };
  const pre: OpInput<'term.classTeacher'> = { ...base, preliminary: true };
  return (
    <Paper withBorder radius="md" px="sm" py={8} data-testid="term-class-teacher">
      <Group gap="xl" wrap="wrap">
        <Group gap="sm" wrap="nowrap">
          <Text size="sm" fw={500}>
            Отчёт классного руководителя
          </Text>
          <FilePair makePdf={() => call('term.classTeacherPdf', base)} makeXlsx={() => call('term.classTeacherXlsx', base)} testId="term-ct" />
        </Group>
        {quarterOrHalf ? (
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" fw={500} title="По текущим отметкам: за две недели до конца периода (R19)">
              Предварительный отчёт
            </Text>
            <FilePair makePdf={() => call('term.classTeacherPdf', pre)} makeXlsx={() => call('term.classTeacherXlsx', pre)} testId="term-pre" />
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
