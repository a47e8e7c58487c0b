import { ReadOnlyFieldset, useReadOnly } from '../../app/access';
import { useEffect, useRef, useState } from 'react';
import { Autocomplete, Button, Checkbox, Divider, Group, Modal, MultiSelect, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Input } from '@mantine/core';
import { useGuardedClose } from '../../app/unsaved';
import { NumberField } from '../../components/NumberField';
import { focusFirstError } from '../../components/focusError';
import { checkNumber, hasErrors, HOURS, MAX, missing, numberText, sameData, tooLong, type FieldErrors, type NumberRule } from '../../lib/checks';
import { IconTrash, IconUserCircle } from '@tabler/icons-react';
import { useAppState } from '../../app/AppState';
import { ROLE_LABELS as APP_ROLE_LABELS } from '../../../../electron/api/roles';
import { AppError, call } from '../../api';
import { useAction } from '../../data/useAction';
import type { OpInput } from '../../../../electron/api/contract';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { parseRuDate, ruDate } from '../../lib/dates';
import { fieldError, problemsOf, withoutField } from '../../lib/errors';
import { GENDER_OPTIONS, GRADES, POSITIONS, ROLE_LABELS, ROLES, gradeRanges } from '../../lib/labels';
import type { Gender, Staff, StaffRole } from '../../../../electron/api/types';

interface Form {
  lastName: string;
  firstName: string;
  middleName: string;
  position: string;
  roles: StaffRole[];
  deputyGrades: string[];
  subjects: string[];
  /** As typed: «18», «18,5». */
  rateHours: string;
  birth: string;
  gender: Gender | '';
  snils: string;
  phone: string;
  email: string;
}

const FIELD_NAMES: Partial<Record<keyof Form, string[]>> = {
  lastName: ['Фамилия'],
  firstName: ['Имя'],
  middleName: ['Отчество'],
  position: ['Должность'],
  birth: ['birthDate', 'Дата рождения'],
  snils: ['СНИЛС'],
  phone: ['Телефон'],
  email: ['E-mail'],
  rateHours: ['rateHours'],
};

function fromStaff(s: Staff | null): Form {
  return {
    lastName: s?.lastName ?? '',
    firstName: s?.firstName ?? '',
    middleName: s?.middleName ?? '',
    position: s?.position ?? '',
    roles: s?.roles ?? [],
    deputyGrades: (s?.deputyGrades ?? []).map(String),
    subjects: s?.subjects ?? [],
    rateHours: numberText(s?.rateHours ?? 18),
    birth: ruDate(s?.birthDate),
    gender: s?.gender ?? '',
    snils: s?.snils ?? '',
    phone: s?.phone ?? '',
    email: s?.email ?? '',
  };
}

function rolesForPosition(position: string): StaffRole[] {
  const p = position.toLowerCase();
  if (p.startsWith('директор')) return ['director'];
  if (p.startsWith('заместитель директора')) return ['deputy'];
  if (p.includes('системный администратор')) return ['sysadmin'];
  if (p.startsWith('секретар') || p.startsWith('делопроизвод')) return ['secretary'];
  if (p.startsWith('учитель') || p.startsWith('педагог')) return ['teacher'];
  return [];
}

/** Teaching hours a week of one full rate (ставка): 0–60, one decimal. */
export const STAFF_RATE: NumberRule = { min: 0, max: 60, step: 0.1, unit: HOURS };
/** «Вход в программу»: the person's account and its role, the card's «Роль в программе». */
function StaffAccountInfo({ staff }: { staff: Staff | null }) {
  const { access } = useAppState();
  const a = staff?.account;
  const canManage = access('users') === 'change';
  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="staff-account">
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <IconUserCircle size={22} stroke={1.5} color="var(--mantine-color-gray-6)" style={{ flexShrink: 0 }} />
          {a ? (
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text size="sm">
                Роль в программе:{' '}
                <Text span fw={600} data-testid="staff-account-role">
                  {APP_ROLE_LABELS[a.role]}
                </Text>
                {a.role === 'deputy' && staff!.deputyGrades.length ? `, параллели ${gradeRanges(staff!.deputyGrades)}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {a.login ? `Учётная запись «${a.login}»` : 'Есть учётная запись'}
                {a.disabled ? ' — отключена' : ' — активна'}
              </Text>
            </Stack>
          ) : (
            <Text size="sm" c="dimmed" data-testid="staff-account-none">
              {staff ? 'Нет учётной записи: сотрудник не входит в программу.' : 'Учётную запись можно создать после сохранения сотрудника.'}
            </Text>
          )}
        </Group>
        {staff && canManage ? (
          a ? (
            <Button component="a" href="#/admin/users" variant="subtle" size="compact-sm" data-testid="staff-account-open">
              Пользователи
            </Button>
          ) : (
            <Button component="a" href={`#/admin/users?staff=${staff.id}`} variant="light" size="compact-sm" data-testid="staff-account-create">
              Создать учётную запись
            </Button>
          )
        ) : null}
      </Group>
    </Paper>
  );
}

export function StaffModal(props: { staff: Staff | null; opened: boolean; subjects: string[]; onClose: () => void; onSaved: (s: Staff) => void; onDelete?: (s: Staff) => void }) {
  const [f, setF] = useState<Form>(() => fromStaff(null));
  const [initial, setInitial] = useState<Form>(f);
  const [tried, setTried] = useState(false);
  const saving = useAction((input: OpInput<'staff.save'>) => call('staff.save', input), { onSuccess: (s) => props.onSaved(s) });
  const { busy, error, setError } = saving;
  useEffect(() => {
    if (props.opened) {
      const start = fromStaff(props.staff);
      setF(start);
      setInitial(start);
      setTried(false);
      setError(null);
    }
  }, [props.opened, props.staff]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setF((x) => ({ ...x, [k]: v }));
    setError((e: unknown) => withoutField(e, k, ...(FIELD_NAMES[k] ?? [])));
  };
  const p = problemsOf(error);
  // Checked while typing (too long, a wrong number); empty required fields on «Сохранить».
  const req = (text: string, label: string) => (tried ? missing(text, label) : undefined);
  const local: FieldErrors = {
    lastName: tooLong(f.lastName, MAX.namePart, 'Фамилия') ?? req(f.lastName, 'Фамилия'),
    firstName: tooLong(f.firstName, MAX.namePart, 'Имя') ?? req(f.firstName, 'Имя'),
    middleName: tooLong(f.middleName, MAX.namePart, 'Отчество'),
    position: tooLong(f.position, MAX.title, 'Должность') ?? req(f.position, 'Должность'),
    snils: tooLong(f.snils, MAX.snils, 'СНИЛС'),
    phone: tooLong(f.phone, MAX.phone, 'Телефон'),
    email: tooLong(f.email, MAX.email, 'Электронная почта'),
  };
  const rate = checkNumber(f.rateHours, STAFF_RATE);
  const modalRef = useRef<HTMLFormElement>(null);

  const submit = async (): Promise<boolean> => {
    setTried(true);
    const birth = parseRuDate(f.birth);
    const all: FieldErrors = {
      ...local,
      lastName: local.lastName ?? missing(f.lastName, 'Фамилия'),
      firstName: local.firstName ?? missing(f.firstName, 'Имя'),
      position: local.position ?? missing(f.position, 'Должность'),
      rateHours: rate.ok ? undefined : rate.error,
    };
    if (!birth.ok) setError(new AppError('validation', birth.error, [{ column: 'birthDate', message: birth.error }]));
    if (hasErrors(all) || !birth.ok || !rate.ok) return focusFirstError(modalRef.current);
    return saving.run({
        id: props.staff?.id ?? null,
        lastName: f.lastName,
        firstName: f.firstName,
        middleName: f.middleName,
        birthDate: birth.iso,
        gender: f.gender || null,
        snils: f.snils,
        phone: f.phone,
        email: f.email,
        position: f.position,
        roles: f.roles,
        deputyGrades: f.roles.includes('deputy') ? f.deputyGrades.map(Number) : [],
        subjects: f.subjects,
        rateHours: rate.value ?? 0,
    });
  };

  const subjectOptions = [...new Set([...props.subjects, ...f.subjects])];
  const readOnly = useReadOnly();
  const close = useGuardedClose({ opened: props.opened, dirty: !readOnly && !sameData(f, initial), onClose: props.onClose, save: submit });
  return (
    <Modal opened={props.opened} onClose={close} title={props.staff ? props.staff.fullName : 'Новый сотрудник'} size="xl" data-testid="staff-modal">
      <form
        ref={modalRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <ReadOnlyFieldset>
          <Stack gap="sm">
          <SimpleGrid cols={3} spacing="sm">
            <TextInput label="Фамилия" withAsterisk value={f.lastName} onChange={(e) => set('lastName', e.currentTarget.value)} error={local.lastName ?? fieldError(p, 'lastName', 'Фамилия')} data-autofocus data-testid="staff-lastName" />
            <TextInput label="Имя" withAsterisk value={f.firstName} onChange={(e) => set('firstName', e.currentTarget.value)} error={local.firstName ?? fieldError(p, 'firstName', 'Имя')} data-testid="staff-firstName" />
            <TextInput label="Отчество" value={f.middleName} onChange={(e) => set('middleName', e.currentTarget.value)} error={local.middleName ?? fieldError(p, 'middleName', 'Отчество')} data-testid="staff-middleName" />
          </SimpleGrid>
          <SimpleGrid cols={3} spacing="sm">
            <Autocomplete
              label="Должность"
              withAsterisk
              data={POSITIONS}
              value={f.position}
              onChange={(v) => {
                setF((x) => ({ ...x, position: v, roles: x.roles.length ? x.roles : rolesForPosition(v) }));
              }}
              error={local.position ?? fieldError(p, 'position', 'Должность')}
              style={{ gridColumn: 'span 2' }}
              data-testid="staff-position"
            />
            <NumberField label="Ставка, часов в неделю" value={f.rateHours} onChange={(t) => set('rateHours', t)} rule={STAFF_RATE} error={tried && !rate.ok ? rate.error : fieldError(p, 'rateHours')} data-testid="staff-rate" />
          </SimpleGrid>

          <Input.Wrapper label="Обязанности в школе" description="Кем сотрудник работает в школе; что он может в программе, решает его учётная запись (ниже)" error={fieldError(p, 'roles', 'Роли')}>
            <Checkbox.Group value={f.roles} onChange={(v) => set('roles', v as StaffRole[])} mt={8}>
              <SimpleGrid cols={3} spacing="xs" verticalSpacing={8}>
                {ROLES.map((r) => {
                  // The account's role is one of the card's duties (accounts.ts): it goes with the account's role.
                  const held = props.staff?.account?.role === r;
                  return (
                    <Checkbox
                      key={r}
                      value={r}
                      label={ROLE_LABELS[r]}
                      disabled={held}
                      title={held ? 'Роль учётной записи сотрудника: её меняют в разделе «Пользователи»' : undefined}
                      data-testid={`staff-role-${r}`}
                    />
                  );
                })}
              </SimpleGrid>
            </Checkbox.Group>
          </Input.Wrapper>
          <StaffAccountInfo staff={props.staff} />
          {f.roles.includes('deputy') ? (
            <MultiSelect
              label="Параллели заместителя директора"
              description="Учебный план, подгруппы, группы и нагрузку этих параллелей заместитель директора изменяет в программе"
              data={GRADES.map((g) => ({ value: String(g), label: `${g} классы` }))}
              value={f.deputyGrades}
              onChange={(v) => set('deputyGrades', v.sort((a, b) => Number(a) - Number(b)))}
              placeholder={f.deputyGrades.length ? undefined : 'Выберите параллели'}
              clearable
              data-testid="staff-deputy-grades"
            />
          ) : null}
          <MultiSelect
            label="Предметы"
            description={props.subjects.length ? 'Что сотрудник может преподавать' : 'Сначала добавьте предметы (Настройка → Предметы)'}
            data={subjectOptions}
            value={f.subjects}
            onChange={(v) => set('subjects', v)}
            searchable
            clearable
            nothingFoundMessage="Нет такого предмета"
            placeholder={f.subjects.length ? undefined : 'Выберите предметы'}
            data-testid="staff-subjects"
          />
          <Divider label="Личные данные" labelPosition="left" mt="xs" />
          <SimpleGrid cols={3} spacing="sm">
            <DateField label="Дата рождения" value={f.birth} onChange={(t) => set('birth', t)} error={fieldError(p, 'birthDate', 'Дата рождения')} />
            <Input.Wrapper label="Пол">
              <SegmentedControl
                fullWidth
                mt={1}
                value={f.gender || 'none'}
                onChange={(v) => set('gender', v === 'none' ? '' : (v as Gender))}
                data={[
                  { value: 'none', label: '—' },
                  ...GENDER_OPTIONS,
                ]}
              />
            </Input.Wrapper>
            <TextInput label="СНИЛС" placeholder="000-000-000 00" value={f.snils} onChange={(e) => set('snils', e.currentTarget.value)} error={local.snils ?? fieldError(p, 'snils', 'СНИЛС')} data-testid="staff-snils" />
            <TextInput label="Телефон" placeholder="+7 (___) ___-__-__" value={f.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={local.phone ?? fieldError(p, 'phone', 'Телефон')} />
            <TextInput label="Электронная почта" value={f.email} onChange={(e) => set('email', e.currentTarget.value)} error={local.email ?? fieldError(p, 'email', 'E-mail')} style={{ gridColumn: 'span 2' }} />
          </SimpleGrid>
          </Stack>
          </ReadOnlyFieldset>
          {error && !fieldError(p, 'roles', 'Роли') ? <ErrorAlert error={error} /> : null}
          {readOnly ? (
            <Group justify="flex-end" mt="sm">
              <Button variant="default" onClick={close}>
                Закрыть
              </Button>
            </Group>
          ) : (
          <Group justify="space-between" mt="sm">
            {props.staff && props.onDelete ? (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => props.onDelete!(props.staff!)}>
                Удалить
              </Button>
            ) : (
              <Text size="xs" c="dimmed">
                Поля со звёздочкой обязательны
              </Text>
            )}
            <Group gap="xs">
              <Button variant="default" onClick={close} data-testid="staff-cancel">
                Отмена
              </Button>
              <Button type="submit" loading={busy} data-testid="staff-save">
                Сохранить
              </Button>
            </Group>
          </Group>
          )}
        </Stack>
      </form>
    </Modal>
  );
}
