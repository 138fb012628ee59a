import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, open } from './helpers';

// The demo hr officer manages Sở Khoa học và Công nghệ (T-SKHCN) and its Trung tâm Chuyển đổi số.
const ROSTER = [
  'Mã cán bộ;Họ và tên;Mã đơn vị;Loại;Ngày bắt đầu;Ngày kết thúc;Số định danh cá nhân',
  'E2E-001;Đinh Thị Thu Trang;T-SKHCN-CDS;Công chức;01/03/2024;;034190001234',
  'E2E-002;Lương Văn Khải;T-SKHCN-CDS;Cán bộ;2024-05-01;;',
  'E2E-003;Mai Thị Hạnh;T-SKHCN;Viên chức;2024-05-01;;',
].join('\r\n');

const TRAINING = [
  'ma_can_bo,ma_khoa_hoc,ngay_hoan_thanh,hinh_thuc,ghi_chu',
  'E2E-001,KNS-CC-01,15/01/2026,truc_tuyen,Lớp trực tuyến tháng 1',
  'E2E-002,KNS-CC-01,2026-02-10,truc_tiep,',
].join('\n');

async function upload(page: import('@playwright/test').Page, format: string, name: string, body: string) {
  await page.getByLabel('Loại dữ liệu').selectOption(format);
  await page.getByLabel('Tệp dữ liệu').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from('\ufeff' + body, 'utf-8') });
  await page.getByRole('button', { name: 'Gửi tệp' }).click();
}

test('an hr officer imports a roster and training records, then sees the indicators and the chart', async ({ page }) => {
  await login(page, DEMO.hr, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/don-vi/nhap-du-lieu');

  // A broken file is refused with its rows listed, and nothing is written.
  await upload(
    page,
    'danh_sach',
    'loi.csv',
    'ma_can_bo,ho_ten,ma_don_vi,loai,ngay_bat_dau\nX1,Tên Một,KHONG-CO,Công chức,01/02/2026\nX2,Tên Hai,T-SKHCN,Công chức,31/02/2026\n',
  );
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors).toContainText('Không có đơn vị nào mang mã này');
  await expect(errors).toContainText('Ngày không hợp lệ');

  await upload(page, 'danh_sach', 'danh_sach.csv', ROSTER);
  await expect(page.getByTestId('import-accepted')).toContainText('3');
  await upload(page, 'boi_duong', 'boi_duong.csv', TRAINING);
  await expect(page.getByTestId('import-accepted')).toContainText('2');

  await open(page, '/don-vi?unit=T-SKHCN-CDS&as_of=2026-03-01');
  await expect(page.getByTestId('dashboard-unit')).toHaveText('Trung tâm Chuyển đổi số tỉnh');
  const provincial = page.getByTestId('figure-provincial_trained');
  await expect(provincial).toContainText('%');
  await expect(provincial).toContainText('Đạt:');

  await open(page, '/don-vi?unit=T-SKHCN&as_of=2026-03-01');
  await expect(page.getByTestId('bar-chart')).toBeVisible();
  await expect(page.getByTestId('line-chart')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Trung tâm Chuyển đổi số tỉnh' })).toBeVisible();

  // The numerator opens the people behind it, among them those just imported.
  await provincialAchieved(page).click();
  await expect(page.getByTestId('people-table')).toContainText('Đinh Thị Thu Trang');
  await page.getByRole('link', { name: 'E2E-001' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đinh Thị Thu Trang');
  await expect(page.getByTestId('trainings')).toContainText('KNS-CC-01');
});

function provincialAchieved(page: import('@playwright/test').Page) {
  return page.getByTestId('figure-provincial_trained').getByRole('link', { name: /^Đạt:/ });
}

test('an hr officer cannot open another unit’s indicators or people', async ({ page }) => {
  await login(page, DEMO.hr, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/don-vi?unit=X-HOABINH');
  await expect(page.getByRole('alert')).toContainText('Bạn không có quyền');
  await open(page, '/don-vi/nhan-su/DEMO-040');
  await expect(page.getByRole('alert')).toContainText('Không tìm thấy');
});
