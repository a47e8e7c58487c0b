import { ActionIcon, Autocomplete, Checkbox, Group, Paper, SimpleGrid, Text, TextInput, Tooltip } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { DateField } from '../components/DateField';
import type { Problem } from '../lib/errors';
import { RELATIONS } from '../lib/labels';
import { familySurname, type Form, type GuardianForm } from './studentForm';

/** The problems of the n-th parent's fields: zod paths, or the core's «Представитель N: …». */
export function guardianProblems(p: Problem[], i: number): Problem[] {
  return p.filter((x) => x.column?.startsWith(`guardians.${i}.`) || x.column?.startsWith(`Представитель ${i + 1}:`));
}
const gErr = (list: Problem[], field: string, label: string) => list.find((x) => x.column?.endsWith(`.${field}`) || x.column?.endsWith(`: ${label}`))?.message;

/** One parent or legal representative on the student card. */
export function GuardianCard(props: { form: Form; g: GuardianForm; i: number; problems: Problem[]; onChange: (patch: Partial<GuardianForm>) => void; onRemove: () => void }) {
  const { form, g, i, problems: gp, onChange: setG } = props;
  return (
    <Paper p="sm" bg={gp.length ? 'red.0' : 'gray.0'} data-testid={`guardian-${i}`}>
      <SimpleGrid cols={3} spacing="xs" verticalSpacing={6}>
        <TextInput size="xs" label="Фамилия" withAsterisk value={g.lastName} onChange={(e) => setG({ lastName: e.currentTarget.value })} error={gErr(gp, 'lastName', 'Фамилия')} data-testid={`guardian-${i}-lastName`} />
        <TextInput size="xs" label="Имя" withAsterisk value={g.firstName} onChange={(e) => setG({ firstName: e.currentTarget.value })} error={gErr(gp, 'firstName', 'Имя')} />
        <TextInput size="xs" label="Отчество" value={g.middleName} onChange={(e) => setG({ middleName: e.currentTarget.value })} error={gErr(gp, 'middleName', 'Отчество')} />
        <Autocomplete
          size="xs"
          label="Кем приходится"
          withAsterisk
          data={RELATIONS}
          value={g.relation}
          onChange={(v) => setG({ relation: v, lastName: g.lastName || familySurname(form, v) })}
          error={gErr(gp, 'relation', 'Кем приходится')}
          data-testid={`guardian-${i}-relation`}
        />
        <TextInput size="xs" label="Телефон" value={g.phone} onChange={(e) => setG({ phone: e.currentTarget.value })} error={gErr(gp, 'phone', 'Телефон')} data-testid={`guardian-${i}-phone`} />
        <TextInput size="xs" label="E-mail" value={g.email} onChange={(e) => setG({ email: e.currentTarget.value })} error={gErr(gp, 'email', 'E-mail')} data-testid={`guardian-${i}-email`} />
        <DateField compact size="xs" label="Согласие на обработку ПДн" value={g.consent} onChange={(t) => setG({ consent: t })} error={gErr(gp, 'pdConsentDate', 'Согласие')} />
        <Checkbox
          mt={22}
          size="xs"
          label="Отказ от электронного дневника"
          checked={g.refused}
          onChange={(e) => setG({ refused: e.currentTarget.checked })}
          data-testid={`guardian-${i}-refused`}
        />
        <Group justify="flex-end" align="flex-end">
          <Tooltip label="Убрать представителя">
            <ActionIcon variant="subtle" color="gray" onClick={props.onRemove} aria-label="Убрать представителя">
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
}
