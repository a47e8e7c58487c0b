import { Title } from '@mantine/core';

export function PromotionPage() {
  return <Title order={2}>{'…'}</Title>;
}
