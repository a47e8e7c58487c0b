// The «Stat» card: a count with its label and icon (the home page, the correction register, the
// import preview). The one definition (issue 9).
import type React from 'react';
import { Group, Paper, Text, ThemeIcon } from '@mantine/core';
import classes from './Stat.module.css';

export interface StatProps {
  label: string;
  /** undefined: still loading («…»). */
  value: number | undefined;
  color: string;
  icon: React.ReactNode;
  testId?: string;
  /** A link: the card opens that page. */
  href?: string;
  /** Shown in red when not zero (something overdue). */
  alert?: boolean;
}

export function Stat({ label, value, color, icon, testId, href, alert }: StatProps) {
  const alarming = alert === true && !!value;
  const body = (
    <Group gap="md" wrap="nowrap">
      <ThemeIcon size={44} radius="md" variant="light" color={color}>
        {icon}
      </ThemeIcon>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {label}
        </Text>
        <Text fz={26} fw={700} className="tnum" lh={1.2} c={alarming ? 'red.7' : undefined} data-testid={testId}>
          {value === undefined ? '…' : value.toLocaleString('ru-RU')}
        </Text>
      </div>
    </Group>
  );
  return href ? (
    <Paper p="md" component="a" href={href} style={{ textDecoration: 'none', color: 'inherit' }} className={alarming ? classes.alert : undefined}>
      {body}
    </Paper>
  ) : (
    <Paper p="md" className={alarming ? classes.alert : undefined}>
      {body}
    </Paper>
  );
}
