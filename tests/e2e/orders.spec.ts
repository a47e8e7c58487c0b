// «Приказы» in the app (issue 12 point 3), at 1366×768 on the 100-student demo school: the
// register with a signed departure and a draft move, filtered; the draft opened, signed with
// confirmation (its student then in the new class); an arrival entered in the form and its draft
// opened; «Подписать» on a draft edited and not saved signs what is on the screen (a refused edit
// signs nothing, its message next to the field); the signed order printed (its PDF page rendered
// with pdftoppm). Screenshots:
// tests/artifacts/orders-*.png.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, pickOption, signIn, startApp, type App } from './harness';

let app: App;
let adminPassword = '';
const ids: Record<string, string> = {};
let moving = { id: '', name: '', from: '', to: '', toId: '' };

beforeAll(async () => {
  app = await startApp();
  const demo = await app.call('app.loadDemo', { students: 100, seed: 3 });
  adminPassword = demo.users.find((u) => u.role === 'sysadmin')!.password;
  const classes = await app.call('classes.list');
  const withStudents = classes.filter((c) => c.studentCount > 1);
  const [a, b] = [withStudents[0]!, withStudents[1]!];
  const inA = (await app.call('students.list', { classId: a.id, limit: 10 })).rows;
  // A departure signed on 10.11.2026, and a draft move of another student into the other class.
  const out = await app.call('orders.save', {
    kind: 'transfer_out', date: '2026-11-09', title: 'Об отчислении в порядке перевода',
    items: [{ studentId: inA[0]!.id, effectiveDate: '2026-11-10', schoolTo: 'МБОУ «СОШ № 7» г. Тулы' }],
  });
  await app.call('orders.sign', { id: out.id });
  ids.out = out.id;
  moving = { id: inA[1]!.id, name: inA[1]!.fullName, from: a.name, to: b.name, toId: b.id };
  const draft = await app.call('orders.save', {
    kind: 'class_transfer', date: '2026-11-16', title: 'О переводе в другой класс', basis: 'Заявление матери от 13.11.2026',
    items: [{ studentId: moving.id, classToId: b.id, effectiveDate: '2026-11-16' }],
  });
  ids.draft = draft.id;
  await app.page.reload();
}, 300_000);
afterAll(async () => {
  await app?.close();
});

describe('orders', () => {
  it('shows the register with search, filters and sort', async () => {
    const { page } = app;
    await signIn(page, 'admin', adminPassword);
    await page.getByTestId('nav-orders').click();
    await page.getByTestId('orders-table').waitFor();
    await expect.poll(() => page.getByTestId('orders-row').count()).toBe(2);
    await app.screenshot('orders-1-register');
    const rows = await page.getByTestId('orders-row').allTextContents();
    expect(rows[0]).toContain('О переводе в другой класс'); // newest first
    expect(rows[0]).toContain('Проект');
    expect(rows[1]).toContain('№ 1-оп');
    expect(rows[1]).toContain('Подписан');
    await pickOption(page, 'orders-status', /^Подписан$/);
    await expect.poll(() => page.getByTestId('orders-row').count()).toBe(1);
    await pickOption(page, 'orders-status', /^Проект$/);
    await expect.poll(() => page.getByTestId('orders-row').count()).toBe(1);
    expect(await page.getByTestId('orders-row').textContent()).toContain(moving.name.split(' ')[0]!);
  }, 180_000);

  it('opens the draft and signs it with confirmation: the student moves', async () => {
    const { page } = app;
    await page.getByTestId('orders-row').click();
    await page.getByTestId('order-items').waitFor();
    await expect.poll(() => page.getByTestId('order-item').count()).toBe(1);
    await app.screenshot('orders-2-draft');
    await page.getByTestId('order-sign').click();
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await app.call('orders.get', { id: ids.draft! })).status).toBe('signed');
    await expect.poll(() => page.getByTestId('order-drawer').textContent()).toContain('Приказ № 1-п от 16.11.2026');
    expect((await app.call('students.get', { id: moving.id })).classId).toBe(moving.toId);
    await app.screenshot('orders-3-signed');
  }, 180_000);

  it('prints the signed order as the official form', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-print').click()]);
    const path = join(app.dir, download.suggestedFilename());
    await download.saveAs(path);
    expect(download.suggestedFilename()).toBe('Приказ № 1-п от 16.11.2026.pdf');
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(ARTIFACTS, 'orders-4-printed')]);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['ПРИКАЗ', '16.11.2026', '№ 1-п', 'ПРИКАЗЫВАЮ:', `из ${moving.from} в ${moving.to} класс с 16.11.2026`, 'Основание: Заявление матери от 13.11.2026.', 'Директор', 'С приказом ознакомлены:'])
      expect(text).toContain(s);
  }, 180_000);

  it('enters an arrival: the draft «О зачислении в порядке перевода» opens', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByTestId('order-items').waitFor({ state: 'hidden' });
    await page.getByTestId('orders-arrival').click();
    await page.getByTestId('arrival-lastName').waitFor();
    await page.getByTestId('arrival-lastName').fill('Игнатьев');
    await page.getByTestId('arrival-firstName').fill('Олег');
    await page.getByTestId('arrival-birthDate').fill('14.03.2012');
    await page.getByTestId('arrival-schoolFrom').fill('МБОУ «Гимназия № 2» г. Тулы');
    await pickOption(page, 'arrival-class', new RegExp(`^${moving.to}$`));
    await page.getByTestId('arrival-effectiveDate').fill('20.11.2026');
    await page.getByTestId('arrival-date').fill('19.11.2026');
    await app.screenshot('orders-5-arrival');
    await page.getByTestId('arrival-make').click();
    await page.getByTestId('order-items').waitFor();
    await expect.poll(() => page.getByTestId('order-drawer').textContent()).toContain('Проект приказа от 19.11.2026');
    await expect.poll(() => page.getByTestId('order-item-student').inputValue()).toBe('Игнатьев Олег');
    expect(await page.getByTestId('order-title').inputValue()).toBe(`О зачислении в порядке перевода в ${moving.to} класс`);
    const drafts = await app.call('orders.list', { status: 'draft' });
    expect(drafts.map((o) => o.kind)).toEqual(['transfer_in']);
    await app.screenshot('orders-6-arrival-draft');
  }, 180_000);

  it('«Подписать» on a draft edited and not saved signs what is on the screen', async () => {
    const { page } = app;
    const [draft] = await app.call('orders.list', { status: 'draft' });
    const stored = await app.call('orders.get', { id: draft!.id });
    // An edit the save refuses (the title emptied): nothing signed, the message next to the field, the draft as stored.
    await page.getByTestId('order-title').fill('');
    await page.getByTestId('order-sign').click();
    expect(await page.getByTestId('confirm-ok').textContent()).toBe('Подписать');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden' });
    await expect.poll(() => page.getByTestId('order-drawer').textContent()).toContain('Приказ не подписан');
    const titleField = page.locator('.mantine-InputWrapper-root', { has: page.getByTestId('order-title') });
    await expect.poll(() => titleField.locator('.mantine-InputWrapper-error').textContent()).toMatch(/Заголовок/);
    await app.screenshot('orders-7-sign-refused');
    expect(await app.call('orders.get', { id: draft!.id })).toMatchObject({ status: 'draft', title: stored.title });
    // Edits not saved: the title, the basis and the school the student comes from; «Подписать» at once.
    await page.getByTestId('order-title').fill('О зачислении в порядке перевода Игнатьева О.');
    await page.getByTestId('order-basis').fill('Заявление отца от 18.11.2026, личное дело');
    await page.getByTestId('order-item-extra').fill('МАОУ «Лицей № 5» г. Тулы');
    await page.getByTestId('order-sign').click();
    await expect.poll(() => page.getByTestId('confirm-ok').isVisible()).toBe(true);
    expect(await page.locator('.mantine-Modal-body').textContent()).toContain('несохранённые изменения сохранятся вместе с подписью');
    await page.getByTestId('confirm-ok').click();
    await page.getByTestId('confirm-ok').waitFor({ state: 'hidden' });
    await expect.poll(async () => (await app.call('orders.get', { id: draft!.id })).status).toBe('signed');
    const signed = await app.call('orders.get', { id: draft!.id });
    expect(signed).toMatchObject({ title: 'О зачислении в порядке перевода Игнатьева О.', basis: 'Заявление отца от 18.11.2026, личное дело', numberText: '1-зп' });
    expect(signed.items.map((it) => [it.fullName, it.classToName, it.schoolFrom])).toEqual([['Игнатьев Олег', moving.to, 'МАОУ «Лицей № 5» г. Тулы']]);
    await expect.poll(() => page.getByTestId('order-drawer').textContent()).toContain('Приказ № 1-зп от 19.11.2026');
    expect(await page.getByTestId('order-title').inputValue()).toBe('О зачислении в порядке перевода Игнатьева О.');
    await app.screenshot('orders-8-signed-as-seen');
  }, 180_000);
});
