import { expect, test } from '@playwright/test';
import { open } from './helpers';

test('pages load under the Content-Security-Policy without console errors, with and without the wasm', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const path of ['/', '/dang-nhap', '/dang-ky', '/tai-khoan']) {
    await open(page, path);
  }
  expect(errors).toEqual([]);
});

test('the reader switches to English and back', async ({ page }) => {
  await open(page, '/dang-nhap');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/dang-nhap$/);
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
});

test('the skip link leads keyboard users to the main content', async ({ page }) => {
  await open(page, '/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
