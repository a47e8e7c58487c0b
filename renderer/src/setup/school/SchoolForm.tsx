import { useImperativeHandle } from 'react';
import { Loader, Paper, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { call } from '../../api';
import { useOp } from '../../data/useOp';
import { useDraft } from '../../data/useDraft';
import { useAction } from '../../data/useAction';
import { DraftChangedNotice } from '../../data/DraftChangedNotice';
import type { OpInput } from '../../../../electron/api/contract';
import { useAppState } from '../../app/AppState';
import { ReadOnlyFieldset, useReadOnly } from '../../app/access';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { EditorProps } from '../../components/stepHandle';
import { fieldError, problemsOf, withoutField } from '../../lib/errors';
import { hasErrors, MAX, tooLong, type FieldErrors } from '../../lib/checks';
import { SaveBar } from '../../components/SaveBar';
import { focusFirstError } from '../../components/focusError';
import { useUnsavedGuard } from '../../app/unsaved';
import type { School, Staff } from '../../../../electron/api/types';

const NO_STAFF: Staff[] = [];

interface Form {
  fullName: string;
  shortName: string;
  inn: string;
  address: string;
  phone: string;
  email: string;
  directorId: string | null;
}
const LABELS: Record<keyof Form, string> = {
  fullName: 'Полное наименование',
  shortName: 'Краткое наименование',
  inn: 'ИНН',
  address: 'Адрес',
  phone: 'Телефон',
  email: 'E-mail',
  directorId: 'Директор',
};
const EMPTY: Form = { fullName: '', shortName: '', inn: '', address: '', phone: '', email: '', directorId: null };

/** Сведения об организации: names, ИНН, contacts, director. */
export function SchoolForm({ handleRef, inWizard, onSubmitted }: EditorProps) {
  const { info } = useAppState();
  const readOnly = useReadOnly();
  const schoolQ = useOp('school.get');
  // The list of directors to choose from; the form works without it (a new school has no staff).
  const staffQ = useOp('staff.list', {});
  const staff = staffQ.data ?? NO_STAFF;
  /** The stored values, copied once: the form is a draft until «Сохранить» (dirty while it differs). */
  const d = useDraft<School | null, Form>(
    schoolQ.data,
    (s) => (s ? { fullName: s.fullName, shortName: s.shortName, inn: s.inn ?? '', address: s.address ?? '', phone: s.phone ?? '', email: s.email ?? '', directorId: s.directorId } : EMPTY),
    EMPTY,
  );
  const form = d.draft;
  const setForm = d.setDraft;
  const loaded = d.loaded;
  const saveAction = useAction(
    (input: OpInput<'school.save'>) => (info?.hasSchool ? call('school.save', input) : call('app.createSchool', input)),
    { success: inWizard ? undefined : 'Сведения о школе сохранены', onSuccess: () => d.saved(form) },
  );
  const saving = saveAction.busy;
  const error = saveAction.error ?? schoolQ.error ?? staffQ.error;
  const setError = saveAction.setError;

  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setForm((f) => ({ ...f, [k]: v }));
    setError((e: unknown) => withoutField(e, k, LABELS[k]));
  };

  // Checked while typing; a save is refused (nothing reaches the core) while any fails.
  const local: FieldErrors = {
    fullName: tooLong(form.fullName, MAX.schoolFullName, LABELS.fullName),
    shortName: tooLong(form.shortName, MAX.schoolShortName, LABELS.shortName),
    address: tooLong(form.address, MAX.address, LABELS.address),
    phone: tooLong(form.phone, MAX.phone, LABELS.phone),
    email: tooLong(form.email, MAX.email, LABELS.email),
  };
  const dirty = d.dirty;

  const save = async (): Promise<boolean> => {
    if (hasErrors(local)) return focusFirstError(document.querySelector('[data-testid="school-form"]'));
    return saveAction.run({ ...form, inn: form.inn.replace(/\s/g, '') || null });
  };
  const discard = () => {
    d.discard();
    setError(null);
  };
  useImperativeHandle(handleRef, () => ({ save }));
  useUnsavedGuard(dirty && !readOnly, { save, discard });

  if (!loaded && !error) return <Loader size="sm" />;
  const p = problemsOf(error);
  const directors = staff.filter((s) => s.roles.includes('director'));
  const directorOptions = (directors.length ? directors : staff).map((s) => ({ value: s.id, label: s.fullName }));

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save().then((ok) => ok && onSubmitted?.());
      }}
      data-testid="school-form"
    >
      <DraftChangedNotice show={d.changedBehind && !readOnly} />
      <Paper p="lg">
        <ReadOnlyFieldset>
        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          <Textarea
            label="Полное наименование"
            description="Как в уставе: оно печатается в заголовке всех документов"
            withAsterisk
            autosize
            minRows={2}
            maxRows={6}
            style={{ gridColumn: 'span 2' }}
            value={form.fullName}
            onChange={(e) => set('fullName', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            error={local.fullName ?? fieldError(p, 'fullName', 'Полное наименование')}
            data-testid="school-fullName"
            data-autofocus
          />
          <TextInput
            label="Краткое наименование"
            description="Для заголовка программы и списков"
            withAsterisk
            value={form.shortName}
            onChange={(e) => set('shortName', e.currentTarget.value)}
            error={local.shortName ?? fieldError(p, 'shortName', 'Краткое наименование')}
            data-testid="school-shortName"
          />
          <TextInput
            label="ИНН"
            description="10 цифр для организации"
            value={form.inn}
            inputMode="numeric"
            onChange={(e) => set('inn', e.currentTarget.value)}
            error={fieldError(p, 'inn', 'ИНН')}
            data-testid="school-inn"
          />
          <TextInput
            label="Адрес"
            style={{ gridColumn: 'span 2' }}
            value={form.address}
            onChange={(e) => set('address', e.currentTarget.value)}
            error={local.address ?? fieldError(p, 'address', 'Адрес')}
            data-testid="school-address"
          />
          <TextInput
            label="Телефон"
            placeholder="+7 (___) ___-__-__"
            value={form.phone}
            onChange={(e) => set('phone', e.currentTarget.value)}
            error={local.phone ?? fieldError(p, 'phone', 'Телефон')}
            data-testid="school-phone"
          />
          <TextInput
            label="Электронная почта"
            placeholder="school@example.ru"
            value={form.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={local.email ?? fieldError(p, 'email', 'E-mail')}
            data-testid="school-email"
          />
          <Select
            label="Директор"
            placeholder={staff.length ? 'Выберите сотрудника' : 'Сначала добавьте сотрудников'}
            description="Подписывает документы"
            data={directorOptions}
            value={form.directorId}
            onChange={(v) => set('directorId', v)}
            searchable
            clearable
            allowDeselect
            disabled={!staff.length}
            nothingFoundMessage="Никого не найдено"
            error={fieldError(p, 'directorId', 'Директор')}
          />
        </SimpleGrid>
        </ReadOnlyFieldset>
        {error ? (
          <div style={{ marginTop: 16 }}>
            <ErrorAlert error={error} />
          </div>
        ) : null}
        {inWizard ? <button type="submit" hidden /> : null}
      </Paper>
      {readOnly ? null : <SaveBar dirty={dirty} saving={saving} onDiscard={discard} submit={!inWizard} testId="school" />}
    </form>
  );
}
