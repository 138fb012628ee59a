import { expect, test } from '@playwright/test';
import { expectPath, expectSignedIn, expectSignedOut, header, open } from './helpers';

// The OpenID provider playwright.config.ts starts (oidc/provider.mjs, npm oidc-provider).
const PROVIDER = 'http://127.0.0.1:3190';

test('a person signs in with the e-ID provider on its own page, and signs out there too', async ({ page }) => {
  await open(page, '/dang-nhap');
  await page.getByRole('button', { name: 'Đăng nhập bằng VNeID' }).click();

  // The provider's own sign-in page.
  await expect(page).toHaveURL((url) => url.origin === PROVIDER && url.pathname.startsWith('/interaction/'));
  await page.locator('input[name="login"]').fill('an');
  await page.locator('input[name="password"]').fill('mật khẩu ở nhà cung cấp');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // Back, signed in with the name the provider asserted.
  await expectPath(page, '/');
  await expectSignedIn(page, 'Nguyễn Văn An');

  // Signing out ends the session here and asks the provider to end its own.
  await header(page).getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await expect(page).toHaveURL((url) => url.origin === PROVIDER);
  await open(page, '/');
  await expectSignedOut(page);
});
