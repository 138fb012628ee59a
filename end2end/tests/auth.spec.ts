import { expect, test } from '@playwright/test';
import {
  DEMO,
  DEMO_PROVINCE,
  alertWith,
  expectPath,
  expectSignedIn,
  expectSignedOut,
  findCommune,
  login,
  logout,
  open,
  register,
  uniquePhone,
  userName,
} from './helpers';

const WRONG_CREDENTIALS = 'Sai tên đăng nhập hoặc mật khẩu';

test('a resident registers, signs out and signs in again', async ({ page }) => {
  const account = {
    name: 'Nguyễn Thị Hồng Nhung',
    login: uniquePhone(),
    password: 'Lua-Nep-2026!',
  };

  await open(page, '/');
  await expectSignedOut(page);

  await register(page, account);
  await expectPath(page, '/');
  await expectSignedIn(page, account.name);

  await logout(page);

  await login(page, account.login, account.password);
  await expectPath(page, '/');
  await expectSignedIn(page, account.name);
});

test('a wrong password is refused with a Vietnamese message', async ({ page }) => {
  await login(page, DEMO.learner, 'Sai@MatKhau2026');

  await expect(alertWith(page, WRONG_CREDENTIALS)).toBeVisible();
  await expectPath(page, '/dang-nhap');
  await expectSignedOut(page);

  // Still signed out on the next page as well.
  await open(page, '/');
  await expectSignedOut(page);
});

test('an unknown path answers 404 with a Vietnamese page', async ({ page }) => {
  const response = await page.goto('/khong-co-trang-nay-' + Date.now());

  expect(response, 'the navigation returned a response').not.toBeNull();
  expect(response!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy trang' })).toBeVisible();
});

test('registration with a too-short password is refused and creates no account', async ({ page }) => {
  const account = {
    name: 'Trần Văn Bình',
    login: uniquePhone(),
    password: 'abc',
  };

  await register(page, account);

  await expect(alertWith(page, 'ít nhất 8 ký tự')).toBeVisible();
  await expectPath(page, '/dang-ky');
  await expectSignedOut(page);
  // The non-secret fields are kept so the resident need not type them again.
  await expect(page.getByLabel('Họ và tên')).toHaveValue(account.name);
  await expect(page.getByLabel('Số điện thoại hoặc email', { exact: true })).toHaveValue(account.login);

  // No account was created: signing in with the same credentials fails.
  await login(page, account.login, account.password);
  await expect(alertWith(page, WRONG_CREDENTIALS)).toBeVisible();
  await expectSignedOut(page);
});

test('a resident changes the password on the account page and signs in with the new one', async ({ page }) => {
  const account = { name: 'Trần Văn Đổi', login: uniquePhone(), password: 'Cay-Tre-2026!' };
  const fresh = 'Hoa sen nở sớm 2027';
  await register(page, account);
  await expectSignedIn(page, account.name);

  await open(page, '/tai-khoan');
  await page.getByLabel('Mật khẩu hiện tại').fill('khong-dung-mat-khau');
  await page.getByLabel('Mật khẩu mới').fill(fresh);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(alertWith(page, 'Mật khẩu không đúng')).toBeVisible();

  await page.getByLabel('Mật khẩu hiện tại').fill(account.password);
  await page.getByLabel('Mật khẩu mới').fill(fresh);
  await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu' })).toBeVisible();
  await expectSignedIn(page, account.name);

  await logout(page);
  await login(page, account.login, fresh);
  await expectPath(page, '/');
  await expectSignedIn(page, account.name);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a resident of the second province finds their ward typed without diacritics and registers', async ({
    page,
  }) => {
    const name = 'Lò Văn Sáng';
    await page.goto('/dang-ky');
    const commune = page.getByLabel('Xã, phường nơi cư trú');
    // Two provinces: nothing to choose from before the province.
    await expect(commune.locator('option')).toHaveText(['— Hãy chọn tỉnh, thành phố ở bước 1 trước —']);

    await findCommune(page, DEMO_PROVINCE.second, 'song cau');
    await expect(commune.locator('option')).toHaveText(['— Chọn xã, phường —', 'Phường Sông Cầu']);
    // The one match is chosen already.
    await expect(commune).toHaveValue('B-SONGCAU');

    await page.getByLabel('Họ và tên').fill(name);
    await page.getByLabel('Số điện thoại hoặc email', { exact: true }).fill(uniquePhone());
    await page.getByLabel('Mật khẩu', { exact: true }).fill('Song-Cau-2026!');
    await page.getByRole('checkbox', { name: /^Tôi đồng ý/ }).check();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await expectPath(page, '/');
    await expect(userName(page)).toContainText(name);
  });
});
