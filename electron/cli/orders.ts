// `orders list|print` (issue 12 point 6): the register of orders about students, and one order as
// its PDF in the official form.
import type { LocalClient } from '../core/dispatch';
import type { ExportedFile } from '../api/types';
import { orderKinds, orderStatuses } from '../api/enums';
import { ruDate } from '../core/format';
import { UsageError } from './errors';

export interface OrdersEnv {
  call: LocalClient;
  flag: (name: string) => string | undefined;
  out: (text: string, data: unknown) => void;
  io: { saveResult: (f: ExportedFile, dest: string) => void };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export async function ordersCommand(sub: string | undefined, env: OrdersEnv): Promise<void> {
  const { call, flag, out } = env;
  if (sub === 'list') {
    const kind = flag('--kind');
    if (kind !== undefined && !orderKinds.has(kind)) throw new UsageError(`--kind: один из видов: ${orderKinds.values.join(', ')}`);
    const status = flag('--status');
    if (status !== undefined && !orderStatuses.has(status)) throw new UsageError(`--status: одно из: ${orderStatuses.values.join(', ')}`);
    const from = flag('--from');
    const to = flag('--to');
    for (const [name, v] of [['--from', from], ['--to', to]] as const)
      if (v !== undefined && !ISO.test(v)) throw new UsageError(`${name}: дата указывается как ГГГГ-ММ-ДД, получено «${v.slice(0, 20)}»`);
    const rows = await call('orders.list', { kind, status, from, to, search: flag('--search'), sort: 'date', desc: false });
    const lines = rows.map(
      (o) =>
        `${ruDate(o.date)}\t${o.numberText ? `№ ${o.numberText}` : 'проект'}\t${orderStatuses.labels[o.status]}\t${o.title}\t${o.students} уч.${o.studentNames ? `: ${o.studentNames}` : ''}` +
        (o.cancelledBy ? `\tотменён приказом № ${o.cancelledBy.numberText} от ${ruDate(o.cancelledBy.date)}` : ''),
    );
    out(rows.length ? lines.join('\n') : 'Приказов нет', rows);
    return;
  }
  if (sub === 'print') {
    const id = flag('--id');
    const number = flag('--number');
    const dest = flag('--out');
    if (!dest) throw new UsageError('orders print: укажите --out ФАЙЛ.pdf');
    if (!id && !number) throw new UsageError('orders print: укажите приказ: --id ИД или --number 12-зп [--year-of ГГГГ-ММ-ДД]');
    let orderId = id;
    if (!orderId) {
      const on = flag('--year-of');
      const rows = (await call('orders.list', { sort: 'date', desc: true })).filter((o) => o.numberText === number);
      const match = on ? rows.filter((o) => o.date.slice(0, 4) === on.slice(0, 4)) : rows;
      if (!match.length) throw new UsageError(`Приказа № ${number} нет`);
      orderId = match[0]!.id;
    }
    const f = await call('orders.print', { id: orderId });
    env.io.saveResult(f, dest);
    out(`Сохранено: ${dest}`, { file: dest });
    return;
  }
  throw new UsageError('orders: укажите list или print');
}
