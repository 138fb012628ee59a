import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, header, login, open, openMenu, register, uniquePhone, userName } from './helpers';

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `${page.url()} has accessibility violations`).toEqual([]);
}

test('a facilitator registers a resident with consent, enrols them and helps them learn', async ({ page }) => {
  await login(page, DEMO.facilitator, DEMO_PASSWORD);
  await expectPath(page, '/');
  await openMenu(page);
  await header(page).getByRole('link', { name: 'Cộng đồng' }).click();
  await expectPath(page, '/cong-dong');
  await expect(page.getByTestId('teams')).toContainText('Tổ công nghệ số cộng đồng khu phố Hòa Bình');
  await expectAccessible(page);

  const phone = uniquePhone();
  await page.getByLabel('Họ và tên').fill('Bế Văn Thắng');
  await page.getByLabel('Số điện thoại hoặc email', { exact: true }).fill(phone);
  await page.getByLabel('Mật khẩu', { exact: true }).fill('Thang@2026xa');
  await page.getByRole('checkbox', { name: /Người dân đã nghe và đồng ý/ }).check();
  await page.getByRole('button', { name: 'Đăng ký cho người dân' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã đăng ký tài khoản cho người dân.' })).toBeVisible();

  const card = page.getByTestId('residents').locator('li').filter({ hasText: phone });
  await expect(card).toContainText('Bế Văn Thắng');
  await card.getByLabel('Khóa học').selectOption('KNS-DC-01');
  await card.getByRole('button', { name: 'Ghi danh' }).click();
  await expect(page.getByTestId('residents').locator('li').filter({ hasText: phone })).toContainText('KNS-DC-01');

  // Helping on this device: the resident's account, the facilitator named in a banner.
  await page.getByTestId('residents').locator('li').filter({ hasText: phone }).getByRole('button', { name: 'Hỗ trợ học trên máy này' }).click();
  await expectPath(page, '/hoc-tap');
  await expect(userName(page)).toContainText('Bế Văn Thắng');
  await expect(page.getByTestId('assisted-banner')).toContainText('Đỗ Văn Hùng');
  await expect(page.getByRole('main')).toContainText('Kỹ năng số cơ bản cho người dân');
  // Ending the help signs the device out: the facilitator signs in again with their password.
  await page.getByRole('button', { name: 'Kết thúc hỗ trợ' }).click();
  await expectPath(page, '/dang-nhap');
  await expect(page.getByRole('alert')).toContainText('Đã kết thúc hỗ trợ');
  await login(page, DEMO.facilitator, DEMO_PASSWORD);
  await expectPath(page, '/');
  await expect(userName(page)).toContainText('Đỗ Văn Hùng');
  await expect(page.getByTestId('assisted-banner')).toHaveCount(0);
});

test('the commune statistics show each commune and the province total', async ({ page }) => {
  await login(page, DEMO.admin, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/cong-dong/thong-ke');
  const table = page.getByTestId('commune-stats');
  await expect(table.getByRole('rowheader', { name: 'Xã Hòa Bình' })).toBeVisible();
  await expect(table.locator('tfoot')).toContainText('Tổng cộng');
  const hoaBinh = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Xã Hòa Bình' }) });
  // At least the demo team and its member.
  await expect(hoaBinh.locator('td').nth(2)).not.toHaveText('0');
  await expectAccessible(page);
});

test('a learner downloads their data and deletes their account', async ({ page }) => {
  const phone = uniquePhone();
  const password = 'Rieng@tu2026';
  await register(page, { name: 'Vi Thị Duyên', login: phone, password });
  await expectPath(page, '/');
  await open(page, '/tai-khoan');
  await expectAccessible(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải dữ liệu (JSON)' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const data = JSON.parse(Buffer.concat(text as Buffer[]).toString('utf8'));
  expect(data.account.full_name).toBe('Vi Thị Duyên');
  expect(data.account.phone).toBe(phone);

  // Without the box ticked nothing happens; with it, the account is gone.
  await page.getByLabel('Nhập mật khẩu để xác nhận').fill(password);
  await page.getByRole('checkbox', { name: /không thể hoàn tác/ }).check();
  await page.getByRole('button', { name: 'Xóa tài khoản của tôi' }).click();
  await expectPath(page, '/');
  await expect(page.getByRole('status').filter({ hasText: 'Tài khoản của bạn đã được xóa' })).toBeVisible();
  await login(page, phone, password);
  await expect(page.getByRole('alert')).toBeVisible();
  await expectPath(page, '/dang-nhap');
});
