import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, open } from './helpers';

// The demo holds two provinces: Tỉnh Hòa An (the first, with every other demo account) and the
// small Tỉnh Bình Sơn, whose admin is `quantritinh`.

test('a province admin sees their province and nothing of the other', async ({ page }) => {
  await login(page, DEMO.provinceAdmin, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/don-vi');
  await expect(page.getByRole('cell', { name: 'Xã Đồng Tiến' }).or(page.getByRole('rowheader', { name: 'Xã Đồng Tiến' }))).toBeVisible();
  await expect(page.getByText('Xã Hòa Bình')).toHaveCount(0);
  await open(page, '/don-vi?unit=X-HOABINH');
  await expect(page.getByRole('alert')).toBeVisible();
  await open(page, '/don-vi/nhan-su/DEMO-040');
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy');
  // Their files go into their own province: the import page asks for none.
  await open(page, '/don-vi/nhap-du-lieu');
  await expect(page.getByLabel('Tệp dữ liệu')).toBeVisible();
  await expect(page.getByLabel('Mã tỉnh')).toHaveCount(0);
});

test('the national admin reads the provinces side by side and adds one', async ({ page }) => {
  await login(page, DEMO.admin, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/quan-tri/tinh-thanh');
  await expect(page.getByRole('rowheader', { name: /Tỉnh Bình Sơn/ }).first()).toBeVisible();
  await expect(page.getByRole('rowheader', { name: /Tỉnh Hòa An/ }).first()).toBeVisible();
  const code = `E2E${Date.now() % 100000}`;
  await page.getByLabel('Mã tỉnh').fill(code);
  await page.getByLabel('Tên tỉnh').fill('Tỉnh Thử Nghiệm');
  await page.getByRole('button', { name: 'Thêm tỉnh' }).click();
  await expect(page.getByText(code).first()).toBeVisible();
  // With several provinces, the national admin's import names one.
  await open(page, '/don-vi/nhap-du-lieu');
  await expect(page.getByLabel('Mã tỉnh')).toBeVisible();
});

test('a province admin manages the accounts of their province and reads its audit log', async ({ page }) => {
  await login(page, DEMO.provinceAdmin, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/quan-tri/nguoi-dung');
  const table = page.getByRole('region', { name: 'Quản lý người dùng' });
  await expect(table.getByRole('cell', { name: DEMO.provinceAdmin, exact: true })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'dansongcau', exact: true })).toBeVisible();
  // The national admin and the first province's officers are no accounts of Bình Sơn.
  await expect(table.getByRole('cell', { name: DEMO.admin, exact: true })).toHaveCount(0);
  await expect(table.getByRole('cell', { name: DEMO.hr, exact: true })).toHaveCount(0);
  // The role picker offers the learner's role and the unit roles, no national one.
  const picker = table.getByLabel('Vai trò').first();
  await expect(picker.locator('option')).toHaveText(['Người học', 'Cán bộ nhân sự', 'Thành viên tổ công nghệ số cộng đồng']);
  await open(page, '/quan-tri/nhat-ky');
  await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký thay đổi' })).toBeVisible();
});
