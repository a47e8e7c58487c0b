import type { appOps } from '../../../electron/api/app';
import { none, type Plans } from '../plan';

export const appPlans = {
  'app.info': { sample: none },
  'app.createSchool': {
    sample: () => ({ fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 17»', shortName: 'МБОУ СОШ № 17', inn: '5001234567', address: 'г. Подольск, ул. Школьная, д. 1', phone: '+7 (495) 000-00-17', email: 'school17@example.ru', directorId: null }),
  },
  'app.loadDemo': { sample: () => ({ students: 100, seed: 1 }) },
} satisfies Plans<typeof appOps>;
