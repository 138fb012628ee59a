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
