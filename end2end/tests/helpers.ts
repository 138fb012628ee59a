import { expect, type Page } from '@playwright/test';

/** Password of every account created by `hocvu seed-demo`. */
export const DEMO_PASSWORD = 'Demo@HocVuSo2026';

/** Logins of the demo accounts created by `hocvu seed-demo`. */
export const DEMO = {
  admin: 'admin',
  hr: 'nhansu',
  author: 'tacgia',
  learner: 'hocvien',
  facilitator: 'totruong',
  /** Admin of the second demo province, Tỉnh Bình Sơn. */
  provinceAdmin: 'quantritinh',
} as const;

let phoneCounter = 0;

/**
 * A valid Vietnamese mobile number (09 + 8 digits), unique within the run:
 * six digits from the clock in milliseconds and two from a per-process counter.
 */
export function uniquePhone(): string {
  phoneCounter = (phoneCounter + 1) % 100;
  const clock = Date.now() % 1_000_000;
  return '09' + String(clock).padStart(6, '0') + String(phoneCounter).padStart(2, '0');
}

/**
 * Opens a page and waits until the network is quiet, so that the WebAssembly
 * bundle has loaded and hydrated before the test types into the forms.
 */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'networkidle' });
}

/** Passes when the URL's path is exactly `path` (any query string is allowed). */
export async function expectPath(page: Page, path: string): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === path);
}

export function header(page: Page) {
  return page.getByRole('banner');
}

/** The full name shown in the header when signed in. */
export function userName(page: Page) {
  return header(page).getByTestId('user-name');
}

/**
 * On a phone the signed-in person's links are behind the header's menu button: opens it
 * (nothing to do on a wider screen, where the button is hidden and the links show).
 */
export async function openMenu(page: Page): Promise<void> {
  const summary = header(page).locator('details.site-menu > summary');
  if ((await summary.count()) === 0 || !(await summary.isVisible())) return;
  const open = await header(page)
    .locator('details.site-menu')
    .evaluate((d) => (d as HTMLDetailsElement).open);
  if (!open) await summary.click();
}

/** Asserts the header shows the given user as signed in. */
export async function expectSignedIn(page: Page, name: string): Promise<void> {
  await expect(userName(page)).toContainText(name);
  await openMenu(page);
  await expect(header(page).getByRole('button', { name: 'Đăng xuất', exact: true })).toBeVisible();
}

/** Asserts the header shows the signed-out state. */
export async function expectSignedOut(page: Page): Promise<void> {
  await expect(userName(page)).toHaveCount(0);
  await expect(header(page).getByRole('link', { name: 'Đăng nhập', exact: true })).toHaveAttribute(
    'href',
    '/dang-nhap',
  );
  await expect(header(page).getByRole('link', { name: 'Đăng ký', exact: true })).toHaveAttribute(
    'href',
    '/dang-ky',
  );
}

/** An element with role=alert that contains `text`. */
export function alertWith(page: Page, text: string | RegExp) {
  return page.getByRole('alert').filter({ hasText: text });
}

/** Codes of the demo's provinces: the first (Tỉnh Hòa An, every demo account but one) and Tỉnh Bình Sơn. */
export const DEMO_PROVINCE = { first: 'TINH', second: 'BINH-SON' } as const;

export interface Registration {
  name: string;
  login: string;
  password: string;
  /** The province's code, when the page asks for one; the first demo province by default. */
  province?: string;
}

/**
 * Step 1 of /dang-ky: chooses the province when the page asks for one (the demo has two),
 * types `search` (a commune's name, diacritics optional) and shows the matching communes.
 */
export async function findCommune(page: Page, province: string, search = ''): Promise<void> {
  const select = page.getByLabel('Tỉnh, thành phố', { exact: true });
  const asked = (await select.count()) > 0;
  if (asked) await select.selectOption(province);
  if (!asked && search === '') return;
  await page.getByLabel('Tìm xã, phường', { exact: true }).fill(search);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  if (asked) await expect(page).toHaveURL((url) => url.searchParams.get('tinh') === province);
  await page.waitForLoadState('networkidle');
}

/**
 * Fills in and submits the registration form at /dang-ky: the province first (its own form),
 * then the account and the first commune listed. Does not check the outcome: callers assert
 * success (redirect to /) or the error shown.
 */
export async function register(
  page: Page,
  { name, login, password, province = DEMO_PROVINCE.first }: Registration,
): Promise<void> {
  await open(page, '/dang-ky');
  await findCommune(page, province);

  const commune = page.getByLabel('Xã, phường nơi cư trú');
  const values = await commune
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const value = values.find((v) => v !== '');
  expect(value, 'the commune list offers at least one commune').toBeTruthy();
  await commune.selectOption(value!);

  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Số điện thoại hoặc email', { exact: true }).fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('checkbox', { name: /^Tôi đồng ý/ }).check();
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
}

/**
 * Fills in and submits the sign-in form at /dang-nhap. Does not check the
 * outcome: callers assert success (redirect to /) or the error shown.
 */
export async function login(page: Page, login: string, password: string): Promise<void> {
  await open(page, '/dang-nhap');
  await page.getByLabel('Số điện thoại, email hoặc tên đăng nhập').fill(login);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

/** Signs out with the header's "Đăng xuất" button, which redirects to /. */
export async function logout(page: Page): Promise<void> {
  await openMenu(page);
  await header(page).getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await expectPath(page, '/');
  await expectSignedOut(page);
}
