import { ReadOnlyFieldset, useReadOnly } from '../app/access';
import { StudentOrders } from '../orders/OrdersPage';
import { useRef, useState } from 'react';
import { useGuardedClose } from '../app/unsaved';
import { focusFirstError } from '../components/focusError';
import { Button, Divider, Drawer, Group, Loader, Select, SimpleGrid, Stack, Text, TextInput, Title, Input, SegmentedControl } from '@mantine/core';
import { IconDeviceFloppy, IconNotebook, IconPlus, IconTrash } from '@tabler/icons-react';
import { useAppState } from '../app/AppState';
import { StudentMarksModal } from '../journal/StudentMarksModal';
import { AppError, call } from '../api';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { parseRuDate, ruDate } from '../lib/dates';
import { fieldError, problemsOf, withoutField, type Problem } from '../lib/errors';
import { declineFullName, genderOfName } from '../../../electron/api/declension';
import { notifyOk } from '../lib/notify';
import type { Gender, SchoolClass, StudentDetails } from '../../../electron/api/types';
import { GENDER_OPTIONS } from '../lib/labels';
import { useOp } from '../data/useOp';
import { useDraft } from '../data/useDraft';
import { useAction } from '../data/useAction';
import { change } from '../data/change';
import { DraftChangedNotice } from '../data/DraftChangedNotice';
import { FIELD_NAMES, fromDetails, gkey, lengthProblems, requiredProblems, splitName, whose, type Form, type GuardianForm } from './studentForm';
import { GuardianCard, guardianProblems } from './GuardianCard';

const nameOf = (s: { lastName: string; firstName: string; middleName: string | null }) => [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');

/**
 * The student card: personal data, class, parents and legal representatives. The card is read
 * by a query and copied into the form once (useDraft): a change saved elsewhere meanwhile shows in a
 * card without edits, and is announced over one with unsaved edits.
 */
export function StudentDrawer(props: { id: string | 'new' | null; classes: SchoolClass[]; defaultClassId: string | null; onClose: () => void }) {
  const opened = props.id !== null;
  const existing = props.id !== null && props.id !== 'new' ? props.id : null;
  const readOnly = useReadOnly();
  const card = useOp('students.get', { id: existing ?? '' }, { enabled: existing !== null });
  // A new card starts from the defaults (null details); an existing one from the query.
  const source: StudentDetails | null | undefined = props.id === 'new' ? null : existing ? card.data : undefined;
  const d = useDraft<StudentDetails | null, Form | null>(source, (s) => fromDetails(s, props.defaultClassId), null, { resetKey: props.id });
  const form = d.draft;
  const title = props.id === 'new' ? 'Новый ученик' : card.data ? nameOf(card.data) : '';
  const loadError = existing ? card.error : null;
  const [ask, confirmModal] = useConfirmDelete();
  // Issue 10: the student's marks from the central journal (read-only), for roles that view the journal.
  const { access } = useAppState();
  const [marksOf, setMarksOf] = useState<string | null>(null);
  const action = useAction(
    (input: Parameters<typeof call<'students.save'>>[1]) => call('students.save', input),
    {
      success: (saved) => ({ title: 'Ученик', message: `${nameOf(saved)} — сохранено` }),
      onSuccess: () => props.onClose(),
    },
  );
  const { error, setError } = action;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    d.setDraft((f) => (f ? { ...f, [k]: v } : f));
    setError((e: unknown) => withoutField(e, k, ...(FIELD_NAMES[k] ?? [])));
  };
  // Issue 9: a new class is entered on a day — the move's (перевод) or the enrollment's; today unless changed.
  const classMoves = !!form && (props.id === 'new' ? form.classId !== null : form.classId !== (card.data?.classId ?? null));
  const classFromLabel = props.id === 'new' ? 'Дата зачисления в класс' : 'Дата перевода';
  /** Since when the student is in the stored class (the open membership's first day). */
  const since = props.id === 'new' ? null : (card.data?.classSince ?? null);
  const setG = (i: number, patch: Partial<GuardianForm>) => d.setDraft((f) => (f ? { ...f, guardians: f.guardians.map((g, j) => (j === i ? { ...g, ...patch } : g)) } : f));
  const drawerRef = useRef<HTMLFormElement>(null);

  const save = async (): Promise<boolean> => {
    if (!form || props.id === null) return false;
    const local: Problem[] = [...lengthProblems(form), ...requiredProblems(form)];
    const birth = parseRuDate(form.birth, { required: true });
    if (!birth.ok) local.push({ column: 'birthDate', message: `Дата рождения: ${birth.error}` });
    const from = classMoves ? parseRuDate(form.classFrom, { required: true }) : null;
    if (from && !from.ok) local.push({ column: 'classFrom', message: `${classFromLabel}: ${from.error}` });
    const consents = form.guardians.map((g, i) => {
      const c = parseRuDate(g.consent);
      if (!c.ok) local.push({ column: `guardians.${i}.pdConsentDate`, message: `Дата согласия на обработку ПДн у ${whose(g, i)}: ${c.error}` });
      return c.ok ? c.iso : null;
    });
    if (local.length) {
      setError(new AppError('validation', local[0]!.message, local));
      return focusFirstError(drawerRef.current);
    }
    return action.run({
      id: props.id === 'new' ? null : props.id,
      lastName: form.lastName,
      firstName: form.firstName,
      middleName: form.middleName,
      birthDate: birth.ok ? birth.iso ?? '' : '',
      gender: form.gender || null,
      snils: form.snils,
      classId: form.classId,
      classFrom: from?.ok ? from.iso ?? undefined : undefined,
      address: form.address,
      personalFileNo: form.personalFileNo,
      guardians: form.guardians.map((g, i) => ({
        id: g.id,
        lastName: g.lastName,
        firstName: g.firstName,
        middleName: g.middleName,
        relation: g.relation,
        phone: g.phone,
        email: g.email,
        pdConsentDate: consents[i] ?? null,
        eServiceRefused: g.refused,
      })),
    });
  };
  const close = useGuardedClose({ opened, dirty: !readOnly && d.dirty, onClose: props.onClose, save });

  const live = form ? lengthProblems(form) : [];
  const p = [...live, ...problemsOf(error).filter((x) => !live.some((l) => l.column === x.column))];
  const classOptions = props.classes.map((c) => ({ value: c.id, label: c.name }));
  return (
    <Drawer
      opened={opened}
      onClose={close}
      position="right"
      size={760}
      title={
        <Group gap="md" wrap="nowrap">
          <Title order={3} fz={20}>
            {form ? title || 'Ученик' : 'Ученик'}
          </Title>
          {existing && access('journal') !== 'none' ? (
            <Button size="xs" variant="light" leftSection={<IconNotebook size={14} />} onClick={() => setMarksOf(existing)} data-testid="student-marks-open">
              Оценки
            </Button>
          ) : null}
        </Group>
      }
      data-testid="student-drawer"
    >
      <StudentMarksModal studentId={marksOf} onClose={() => setMarksOf(null)} />
      {loadError ? <ErrorAlert error={loadError} title="Не удалось открыть" /> : null}
      <DraftChangedNotice show={d.changedBehind && !readOnly} />
      {!form && !loadError ? <Loader size="sm" /> : null}
      {form ? (
        <form
          ref={drawerRef}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="sm">
            <ReadOnlyFieldset>
            <Stack gap="sm">
            <SimpleGrid cols={3} spacing="sm">
              <TextInput label="Фамилия" withAsterisk value={form.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={fieldError(p, 'lastName', 'Фамилия')} data-testid="student-lastName" data-autofocus />
              <TextInput label="Имя" withAsterisk value={form.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={fieldError(p, 'firstName', 'Имя')} data-testid="student-firstName" />
              <TextInput label="Отчество" value={form.middleName} onChange={(e) => set('middleName', e.currentTarget.value)} error={fieldError(p, 'middleName', 'Отчество')} data-testid="student-middleName" />
              <DateField label="Дата рождения" withAsterisk value={form.birth} onChange={(t) => set('birth', t)} error={fieldError(p, 'birthDate', 'Дата рождения')} data-testid="student-birthDate" />
              <Input.Wrapper label="Пол">
                <SegmentedControl
                  fullWidth
                  value={form.gender || 'none'}
                  onChange={(v) => set('gender', v === 'none' ? '' : (v as Gender))}
                  data={[
                    { value: 'none', label: '—' },
                    ...GENDER_OPTIONS,
                  ]}
                />
              </Input.Wrapper>
              <Select
                label="Класс"
                data={classOptions}
                value={form.classId}
                onChange={(v) => set('classId', v)}
                searchable
                clearable
                allowDeselect
                placeholder="Не зачислен в класс"
                description={since && !classMoves ? `В классе с ${ruDate(since)}` : undefined}
                nothingFoundMessage="Нет такого класса"
                error={fieldError(p, 'classId', 'Класс')}
                data-testid="student-class"
              />
              <TextInput label="СНИЛС" placeholder="000-000-000 00" value={form.snils} onChange={(e) => set('snils', e.currentTarget.value)} error={fieldError(p, 'snils', 'СНИЛС')} data-testid="student-snils" />
              <TextInput label="№ личного дела" value={form.personalFileNo} onChange={(e) => set('personalFileNo', e.currentTarget.value)} error={fieldError(p, 'personalFileNo')} data-testid="student-personalFileNo" />
              {classMoves ? (
                <DateField
                  label={classFromLabel}
                  withAsterisk
                  value={form.classFrom}
                  onChange={(t) => set('classFrom', t)}
                  error={fieldError(p, 'classFrom')}
                  data-testid="student-classFrom"
                />
              ) : (
                <div />
              )}
              <TextInput label="Адрес" value={form.address} onChange={(e) => set('address', e.currentTarget.value)} error={fieldError(p, 'address', 'Адрес')} data-testid="student-address" style={{ gridColumn: 'span 3' }} />
            </SimpleGrid>

            <Divider mt="xs" />
            <Group justify="space-between">
              <Title order={4} fz={16}>
                Родители и законные представители
              </Title>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                data-testid="guardian-add"
                onClick={() =>
                  set('guardians', [
                    ...form.guardians,
                    // Nothing is guessed: who the person is and their surname are for the secretary to say.
                    { key: gkey(), id: null, lastName: '', firstName: '', middleName: '', relation: '', phone: '', email: '', consent: '', refused: false },
                  ])
                }
              >
                Добавить представителя
              </Button>
            </Group>
            {form.guardians.length === 0 ? (
              <Text size="sm" c="dimmed">
                Представители не указаны.
              </Text>
            ) : null}
            {form.guardians.map((g, i) => (
              <GuardianCard
                key={g.key}
                form={form}
                g={g}
                i={i}
                problems={guardianProblems(p, i)}
                onChange={(patch) => setG(i, patch)}
                onRemove={() => set('guardians', form.guardians.filter((_, j) => j !== i))}
              />
            ))}
            </Stack>
            </ReadOnlyFieldset>

            {props.id && props.id !== 'new' ? <StudentOrders studentId={props.id} /> : null}
            {error ? <ErrorAlert error={error} /> : null}
            {readOnly ? (
              <Group justify="flex-end" mt="sm">
                <Button variant="default" onClick={close}>
                  Закрыть
                </Button>
              </Group>
            ) : (
            <Group
              justify="space-between"
              mt="sm"
              py="sm"
              style={{ position: 'sticky', bottom: 0, background: 'var(--mantine-color-white)', borderTop: '1px solid var(--mantine-color-gray-2)', zIndex: 5 }}
            >
              {props.id !== 'new' && props.id ? (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={16} />}
                  data-testid="student-delete"
                  onClick={() =>
                    ask(`${form.gender === 'f' ? 'ученицу' : 'ученика'} ${declineFullName(title, 'accusative', form.gender || null)}`, async () => {
                      await change('students.remove', { id: props.id as string });
                      notifyOk(`${title} — ${(form.gender || genderOfName(splitName(title))) === 'f' ? 'удалена' : 'удалён'} из списка учеников`);
                      props.onClose();
                    })
                  }
                >
                  Удалить
                </Button>
              ) : (
                <span />
              )}
              <Group gap="xs">
                <Button variant="default" onClick={close} data-testid="student-cancel">
                  Отмена
                </Button>
                <Button type="submit" loading={action.busy} leftSection={<IconDeviceFloppy size={16} />} data-testid="student-save">
                  Сохранить
                </Button>
              </Group>
            </Group>
            )}
          </Stack>
        </form>
      ) : null}
      {confirmModal}
    </Drawer>
  );
}
