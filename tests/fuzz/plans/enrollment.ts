import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { enrollmentOps } from '../../../electron/api/enrollment';
import { grantInputFile } from '../../../electron/core/files';
import { type Fixture, type Plans } from '../plan';

let n = 0;
/** An enrollment export of one application (a fresh number each time: a committed one is known after). */
function file(f: Fixture): string {
  n++;
  const path = join(f.core.dir, `заявления-${n}.csv`);
  writeFileSync(path, `Номер заявления;Статус;ФИО ребёнка;Дата рождения;ФИО заявителя;Телефон заявителя\nФ-${n};Принято к рассмотрению;Фаззеров Пётр Иванович;15.03.2020;Фаззерова Анна Ивановна;+7 912 000-00-0${n % 10}\n`, 'utf8');
  return grantInputFile(f.core.ctx.session, path).id;
}

export const enrollmentPlans = {
  'enrollment.preview': { sample: (f) => ({ file: file(f) }), slow: true },
  'enrollment.commit': { sample: (f) => ({ file: file(f) }), slow: true },
  'enrollment.list': { sample: () => ({ search: 'Фаззеров', sort: 'name' }) },
} satisfies Plans<typeof enrollmentOps>;
