import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectPath, expectSignedIn, open, register, uniquePhone } from './helpers';
import { answerRight } from './answer';

test('a resident on a phone completes a course and passes its quiz', async ({ page }) => {
  test.setTimeout(180_000);
  const name = 'Phạm Thị Mai';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);

  await open(page, '/khoa-hoc/KNS-DC-01');
  const lessons = await page.locator('.lesson-list li').count();
  for (let n = 1; n <= lessons; n++) {
    await open(page, `/khoa-hoc/KNS-DC-01/bai/${n}`);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).press('Enter');
    await expect(page.getByText('Bạn đã học xong bài này.')).toBeVisible();
  }
  await open(page, '/khoa-hoc/KNS-DC-01');
  await expect(page.getByText('Đã hoàn thành')).toHaveCount(0);

  await page.getByRole('link', { name: 'Làm bài kiểm tra cuối khoá' }).press('Enter');
  await expectPath(page, '/bai-kiem-tra/KNS-DC-01-KT');
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).press('Enter');
  await expect(page.getByRole('timer')).toBeVisible();
  for (let n = 1; n <= 10; n++) {
    await expect(page.locator('legend')).toHaveText(`Câu ${n}/10`);
    await answerRight(page);
  }
  await expect(page.getByText('Đã trả lời: 10/10')).toBeVisible();
  await page.getByRole('button', { name: 'Nộp bài' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Đạt' })).toBeVisible();
  await expect(page.getByText('Điểm: 100,0%', { exact: true })).toBeVisible();

  await open(page, '/khoa-hoc/KNS-DC-01');
  await expect(page.getByRole('status').filter({ hasText: 'Đã hoàn thành' })).toBeVisible();
});

test('a resident downloads a certificate that a visitor can verify', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const name = 'Lò Văn Sáng';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);
  for (let n = 1; n <= 7; n++) {
    await open(page, `/khoa-hoc/KNS-AT-01/bai/${n}`);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).press('Enter');
    await expect(page.getByText('Bạn đã học xong bài này.')).toBeVisible();
  }
  await open(page, '/bai-kiem-tra/KNS-AT-01-KT');
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).press('Enter');
  for (let n = 1; n <= 10; n++) {
    await expect(page.locator('legend')).toHaveText(`Câu ${n}/10`);
    await answerRight(page);
  }
  await page.getByRole('button', { name: 'Nộp bài' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Đạt' })).toBeVisible();

  await open(page, '/khoa-hoc/KNS-AT-01');
  await page.getByRole('link', { name: 'Xem và tải chứng nhận' }).press('Enter');
  await expectPath(page, '/chung-nhan');
  const code = (await page.locator('li.card code').first().innerText()).trim();
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải chứng nhận (PDF)' }).first().press('Enter');
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`chung-nhan-${code}.pdf`);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  expect(readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');

  // Someone else, not signed in, types the code as printed and sees who holds it.
  const visitor = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const other = await visitor.newPage();
  await open(other, '/xac-minh');
  await other.getByLabel('Mã xác minh').fill(code.toLowerCase());
  await other.getByRole('button', { name: 'Kiểm tra' }).press('Enter');
  await expect(other.getByRole('status').filter({ hasText: 'Chứng nhận hợp lệ' })).toBeVisible();
  await expect(other.locator('.holder')).toHaveText(name);
  await expect(other.getByRole('link', { name: 'Tải chứng nhận (PDF)' })).toHaveCount(0);
  const axe = await new AxeBuilder({ page: other }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id), 'the verification page is accessible').toEqual([]);
  await visitor.close();
});
