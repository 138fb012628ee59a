import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, open } from './helpers';

// The admin's pages are plain forms without the wasm: each form posts by itself and the
// browser comes back to its page with what the action answered.

test('a province admin issues an API token without the wasm, sees it once, and a refusal keeps what was typed', async ({ page, request }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  // The admin of Tỉnh Bình Sơn: a token for their whole province needs no unit named.
  await login(page, DEMO.provinceAdmin, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/quan-tri/ma-truy-cap');
  const name = `Hệ thống báo cáo ${Date.now() % 100000}`;
  // A day already past is refused: the page says why, and the name typed is still there.
  await page.getByLabel('Tên gợi nhớ').fill(name);
  await page.getByLabel('Hết hạn sau ngày').fill('2020-01-31');
  await page.getByRole('button', { name: 'Cấp mã' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByLabel('Tên gợi nhớ')).toHaveValue(name);
  await expect(page.getByLabel('Hết hạn sau ngày')).toHaveValue('2020-01-31');
  // Without a day, a year from today: the token is shown once.
  await page.getByLabel('Hết hạn sau ngày').fill('');
  await page.getByRole('button', { name: 'Cấp mã' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã cấp mã truy cập' })).toContainText(name);
  const token = (await page.getByTestId('new-token').textContent()) ?? '';
  expect(token.length).toBeGreaterThan(40);
  await expect(page.getByRole('rowheader', { name })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('new-token')).toHaveCount(0);
  await expect(page.getByRole('rowheader', { name })).toBeVisible();
  // The token works for the API (a client of its own, without the admin's cookie).
  const res = await request.get('/api/v1/units', { headers: { authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  expect(wasm).toEqual([]);
});
