// An arrival (issue 12 point 3; Порядок перевода № 177): the student's data as the student card has
// it, from which school, into which class, from which date → the student's card (in no class yet)
// and the draft «О зачислении в порядке перевода», opened for signing.
import { useState } from 'react';
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useOp } from '../data/useOp';
import { useAction } from '../data/useAction';
import { change } from '../data/change';
import { fieldError, problemsOf } from '../lib/errors';
import { ruDate, todayIso } from '../lib/dates';
import { isoDates } from '../lib/dateFields';
import { GENDER_LABELS } from '../lib/labels';


/** The problems shown next to a field of the form (the others in the summary). */
const SHOWN_AT_FIELD = /^(schoolFrom|classToId|effectiveDate|date|student\.(lastName|firstName|middleName|birthDate|gender|snils|address))$|^(Фамилия|Имя|Отчество|Дата рождения|СНИЛС|Адрес|Пол|Из какой школы|В класс)$/;

export function ArrivalModal({ opened, onClose, onMade }: { opened: boolean; onClose: () => void; onMade: (orderId: string) => void }) {
  const classes = useOp('classes.list', undefined, { enabled: opened });
  const today = ruDate(todayIso());
  const blank = { lastName: '', firstName: '', middleName: '', birthDate: '', gender: null as 'm' | 'f' | null, snils: '', address: '', schoolFrom: '', classToId: null as string | null, effectiveDate: today, date: today };
  const [f, setF] = useState(blank);
  const set = <K extends keyof typeof blank>(k: K, v: (typeof blank)[K]) => setF((x) => ({ ...x, [k]: v }));
  const make = useAction(
    async () => {
      // Dates typed wrongly are named next to their fields before anything is sent.
      const [birthDate, effectiveDate, date] = isoDates([
        { column: 'student.birthDate', label: 'Дата рождения', text: f.birthDate },
        { column: 'effectiveDate', label: 'С даты', text: f.effectiveDate },
        { column: 'date', label: 'Дата приказа', text: f.date },
      ]);
      return change('orders.arrival', {
        student: { lastName: f.lastName, firstName: f.firstName, middleName: f.middleName || null, birthDate: birthDate!, gender: f.gender, snils: f.snils || null, address: f.address || null, personalFileNo: null, guardians: [] },
        schoolFrom: f.schoolFrom,
        classToId: f.classToId ?? '',
        effectiveDate: effectiveDate!,
        date: date!,
        basis: null,
      });
    },
    { success: 'Проект приказа о зачислении в порядке перевода создан', onSuccess: (o) => (setF(blank), onMade(o.id)) },
  );
  const p = problemsOf(make.error);
  return (
    <Modal opened={opened} onClose={onClose} title="Прибытие ученика из другой школы" size="lg" data-testid="arrival-modal">
      <Stack gap="sm">
        <SimpleGrid cols={3}>
          <TextInput label="Фамилия" withAsterisk value={f.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={fieldError(p, 'student.lastName', 'Фамилия')} data-testid="arrival-lastName" />
          <TextInput label="Имя" withAsterisk value={f.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={fieldError(p, 'student.firstName', 'Имя')} data-testid="arrival-firstName" />
          <TextInput label="Отчество" value={f.middleName} onChange={(e) => set('middleName', e.currentTarget.value)} error={fieldError(p, 'student.middleName', 'Отчество')} data-testid="arrival-middleName" />
          <DateField label="Дата рождения" withAsterisk value={f.birthDate} onChange={(v) => set('birthDate', v)} error={fieldError(p, 'student.birthDate', 'Дата рождения')} data-testid="arrival-birthDate" />
          <Select label="Пол" data={[{ value: 'm', label: GENDER_LABELS.m }, { value: 'f', label: GENDER_LABELS.f }]} value={f.gender} onChange={(v) => set('gender', v as 'm' | 'f' | null)} clearable error={fieldError(p, 'student.gender', 'Пол')} data-testid="arrival-gender" />
          <TextInput label="СНИЛС" placeholder="000-000-000 00" value={f.snils} onChange={(e) => set('snils', e.currentTarget.value)} error={fieldError(p, 'student.snils', 'СНИЛС')} data-testid="arrival-snils" />
        </SimpleGrid>
        <TextInput label="Адрес" value={f.address} onChange={(e) => set('address', e.currentTarget.value)} error={fieldError(p, 'student.address', 'Адрес')} data-testid="arrival-address" />
        <TextInput label="Из какой школы" withAsterisk value={f.schoolFrom} onChange={(e) => set('schoolFrom', e.currentTarget.value)} error={fieldError(p, 'schoolFrom', 'Из какой школы')} data-testid="arrival-schoolFrom" />
        <SimpleGrid cols={3}>
          <Select label="В класс" withAsterisk searchable data={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} value={f.classToId} onChange={(v) => set('classToId', v)} error={fieldError(p, 'classToId', 'В класс')} data-testid="arrival-class" />
          <DateField label="С даты" withAsterisk value={f.effectiveDate} onChange={(v) => set('effectiveDate', v)} error={fieldError(p, 'effectiveDate')} data-testid="arrival-effectiveDate" />
          <DateField label="Дата приказа" withAsterisk value={f.date} onChange={(v) => set('date', v)} error={fieldError(p, 'date')} data-testid="arrival-date" />
        </SimpleGrid>
        {make.error && !p.every((x) => x.column !== undefined && SHOWN_AT_FIELD.test(x.column)) ? <ErrorAlert error={make.error} title="Проект не создан" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Отмена
          </Button>
          <Button loading={make.busy} onClick={() => void make.run()} data-testid="arrival-make">
            Создать проект приказа
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
