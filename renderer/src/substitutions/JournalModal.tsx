// «Журнал замещения уроков» for a month (issue 11 point 4): one teacher or all, PDF or Excel; a job
// of the core, then the file is saved the way every file of the program is (saveFile).
import { useEffect, useMemo, useState } from 'react';
import { Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { call, saveFile } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useAction } from '../data/useAction';
import { useCurrentYear } from '../setup/currentYear';
import { monthLabel, monthsBetween, PDF, useTeachers, XLSX } from './shared';

export function JournalModal({ opened, onClose, date }: { opened: boolean; onClose: () => void; date: string }) {
  const { year } = useCurrentYear();
  const { teachers } = useTeachers();
  const [month, setMonth] = useState(date.slice(0, 7));
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const [format, setFormat] = useState<'pdf' | 'xlsx'>('pdf');
  const months = useMemo(() => {
    const list = year ? monthsBetween(year.startDate, year.endDate) : [];
    if (!list.includes(date.slice(0, 7))) list.push(date.slice(0, 7));
    return list.sort().map((m) => ({ value: m, label: monthLabel(m) }));
  }, [year, date]);
  const teacherOptions = useMemo(() => teachers.map((t) => ({ value: t.id, label: t.fullName })), [teachers]);
  const making = useAction(
    async () => {
      const f = await call('substitutions.journal', { month, teacherId, format });
      await saveFile(f.fileName, f.id, format === 'pdf' ? PDF : XLSX);
      return f;
    },
    { invalidates: false, success: (f) => ({ title: f.fileName, message: 'Журнал замещения уроков сохранён' }), onSuccess: () => onClose() },
  );
  useEffect(() => {
    if (!opened) return;
    setMonth(date.slice(0, 7));
    making.setError(null);
  }, [opened, date]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Modal opened={opened} onClose={onClose} title="Журнал замещения уроков" data-testid="journal-modal">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Для оплаты: дата, урок, класс, предмет, кого заменял, часы, тот же предмет или нет; отмечены отсутствия дольше двух месяцев.
        </Text>
        <Select label="Месяц" data={months} value={month} onChange={(v) => v && setMonth(v)} allowDeselect={false} data-testid="journal-month" />
        <Select
          label="Учитель"
          placeholder="Все учителя"
          data={teacherOptions}
          value={teacherId}
          onChange={setTeacherId}
          searchable
          clearable
          nothingFoundMessage="Никого не найдено"
          data-testid="journal-teacher"
        />
        <div>
          <Text size="sm" fw={500} mb={4}>
            Формат
          </Text>
          <SegmentedControl
            value={format}
            onChange={(v) => setFormat(v as 'pdf' | 'xlsx')}
            data={[
              { value: 'pdf', label: 'PDF' },
              { value: 'xlsx', label: 'Excel' },
            ]}
            data-testid="journal-format"
          />
        </div>
        {making.error ? <ErrorAlert error={making.error} title="Журнал не сформирован" /> : null}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button
            leftSection={format === 'pdf' ? <IconFileTypePdf size={16} /> : <IconFileSpreadsheet size={16} />}
            loading={making.busy}
            onClick={() => void making.run()}
            data-testid="journal-make"
          >
            Сформировать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
