import { ReadOnlyFieldset, useReadOnly } from '../app/access';
import { useEffect, useRef, useState } from 'react';
import { useGuardedClose } from '../app/unsaved';
import { focusFirstError } from '../components/focusError';
import { MAX, missing, sameData, tooLong } from '../lib/checks';
import { ActionIcon, Autocomplete, Button, Checkbox, Divider, Drawer, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, TextInput, Title, Tooltip, Input, SegmentedControl } from '@mantine/core';
import { IconDeviceFloppy, IconPlus, IconTrash, IconUserMinus } from '@tabler/icons-react';
import { AppError, call } from '../api';
import { DateField } from '../components/DateField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useConfirmDelete } from '../components/ConfirmDelete';
import { parseRuDate, ruDate, todayIso } from '../lib/dates';
import { fieldError, problemsOf, withoutField, type Problem } from '../lib/errors';
import { GENDER_OPTIONS, RELATIONS } from '../lib/labels';
import { declineFullName, declineName, genderOfName, relationGender, surnameFits } from '../../../electron/api/declension';
import { notifyOk } from '../lib/notify';
import type { Gender, SchoolClass, StudentDetails } from '../../../electron/api/types';

interface GuardianForm {
  key: string;
  id: string | null;
  lastName: string;
  firstName: string;
  middleName: string;
  relation: string;
  phone: string;
  email: string;
  consent: string;
  refused: boolean;
}
interface Form {
  lastName: string;
  firstName: string;
  middleName: string;
  birth: string;
  gender: Gender | '';
  snils: string;
  classId: string | null;
  /** The day of the move or of enrollment (ДД.ММ.ГГГГ), asked when the class changes (issue 9). */
  classFrom: string;
  address: string;
  personalFileNo: string;
  guardians: GuardianForm[];
}
const FIELD_NAMES: Partial<Record<keyof Form, string[]>> = {
  lastName: ['Фамилия'],
  firstName: ['Имя'],
  middleName: ['Отчество'],
  birth: ['birthDate', 'Дата рождения'],
  snils: ['СНИЛС'],
  classId: ['Класс'],
  classFrom: ['classFrom'],
  address: ['Адрес'],
  personalFileNo: ['personalFileNo'],
};
let seq = 0;
const gkey = () => `g${++seq}`;

const splitName = (full: string) => {
  const [lastName = '', firstName = '', ...rest] = full.trim().split(/\s+/);
  return { lastName, firstName, middleName: rest.join(' ') || null };
};

/** «у Ивановой Анны Петровны»; «у представителя № 2» while the name is not written yet. */
function whose(g: GuardianForm, i: number): string {
  return g.lastName.trim() && g.firstName.trim() ? declineName(g, 'genitive') : `представителя № ${i + 1}`;
}

/**
 * The student's surname for a parent whose relation says a man or a woman, when that form of the
 * surname fits them (lvovich: «Абрамов» fits a father, not a mother; «Ковальчук» fits both);
 * otherwise nothing: a surname is never guessed into a wrong gender.
 */
function familySurname(form: Form, relation: string): string {
  const g = relationGender(relation);
  const surname = form.lastName.trim();
  return g && surname && surnameFits(surname, g) ? surname : '';
}

function fromDetails(s: StudentDetails | null, classId: string | null): Form {
  return {
    lastName: s?.lastName ?? '',
    firstName: s?.firstName ?? '',
    middleName: s?.middleName ?? '',
    birth: ruDate(s?.birthDate),
    gender: s?.gender ?? '',
    snils: s?.snils ?? '',
    classId: s ? s.classId : classId,
    classFrom: ruDate(todayIso()),
    address: s?.address ?? '',
    personalFileNo: s?.personalFileNo ?? '',
    guardians: (s?.guardians ?? []).map((g) => ({
      key: gkey(),
      id: g.id,
      lastName: g.lastName,
      firstName: g.firstName,
      middleName: g.middleName ?? '',
      relation: g.relation,
      phone: g.phone ?? '',
      email: g.email ?? '',
      consent: ruDate(g.pdConsentDate),
      refused: g.eServiceRefused,
    })),
  };
}

/** The student card: personal data, class, parents and legal representatives. */
export function StudentDrawer(props: { id: string | 'new' | null; classes: SchoolClass[]; defaultClassId: string | null; onClose: () => void; onChanged: () => void }) {
  const opened = props.id !== null;
  const readOnly = useReadOnly();
  const [form, setForm] = useState<Form | null>(null);
  /** The card as loaded: the drawer asks before closing while the form differs from it. */
  const [initial, setInitial] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [title, setTitle] = useState('');
  /** Since when the student is in the stored class (the open membership's first day). */
  const [since, setSince] = useState<string | null>(null);
  const [ask, confirmModal] = useConfirmDelete();

  useEffect(() => {
    setError(null);
    setLoadError(null);
    if (props.id === null) return;
    if (props.id === 'new') {
      const f = fromDetails(null, props.defaultClassId);
      setForm(f);
      setInitial(f);
      setTitle('Новый ученик');
      setSince(null);
      return;
    }
    setForm(null);
    call('students.get', { id: props.id })
      .then((s) => {
        const f = fromDetails(s, null);
        setForm(f);
        setInitial(f);
        setTitle([s.lastName, s.firstName, s.middleName].filter(Boolean).join(' '));
        setSince(s.classSince);
      })
      .catch(setLoadError);
  }, [props.id, props.defaultClassId]);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => (f ? { ...f, [k]: v } : f));
    setError((e: unknown) => withoutField(e, k, ...(FIELD_NAMES[k] ?? [])));
  };
  // Issue 9: a new class is entered on a day — the move's (перевод) or the enrollment's; today unless changed.
  const classMoves = !!form && (props.id === 'new' ? form.classId !== null : form.classId !== initial?.classId);
  const classFromLabel = props.id === 'new' ? 'Дата зачисления в класс' : 'Дата перевода';
  const setG = (i: number, patch: Partial<GuardianForm>) => setForm((f) => (f ? { ...f, guardians: f.guardians.map((g, j) => (j === i ? { ...g, ...patch } : g)) } : f));

  // Too long texts are named while typing; empty required fields on «Сохранить».
  const lengthProblems = (f: Form): Problem[] => {
    const out: Problem[] = [];
    const put = (column: string, m: string | undefined) => m && out.push({ column, message: m });
    put('lastName', tooLong(f.lastName, MAX.namePart, 'Фамилия'));
    put('firstName', tooLong(f.firstName, MAX.namePart, 'Имя'));
    put('middleName', tooLong(f.middleName, MAX.namePart, 'Отчество'));
    put('snils', tooLong(f.snils, MAX.snils, 'СНИЛС'));
    put('personalFileNo', tooLong(f.personalFileNo, MAX.personalFileNo, '№ личного дела'));
    put('address', tooLong(f.address, MAX.address, 'Адрес'));
    f.guardians.forEach((g, i) => {
      put(`guardians.${i}.lastName`, tooLong(g.lastName, MAX.namePart, 'Фамилия'));
      put(`guardians.${i}.firstName`, tooLong(g.firstName, MAX.namePart, 'Имя'));
      put(`guardians.${i}.middleName`, tooLong(g.middleName, MAX.namePart, 'Отчество'));
      put(`guardians.${i}.relation`, tooLong(g.relation, MAX.relation, 'Кем приходится'));
      put(`guardians.${i}.phone`, tooLong(g.phone, MAX.phone, 'Телефон'));
      put(`guardians.${i}.email`, tooLong(g.email, MAX.email, 'E-mail'));
    });
    return out;
  };
  const requiredProblems = (f: Form): Problem[] => {
    const out: Problem[] = [];
    const put = (column: string, m: string | undefined) => m && out.push({ column, message: m });
    put('lastName', missing(f.lastName, 'Фамилия'));
    put('firstName', missing(f.firstName, 'Имя'));
    f.guardians.forEach((g, i) => {
      put(`guardians.${i}.lastName`, missing(g.lastName, 'Фамилия'));
      put(`guardians.${i}.firstName`, missing(g.firstName, 'Имя'));
      put(`guardians.${i}.relation`, missing(g.relation, 'Кем приходится'));
    });
    return out;
  };
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
    setSaving(true);
    try {
      const saved = await call('students.save', {
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
      notifyOk(`${[saved.lastName, saved.firstName, saved.middleName].filter(Boolean).join(' ')} — сохранено`, 'Ученик');
      props.onChanged();
      props.onClose();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setSaving(false);
    }
  };
  const close = useGuardedClose({ opened, dirty: !readOnly && !!form && !!initial && !sameData(form, initial), onClose: props.onClose, save });

  const live = form ? lengthProblems(form) : [];
  const p = [...live, ...problemsOf(error).filter((x) => !live.some((l) => l.column === x.column))];
  const gProblems = (i: number) => p.filter((x) => x.column?.startsWith(`guardians.${i}.`) || x.column?.startsWith(`Представитель ${i + 1}:`));
  const gErr = (list: Problem[], field: string, label: string) => list.find((x) => x.column?.endsWith(`.${field}`) || x.column?.endsWith(`: ${label}`))?.message;
  const classOptions = props.classes.map((c) => ({ value: c.id, label: c.name }));

  return (
    <Drawer
      opened={opened}
      onClose={close}
      position="right"
      size={760}
      title={
        <Title order={3} fz={20}>
          {form ? title || 'Ученик' : 'Ученик'}
        </Title>
      }
      data-testid="student-drawer"
    >
      {loadError ? <ErrorAlert error={loadError} title="Не удалось открыть" /> : null}
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
            {form.guardians.map((g, i) => {
              const gp = gProblems(i);
              return (
                <Paper key={g.key} p="sm" bg={gp.length ? 'red.0' : 'gray.0'} data-testid={`guardian-${i}`}>
                  <SimpleGrid cols={3} spacing="xs" verticalSpacing={6}>
                    <TextInput size="xs" label="Фамилия" withAsterisk value={g.lastName} onChange={(e) => setG(i, { lastName: e.currentTarget.value })} error={gErr(gp, 'lastName', 'Фамилия')} data-testid={`guardian-${i}-lastName`} />
                    <TextInput size="xs" label="Имя" withAsterisk value={g.firstName} onChange={(e) => setG(i, { firstName: e.currentTarget.value })} error={gErr(gp, 'firstName', 'Имя')} />
                    <TextInput size="xs" label="Отчество" value={g.middleName} onChange={(e) => setG(i, { middleName: e.currentTarget.value })} error={gErr(gp, 'middleName', 'Отчество')} />
                    <Autocomplete
                      size="xs"
                      label="Кем приходится"
                      withAsterisk
                      data={RELATIONS}
                      value={g.relation}
                      onChange={(v) => setG(i, { relation: v, lastName: g.lastName || familySurname(form, v) })}
                      error={gErr(gp, 'relation', 'Кем приходится')}
                      data-testid={`guardian-${i}-relation`}
                    />
                    <TextInput size="xs" label="Телефон" value={g.phone} onChange={(e) => setG(i, { phone: e.currentTarget.value })} error={gErr(gp, 'phone', 'Телефон')} data-testid={`guardian-${i}-phone`} />
                    <TextInput size="xs" label="E-mail" value={g.email} onChange={(e) => setG(i, { email: e.currentTarget.value })} error={gErr(gp, 'email', 'E-mail')} data-testid={`guardian-${i}-email`} />
                    <DateField compact size="xs" label="Согласие на обработку ПДн" value={g.consent} onChange={(t) => setG(i, { consent: t })} error={gErr(gp, 'pdConsentDate', 'Согласие')} />
                    <Checkbox
                      mt={22}
                      size="xs"
                      label="Отказ от электронного дневника"
                      checked={g.refused}
                      onChange={(e) => setG(i, { refused: e.currentTarget.checked })}
                      data-testid={`guardian-${i}-refused`}
                    />
                    <Group justify="flex-end" align="flex-end">
                      <Tooltip label="Убрать представителя">
                        <ActionIcon variant="subtle" color="gray" onClick={() => set('guardians', form.guardians.filter((_, j) => j !== i))} aria-label="Убрать представителя">
                          <IconUserMinus size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </SimpleGrid>
                  {g.refused ? (
                    <Text size="xs" c="dimmed" mt={4}>
                      Родителю печатается выписка успеваемости не реже раза в две недели.
                    </Text>
                  ) : null}
                </Paper>
              );
            })}
            </Stack>
            </ReadOnlyFieldset>

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
                      await call('students.remove', { id: props.id as string });
                      notifyOk(`${title} — ${(form.gender || genderOfName(splitName(title))) === 'f' ? 'удалена' : 'удалён'} из списка учеников`);
                      props.onChanged();
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
                <Button type="submit" loading={saving} leftSection={<IconDeviceFloppy size={16} />} data-testid="student-save">
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
