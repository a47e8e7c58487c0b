// One debt: the two retakes (dates typed ДД.ММ.ГГГГ, results from the marks), the commission of the
// second (staff, the chair first), the form of the attestation; the decision when it is not cleared;
// removal of a debt recorded by mistake; the notice and the commission's protocol. Edits not saved
// are guarded (closing the drawer or leaving the page asks first).
import { useRef, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Divider, Drawer, Group, MultiSelect, Select, SimpleGrid, Stack, Text, Textarea, Title, Tooltip } from '@mantine/core';
import { IconArrowBarToUp, IconDeviceFloppy, IconFileTypePdf, IconGavel, IconArrowBackUp, IconTrash } from '@tabler/icons-react';
import { AppError } from '../../api';
import { useGuardedClose } from '../../app/unsaved';
import { useAction } from '../../data/useAction';
import { change } from '../../data/change';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useConfirm } from '../../components/Confirm';
import { useConfirmDelete } from '../../components/ConfirmDelete';
import { focusFirstError } from '../../components/focusError';
import { ruDate } from '../../lib/dates';
import { isoDates } from '../../lib/dateFields';
import { fieldError, problemsOf } from '../../lib/errors';
import { debtDecisions, debtReasons, debtStatuses, markValues, type DebtDecision, type MarkValue } from '../../../../electron/api/enums';
import { COMMISSION_MIN, RETAKE_RESULTS, type DebtList, type DebtRow } from '../../../../electron/api/debts';
import { STATUS_COLOR } from '../DebtsPage';
import { usePdf } from './DebtFiles';

const RESULT_OPTIONS = RETAKE_RESULTS.map((v) => ({ value: v, label: v === 'na' ? 'н/а (не явился)' : markValues.labels[v] }));

type Result = (typeof RETAKE_RESULTS)[number];
const asResult = (v: MarkValue | null): Result | null => (v && (RETAKE_RESULTS as readonly string[]).includes(v) ? (v as Result) : null);

interface Form {
  firstOn: string;
  firstResult: Result | null;
  secondOn: string;
  secondResult: Result | null;
  commission: string[];
  note: string;
}

const formOf = (d: DebtRow): Form => ({
  firstOn: ruDate(d.firstRetakeOn),
  firstResult: asResult(d.firstResult),
  secondOn: ruDate(d.secondRetakeOn),
  secondResult: asResult(d.secondResult),
  commission: d.commission.map((m) => m.id),
  note: d.note ?? '',
});

export function DebtDrawer({ debt, list, canChange, onClose }: { debt: DebtRow; list: DebtList; canChange: boolean; onClose: () => void }) {
  const [form, setForm] = useState<Form>(() => formOf(debt));
  const [decision, setDecision] = useState<DebtDecision | null>(null);
  const [decidedOn, setDecidedOn] = useState(ruDate(list.today));
  const [ask, confirmModal] = useConfirm();
  const [askDelete, deleteModal] = useConfirmDelete();
  const ref = useRef<HTMLDivElement>(null);
  const locked = !canChange || debt.status === 'decided';
  const dirty = !locked && JSON.stringify(form) !== JSON.stringify(formOf(debt));
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));

  const saving = useAction(
    async () => {
      const [firstRetakeOn, secondRetakeOn] = isoDates([
        { column: 'firstRetakeOn', label: 'Дата первой пересдачи', text: form.firstOn, required: false },
        { column: 'secondRetakeOn', label: 'Дата второй пересдачи', text: form.secondOn, required: false },
      ]);
      return change('debts.save', {
        id: debt.id,
        firstRetakeOn: firstRetakeOn ?? null,
        firstResult: form.firstResult,
        secondRetakeOn: secondRetakeOn ?? null,
        secondResult: form.secondResult,
        commission: form.commission,
        note: form.note || null,
      });
    },
    {
      success: (r) => ({ title: `${r.studentName}, ${r.subjectName}`, message: r.status === 'closed' ? 'Задолженность ликвидирована' : 'Пересдачи сохранены' }),
      onSuccess: (r) => setForm(formOf(r)),
      onError: () => void setTimeout(() => focusFirstError(ref.current), 0),
    },
  );
  const deciding = useAction(
    async () => {
      const [on] = isoDates([{ column: 'decidedOn', label: 'Дата решения', text: decidedOn }]);
      if (!decision) throw new AppError('validation', 'Выберите решение', [{ column: 'decision', message: 'Выберите решение' }]);
      return change('debts.decide', { id: debt.id, decision, decidedOn: on! });
    },
    { success: 'Решение записано' },
  );
  const protocol = usePdf('debts.protocolPdf', 'Протокол');
  const notice = usePdf('debts.noticePdf', 'Уведомление');
  const close = useGuardedClose({ opened: true, dirty, onClose, save: () => saving.run(), discard: () => setForm(formOf(debt)) });
  const p = problemsOf(saving.error);
  const dp = problemsOf(deciding.error);
  const staffOptions = list.staff.map((s) => ({ value: s.id, label: `${s.name} — ${s.position}` }));
  const nameOf = (id: string) => list.staff.find((s) => s.id === id)?.name ?? debt.commission.find((m) => m.id === id)?.name ?? 'сотрудник удалён';
  const firstFailed = !!form.firstResult && !['5', '4', '3', 'pass'].includes(form.firstResult);
  const shownAtField = (c?: string) => !!c && /^(firstRetakeOn|firstResult|secondRetakeOn|secondResult|commission|note)$/.test(c);

  return (
    <Drawer
      opened
      onClose={close}
      position="right"
      size={720}
      title={
        <Group gap="sm">
          <Title order={3} fz={20}>
            {debt.studentName}
          </Title>
          <Badge color={STATUS_COLOR[debt.status]} variant="light" tt="none" size="lg">
            {debtStatuses.labels[debt.status]}
          </Badge>
        </Group>
      }
      data-testid="debt-drawer"
    >
      <Stack gap="sm" ref={ref}>
        <Text size="sm">
          {debt.className ? `${debt.className} класс · ` : ''}
          <b>{debt.subjectName}</b> · {debtReasons.labels[debt.reason].toLowerCase()}
        </Text>
        <Text size="sm" c="dimmed">
          Возникла {ruDate(debt.recordedOn)}; пересдачи — не более двух, до {ruDate(debt.deadline)} (273-ФЗ, ст. 58, ч. 5).
        </Text>
        {debt.status === 'decided' && canChange ? <Alert color="gray">По задолженности принято решение: пересдачи не изменяются, пока решение не отменено.</Alert> : null}

        <Title order={4} fz={16} mt="xs">
          Первая пересдача
        </Title>
        <SimpleGrid cols={2}>
          <DateField label="Дата" value={form.firstOn} onChange={(v) => set('firstOn', v)} disabled={locked} error={fieldError(p, 'firstRetakeOn')} data-testid="debt-first-date" />
          <Select label="Результат" placeholder="Не внесён" data={RESULT_OPTIONS} value={form.firstResult} onChange={(v) => set('firstResult', v as Result | null)} clearable disabled={locked} error={fieldError(p, 'firstResult')} data-testid="debt-first-result" />
        </SimpleGrid>

        <Title order={4} fz={16} mt="xs">
          Вторая пересдача — перед комиссией
        </Title>
        {!firstFailed && !form.secondOn && !form.commission.length ? (
          <Text size="sm" c="dimmed" data-testid="debt-second-hint">
            Назначается, если первая пересдача не сдана.
          </Text>
        ) : null}
        <SimpleGrid cols={2}>
          <DateField label="Дата" value={form.secondOn} onChange={(v) => set('secondOn', v)} disabled={locked || (!firstFailed && !form.secondOn)} error={fieldError(p, 'secondRetakeOn')} data-testid="debt-second-date" />
          <Select label="Результат" placeholder="Не внесён" data={RESULT_OPTIONS} value={form.secondResult} onChange={(v) => set('secondResult', v as Result | null)} clearable disabled={locked || (!firstFailed && !form.secondResult)} error={fieldError(p, 'secondResult')} data-testid="debt-second-result" />
        </SimpleGrid>
        <MultiSelect
          label="Комиссия"
          description={`Не менее ${COMMISSION_MIN} человек; первый — председатель.`}
          placeholder={form.commission.length ? undefined : 'Выберите сотрудников'}
          data={staffOptions}
          value={form.commission}
          onChange={(v) => set('commission', v)}
          searchable
          nothingFoundMessage="Никого не найдено"
          disabled={locked || (!firstFailed && !form.commission.length)}
          error={fieldError(p, 'commission')}
          data-testid="debt-commission"
        />
        {form.commission.length ? (
          <Stack gap={2} data-testid="debt-commission-order">
            {form.commission.map((id, i) => (
              <Group key={id} gap={6} wrap="nowrap">
                <Text size="sm" w={150} c={i === 0 ? undefined : 'dimmed'}>
                  {i === 0 ? 'Председатель' : 'Член комиссии'}
                </Text>
                <Text size="sm">{nameOf(id)}</Text>
                {i > 0 && !locked ? (
                  <Tooltip label="Сделать председателем">
                    <ActionIcon size="sm" variant="subtle" aria-label={`Сделать председателем: ${nameOf(id)}`} onClick={() => set('commission', [id, ...form.commission.filter((x) => x !== id)])}>
                      <IconArrowBarToUp size={14} />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            ))}
          </Stack>
        ) : null}
        <Textarea label="Форма аттестации, примечание" description="Попадает в протокол; если пусто — «письменная работа»." autosize minRows={1} value={form.note} onChange={(e) => set('note', e.currentTarget.value)} disabled={locked} error={fieldError(p, 'note')} data-testid="debt-note" />
        {saving.error && !p.every((x) => shownAtField(x.column)) ? <ErrorAlert error={saving.error} title="Не сохранено" /> : null}
        <Group justify="space-between">
          <Group gap="xs">
            {debt.secondRetakeOn ? (
              <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={protocol.busy} onClick={() => void protocol.run({ yearId: list.yearId, id: debt.id })} data-testid="debt-protocol-pdf">
                Протокол комиссии
              </Button>
            ) : null}
            {debt.status === 'open' ? (
              <Button variant="default" leftSection={<IconFileTypePdf size={16} />} loading={notice.busy} onClick={() => void notice.run({ yearId: list.yearId, studentIds: [debt.studentId] })} data-testid="debt-notice-pdf">
                Уведомление
              </Button>
            ) : null}
          </Group>
          {!locked ? (
            <Button leftSection={<IconDeviceFloppy size={16} />} loading={saving.busy} disabled={!dirty} onClick={() => void saving.run()} data-testid="debt-save">
              Сохранить
            </Button>
          ) : null}
        </Group>

        {debt.status !== 'closed' ? (
          <>
            <Divider mt="sm" />
            <Title order={4} fz={16}>
              Решение, если задолженность не ликвидирована
            </Title>
            {debt.status === 'decided' ? (
              <Group justify="space-between" data-testid="debt-decision">
                <Text size="sm">
                  {debtDecisions.labels[debt.decision!]} — {ruDate(debt.decidedOn)}
                </Text>
                {canChange ? (
                  <Button
                    variant="subtle"
                    leftSection={<IconArrowBackUp size={16} />}
                    onClick={() =>
                      ask({ title: 'Отменить решение?', message: 'Задолженность снова станет открытой; решение можно будет записать заново.', confirmLabel: 'Отменить решение', run: async () => void (await change('debts.undecide', { id: debt.id })) })
                    }
                    data-testid="debt-undecide"
                  >
                    Отменить решение
                  </Button>
                ) : null}
              </Group>
            ) : (
              <>
                <Text size="sm" c="dimmed">
                  По выбору родителей (законных представителей): повторное обучение, адаптированная программа по рекомендации ПМПК или индивидуальный учебный план (ст. 58, ч. 9).
                  {debt.canDecide ? '' : ' Решение принимается, когда обе пересдачи не сданы или истёк год.'}
                </Text>
                {canChange ? (
                  <Group align="flex-end" gap="xs" wrap="nowrap">
                    <Select label="Решение" placeholder="Выберите" data={debtDecisions.options as never} value={decision} onChange={(v) => setDecision(v as DebtDecision | null)} disabled={!debt.canDecide} error={fieldError(dp, 'decision')} style={{ flex: 1 }} data-testid="debt-decision-select" />
                    <DateField label="Дата решения" value={decidedOn} onChange={setDecidedOn} disabled={!debt.canDecide} error={fieldError(dp, 'decidedOn')} w={160} data-testid="debt-decided-on" />
                    <Button leftSection={<IconGavel size={16} />} disabled={!debt.canDecide || dirty} loading={deciding.busy} onClick={() => void deciding.run()} data-testid="debt-decide">
                      Записать
                    </Button>
                  </Group>
                ) : null}
                {deciding.error && !dp.every((x) => x.column === 'decision' || x.column === 'decidedOn') ? <ErrorAlert error={deciding.error} title="Решение не записано" /> : null}
              </>
            )}
          </>
        ) : null}

        {canChange && debt.status === 'open' && !debt.firstRetakeOn && !debt.firstResult ? (
          <>
            <Divider mt="sm" />
            <Group justify="flex-end">
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => askDelete(`задолженность по предмету «${debt.subjectName}» (${debt.studentName})`, async () => (await change('debts.remove', { id: debt.id }), onClose()))}
                data-testid="debt-remove"
              >
                Удалить (зафиксирована по ошибке)
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
      {confirmModal}
      {deleteModal}
    </Drawer>
  );
}
