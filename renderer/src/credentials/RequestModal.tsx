// «Запросить учётные данные» for a student not asked for yet (e.g. enrolled before this feature).
import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { call } from '../api';
import { useAction } from '../data/useAction';
import { useOp } from '../data/useOp';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { fieldError, problemsOf } from '../lib/errors';
import { countOf, ruDate, todayIso } from '../lib/dates';
import { isoDates } from '../lib/dateFields';
import { AppError } from '../api';

export function RequestModal({ onClose }: { onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [studentId, setStudentId] = useState<string | null>(null);
  const [date, setDate] = useState(ruDate(todayIso()));
  const studentsQ = useOp('students.list', { search: search.slice(0, 200), limit: 50 }, { keepPrevious: true });
  const request = useAction(
    async () => {
      const [arrivedOn] = isoDates([{ column: 'arrivedOn', label: 'Дата прибытия', text: date }]);
      if (!studentId) throw new AppError('validation', 'Поле «Ученик» не заполнено', [{ column: 'studentId', message: 'Поле «Ученик» не заполнено' }]);
      return call('credentials.request', { studentId, arrivedOn: arrivedOn! });
    },
    {
      success: (r) => ({
        title: 'Учётные данные запрошены',
        message: `${countOf(r.made, 'запрос', 'запроса', 'запросов')}, срок выдачи до ${ruDate(r.dueOn)}${r.refused ? `; ${countOf(r.refused, 'родитель отказался', 'родителя отказались', 'родителей отказались')} от электронного сервиса` : ''}`,
      }),
      onSuccess: onClose,
    },
  );
  const problems = problemsOf(request.error);
  const options = (studentsQ.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.fullName}${s.className ? `, ${s.className}` : ''}` }));
  return (
    <Modal opened onClose={onClose} title="Запросить учётные данные" size="md">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Для ученика и каждого родителя, не отказавшегося от электронного сервиса. Запрос уйдёт в центральную систему при синхронизации; срок выдачи — 10 рабочих дней со дня прибытия.
        </Text>
        <Select
          label="Ученик"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options }) => options}
          data={options}
          value={studentId}
          onChange={setStudentId}
          nothingFoundMessage="Никого не нашли"
          error={fieldError(problems, 'studentId')}
          data-testid="request-student"
        />
        <DateField label="Дата прибытия" value={date} onChange={setDate} error={fieldError(problems, 'arrivedOn')} data-testid="request-date" />
        {request.error && !problems.every((x) => ['studentId', 'arrivedOn'].includes(x.column ?? '')) ? <ErrorAlert error={request.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={request.busy} onClick={() => void request.run()} data-testid="request-save">
            Запросить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
