import { createInterface } from 'node:readline';
import type { Ctx } from '../core/context';
import type { LocalClient } from '../core/dispatch';
import { AppError } from '../api/errors';
import { userCount } from '../core/auth/users';
import { AREAS } from '../core/auth/permissions';
import { UsageError } from './commands';

/**
 * The CLI acts as a named user: --user LOGIN, the password from SCHOOL_OFFICE_PASSWORD or a prompt.
 * A database without any user is still being set up: then the CLI acts as its administrator.
 */
export async function signInForCli(ctx: Ctx, call: LocalClient, login: string | undefined, bootstrapCommand: boolean): Promise<void> {
  if (userCount(ctx) === 0) {
    if (login) throw new AppError('unauthenticated', `В базе ещё нет пользователей: пользователь «${login}» не найден.`);
    ctx.session.signIn(
      { id: 'setup', login: 'setup', displayName: 'Первичная настройка', role: 'sysadmin', deputyGrades: [], mustChangePassword: false, access: Object.fromEntries(AREAS.map((a) => [a, 'change'])) },
      ctx.now(),
      { service: true },
    );
    return;
  }
  if (bootstrapCommand) return; // `demo` refuses by itself when the database is not empty
  if (!login) throw new UsageError('Укажите пользователя: --user ЛОГИН (пароль — в переменной SCHOOL_OFFICE_PASSWORD или по запросу)');
  const password = process.env.SCHOOL_OFFICE_PASSWORD ?? (await prompt(`Пароль пользователя ${login}: `));
  await call('auth.login', { login, password });
}

function prompt(question: string): Promise<string> {
  if (!process.stdin.isTTY) throw new AppError('unauthenticated', 'Пароль не задан: укажите его в переменной SCHOOL_OFFICE_PASSWORD.');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Hide what is typed.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stderr.write(question);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}
