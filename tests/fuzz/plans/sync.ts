import type { syncOps } from '../../../electron/api/sync';
import { none, type Plans } from '../plan';

// The fuzzer's school is not registered with a central system: sync.now is refused («не
// подключена»), and sync.register's address is a closed port on this computer (refused at once,
// «не отвечает»): neither changes anything.
export const syncPlans = {
  'sync.status': { sample: none },
  'sync.register': { sample: () => ({ serverUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-1234', name: 'Кабинет секретаря' }), slow: true },
  'sync.now': { sample: none, slow: true },
  'sync.refusals': { sample: () => ({ limit: 50 }) },
  'sync.log': { sample: () => ({ limit: 50 }) },
} satisfies Plans<typeof syncOps>;
