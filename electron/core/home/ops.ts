import type { Handlers } from '../context';
import type { homeOps } from '../../api/home';
import { officeCalendar } from './calendar';

export const homeHandlers = {
  'home.calendar': (i, ctx) => officeCalendar(ctx, i.on),
} satisfies Handlers<typeof homeOps>;
