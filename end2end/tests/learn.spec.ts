import { expect, test } from '@playwright/test';
import { expectPath, expectSignedIn, open, register, uniquePhone } from './helpers';

test('a visitor finds a course without diacritics and reads its first lesson', async ({ page }) => {
  await open(page, '/khoa-hoc');
  await expect(page.getByRole('heading', { level: 1, name: 'Khoá học kỹ năng số' })).toBeVisible();
  await expect(page.locator('.course-card')).toHaveCount(3);

  await page.getByLabel('Tìm khoá học').fill('khong gian mang');
  await page.getByRole('button', { name: 'Lọc' }).click();
  await expect(page.locator('.course-card')).toHaveCount(1);
  await page.locator('.course-card h2 a').click();
  await expectPath(page, '/khoa-hoc/KNS-AT-01');
  await expect(page.getByText('Đăng nhập để lưu tiến độ học')).toBeVisible();

  await page.getByRole('link', { name: 'Bắt đầu học' }).click();
  await expectPath(page, '/khoa-hoc/KNS-AT-01/bai/1');
  await expect(page.locator('.lesson-body h2').first()).toBeVisible();
  await expect(page.getByRole('link', { name: /Bài tiếp theo/ })).toBeVisible();
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a lesson is readable and the catalogue filters with the plain form', async ({ page }) => {
    await page.goto('/khoa-hoc?audience=civil_servants');
    await expect(page.locator('.course-card')).toHaveCount(2);
    await page.goto('/khoa-hoc/KNS-DC-01/bai/2');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect((await page.locator('.lesson-body').innerText()).length).toBeGreaterThan(500);
  });
});

test('a resident marks lessons done and finds the course in "my learning"', async ({ page }) => {
  const name = 'Lê Thị Thu Hà';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);

  for (const n of [1, 2]) {
    await open(page, `/khoa-hoc/KNS-AT-01/bai/${n}`);
    // From the keyboard: Chromium's phone emulation can offset a tap after a navigation.
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).press('Enter');
    await expect(page.getByText('Bạn đã học xong bài này.')).toBeVisible();
    // The page drawn again after the form keeps the lesson's text.
    expect((await page.locator('.lesson-body').innerText()).length).toBeGreaterThan(500);
  }
  // The pager leads on to the next lesson, whole.
  await page.getByRole('link', { name: /Bài tiếp theo/ }).press('Enter');
  await expectPath(page, '/khoa-hoc/KNS-AT-01/bai/3');
  await expect(page.getByRole('button', { name: 'Đánh dấu đã học xong' })).toBeVisible();
  expect((await page.locator('.lesson-body').innerText()).length).toBeGreaterThan(500);
  await open(page, '/khoa-hoc/KNS-AT-01');
  await expect(page.locator('.lesson-list .badge')).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Học tiếp' })).toHaveAttribute('href', '/khoa-hoc/KNS-AT-01/bai/3');

  await open(page, '/hoc-tap');
  await expect(page.locator('.course-card')).toHaveCount(1);
  await expect(page.getByText(/^Tiến độ: 2\/\d+ bài$/)).toBeVisible();
});
