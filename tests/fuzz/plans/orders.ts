import type { ordersOps } from '../../../electron/api/orders';
import type { Plans, Core } from '../plan';
import { Writer } from '../../../db';

/**
 * The orders' records (issue 12, harness.ts): a student in no class with a draft arrival into the
 * class (signed by the sample of orders.sign), a draft to remove, another arrival signed (cancelled
 * by the sample of orders.cancel), an application planned into the class (orders.fromFormation).
 */
export async function orderRecords(core: Core, yearId: string, classId: string) {
  const call = core.call;
  const person = (lastName: string) => ({ lastName, firstName: 'Прибыл', middleName: null, birthDate: '2014-05-06', gender: 'm' as const, guardians: [] });
  const a = await call('students.save', { ...person('Фаззеров') });
  const b = await call('students.save', { ...person('Фаззерова') });
  const item = (studentId: string) => ({ studentId, classToId: classId, effectiveDate: '2026-11-20', schoolFrom: 'МБОУ «СОШ № 3»' });
  const draft = await call('orders.save', { kind: 'transfer_in', date: '2026-11-19', title: 'О зачислении в порядке перевода', items: [item(a.id)] });
  const spare = await call('orders.save', { kind: 'transfer_in', date: '2026-11-19', title: 'Удаляемый проект', items: [item(a.id)] });
  const signed = await call('orders.save', { kind: 'transfer_in', date: '2026-11-18', title: 'О зачислении в порядке перевода', items: [item(b.id)] });
  await call('orders.sign', { id: signed.id });
  core.db.tx(() => {
    const w = new Writer(core.db, 'fuzz');
    w.insert('enrollment_application', {
      year_id: yearId, reg_number: 'ФАЗ-1', applied_at: '2026-04-01T10:00:00', status: 'Принято к рассмотрению', enrollable: 1, preference: 'none', sibling: 0,
      last_name: 'Заявкин', first_name: 'Пётр', middle_name: null, birth_date: '2019-03-03', gender: 'm', snils: null, birth_certificate: null, address: null,
      on_territory: 1, adapted_programme: 0, grade: 1, planned_class_id: classId, student_id: null, imported_at: '2026-04-02T10:00:00Z',
    });
  });
  return { draftId: draft.id, spareDraftId: spare.id, signedId: signed.id, studentId: a.id };
}

export const ordersPlans = {
  'orders.list': { sample: (f) => ({ search: 'фаз', kind: 'transfer_in', status: 'signed', from: '2026-09-01', to: '2026-12-31', studentId: null, sort: 'number', desc: false }) },
  'orders.get': { sample: (f) => ({ id: f.orders.draftId }) },
  'orders.save': {
    sample: (f) => ({
      id: null, kind: 'expulsion', date: '2026-11-25', title: 'Об отчислении', preamble: 'В соответствии со статьёй 61', basis: 'Решение комиссии',
      items: [{ studentId: f.studentId, effectiveDate: '2026-11-25', reason: 'Достижение 18 лет' }],
    }),
  },
  'orders.remove': { sample: (f) => ({ id: f.orders.spareDraftId }) },
  'orders.sign': { sample: (f) => ({ id: f.orders.draftId }) },
  'orders.cancel': { sample: (f) => ({ id: f.orders.signedId, date: '2026-11-30', basis: 'Служебная записка секретаря' }) },
  'orders.fromFormation': { sample: (f) => ({ yearId: f.yearId, date: '2026-08-28', effectiveDate: '2026-09-01' }) },
  'orders.arrival': {
    sample: (f) => ({
      student: { lastName: 'Новиков', firstName: 'Олег', middleName: 'Ильич', birthDate: '2013-02-03', gender: 'm', snils: null, address: 'ул. Ленина, 1', personalFileNo: null, guardians: [] },
      schoolFrom: 'МБОУ «Гимназия № 2» г. Тулы', classToId: f.classId, effectiveDate: '2026-11-20', date: '2026-11-19', basis: null,
    }),
  },
  'orders.print': { sample: (f) => ({ id: f.orders.draftId }), slow: true },
} satisfies Plans<typeof ordersOps>;
