// «Внести запись» and «Исправить» of the register of paper copies (issue 14 point 4): a new entry —
// from a printed copy (its class, period and sheets filled in) or by hand — or a correction: a new
// entry with the corrected values naming the entry it corrects, and the reason. The messages stand
// next to their fields; a bad date is refused before anything is sent, and again by the core.
import { useMemo, useState } from 'react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { AppError, call } from '../../api';
import { useAction } from '../../data/useAction';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError, problemsOf } from '../../lib/errors';
import { ruDate, ruDateTime } from '../../lib/dates';
import { isoDates } from '../../lib/dateFields';
import type { RegisterEntry, RegisterOptions } from '../../../../electron/api/paperRegister';

const FIELDS = ['receivedOn', 'copyId', 'classId', 'periodId', 'sheets', 'handedBy', 'receivedBy', 'note', 'correctsId'];

export function EntryModal({ options, corrects, onClose }: { options: RegisterOptions; corrects: RegisterEntry | null; onClose: () => void }) {
  const [copyId, setCopyId] = useState<string | null>(corrects?.copyId ?? null);
  const [date, setDate] = useState(corrects ? ruDate(corrects.receivedOn) : ruDate(options.today));
  const [classId, setClassId] = useState<string | null>(corrects?.classId ?? null);
  const [periodId, setPeriodId] = useState<string | null>(corrects?.periodId ?? null);
  const [sheets, setSheets] = useState(corrects ? String(corrects.sheets) : '');
  const [handedBy, setHandedBy] = useState(corrects?.handedBy ?? '');
  const [receivedBy, setReceivedBy] = useState(corrects?.receivedBy ?? options.receivedBy);
  const [note, setNote] = useState('');
  const copy = options.copies.find((c) => c.id === copyId) ?? null;
  const grade = options.classes.find((c) => c.id === (copy?.classId ?? classId))?.grade ?? null;
  const periods = useMemo(() => options.periods.filter((p) => grade === null || (grade >= p.gradeFrom && grade <= p.gradeTo)), [options.periods, grade]);

  const pickCopy = (id: string | null) => {
    setCopyId(id);
    const c = options.copies.find((x) => x.id === id);
    if (c) {
      setClassId(c.classId);
      setPeriodId(c.periodId);
      setSheets(String(c.sheets));
    }
  };

  const save = useAction(
    async () => {
      const [receivedOn] = isoDates([{ column: 'receivedOn', label: 'Дата приёма', text: date }]);
      const n = sheets.trim();
      if (n && !/^\d+$/.test(n)) throw new AppError('validation', 'Поле «Листов»: нужно целое число', [{ column: 'sheets', message: 'Поле «Листов»: нужно целое число' }]);
      const input = {
        receivedOn: receivedOn!,
        copyId,
        classId,
        periodId,
        sheets: n ? Number(n) : null,
        handedBy,
        receivedBy,
        note,
      };
      return corrects ? call('paper.registerCorrect', { ...input, correctsId: corrects.id }) : call('paper.registerAdd', input);
    },
    { success: (e) => (corrects ? `Внесена запись № ${e.number}, исправляющая запись № ${corrects.number}` : `Внесена запись № ${e.number}`), onSuccess: onClose },
  );
  const problems = problemsOf(save.error);
  const err = (name: string) => fieldError(problems, name);

  return (
    <Modal opened onClose={onClose} title={corrects ? `Исправление записи № ${corrects.number}` : 'Новая запись реестра'} size="lg">
      <Stack gap="sm" data-testid="register-entry-form">
        {corrects ? (
          <Alert color="orange" variant="light" py="xs">
            Записи реестра не изменяются: исправление вносится новой записью со ссылкой на запись № {corrects.number} и с причиной исправления.
          </Alert>
        ) : null}
        <Select
          label="Напечатанная копия"
          placeholder="Без копии — заполнить вручную"
          clearable
          searchable
          data={options.copies.map((c) => ({
            value: c.id,
            label: `${c.code}: ${c.className}, ${c.periodName}, листов ${c.sheets} (напечатана ${ruDateTime(c.printedAt)})${c.recordedIn.length ? `, уже в записи № ${c.recordedIn.join(', ')}` : ''}`,
          }))}
          value={copyId}
          onChange={pickCopy}
          error={err('copyId')}
          nothingFoundMessage="Напечатанных копий нет"
          data-testid="register-copy"
        />
        <SimpleGrid cols={3}>
          <DateField label="Дата приёма" withAsterisk value={date} onChange={setDate} error={err('receivedOn')} data-testid="register-date" />
          <Select
            label="Класс"
            withAsterisk
            searchable
            data={options.classes.map((c) => ({ value: c.id, label: c.name }))}
            value={classId}
            onChange={setClassId}
            error={err('classId')}
            data-testid="register-class"
          />
          <Select
            label="Учебный период"
            withAsterisk
            data={periods.map((p) => ({ value: p.id, label: p.name }))}
            value={periodId}
            onChange={setPeriodId}
            error={err('periodId')}
            data-testid="register-period"
          />
        </SimpleGrid>
        <SimpleGrid cols={3}>
          <TextInput label="Листов" withAsterisk inputMode="numeric" value={sheets} onChange={(e) => setSheets(e.currentTarget.value)} error={err('sheets')} data-testid="register-sheets" />
          <TextInput
            label="Сдал (Фамилия И. О.)"
            withAsterisk
            value={handedBy}
            onChange={(e) => setHandedBy(e.currentTarget.value)}
            error={err('handedBy')}
            data-testid="register-handed-by"
          />
          <TextInput
            label="Принял"
            value={receivedBy}
            onChange={(e) => setReceivedBy(e.currentTarget.value)}
            error={err('receivedBy')}
            data-testid="register-received-by"
          />
        </SimpleGrid>
        <Textarea
          label={corrects ? 'Причина исправления' : 'Примечание'}
          withAsterisk={!!corrects}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={err('note')}
          data-testid="register-note"
        />
        {save.error && !problems.every((p) => FIELDS.includes(p.column ?? '')) ? <ErrorAlert error={save.error} /> : null}
        {save.error && problems.some((p) => p.column === 'correctsId') ? <ErrorAlert error={save.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={save.busy} onClick={() => void save.run()} data-testid="register-save">
            {corrects ? 'Внести исправление' : 'Внести запись'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
