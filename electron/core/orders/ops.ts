import type { Handlers } from '../context';
import type { ordersOps } from '../../api/orders';
import { arrival, cancelOrder, fromFormation, removeDraft, saveDraft, signOrder } from './orders';
import { getOrder, listOrders } from './queries';
import { orderPdf } from './print';

export const ordersHandlers = {
  'orders.list': (i, ctx) => listOrders(ctx, i),
  'orders.get': (i, ctx) => getOrder(ctx, i.id),
  'orders.save': (i, ctx) => saveDraft(ctx, i),
  'orders.remove': (i, ctx) => removeDraft(ctx, i.id),
  'orders.sign': (i, ctx) => signOrder(ctx, i.id, i.draft),
  'orders.cancel': (i, ctx) => cancelOrder(ctx, i),
  'orders.fromFormation': (i, ctx) => fromFormation(ctx, i),
  'orders.arrival': (i, ctx) => arrival(ctx, i),
  'orders.print': (i, ctx) => orderPdf(ctx, i.id),
} satisfies Handlers<typeof ordersOps>;
