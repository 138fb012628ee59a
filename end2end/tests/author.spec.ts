import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, logout, open } from './helpers';

// Each project (desktop, phone) writes its own course on the shared demo database.
function uniqueCode(): string {
  return `E2E-${String(Date.now() % 1_000_000).padStart(6, '0')}`;
}

test('an author writes a course with a quiz, publishes it, and a learner starts the quiz', async ({ page }) => {
  const code = uniqueCode();
  const title = `Khoá học thử ${code}`;
  await login(page, DEMO.author, DEMO_PASSWORD);
  await expectPath(page, '/');

  await open(page, '/soan-bai');
  await page.getByRole('link', { name: 'Tạo khoá học mới' }).click();
  await expectPath(page, '/soan-bai/moi');
  await page.getByLabel('Mã khoá học').fill(code);
  await page.getByLabel('Tên', { exact: true }).fill(title);
  await page.getByLabel('Giới thiệu ngắn').fill('Khoá học viết trong bài kiểm thử.');
  await page.getByLabel('Đối tượng').selectOption('everyone');
  await page.getByRole('checkbox', { name: 'An toàn' }).check();
  await page.getByRole('button', { name: 'Lưu', exact: true }).press('Enter');
  await expectPath(page, `/soan-bai/${code}`);
  await expect(page.getByTestId('course-status')).toHaveText('Bản nháp');

  for (const [n, lesson] of [['1', 'Mở đầu'], ['2', 'Mật khẩu mạnh']] as const) {
    await page.getByRole('link', { name: 'Thêm bài học' }).click();
    await expectPath(page, `/soan-bai/${code}/bai-moi`);
    // The lesson editor is the one page with the wasm, loaded whole from the course's page
    // (which has none): the preview follows the typing once it has hydrated.
    await page.waitForLoadState('networkidle');
    await page.getByLabel('Tên bài học').fill(lesson);
    await page.getByLabel('Nội dung (Markdown)').fill(`## ${lesson}\n\nBài số ${n}: **chữ đậm** và\n\n- một\n- hai\n`);
    // The preview follows the typing: the server's rendering of the Markdown.
    const preview = page.getByTestId('lesson-preview');
    await expect(preview.locator('h2')).toHaveText(lesson);
    await expect(preview.locator('strong')).toHaveText('chữ đậm');
    await expect(preview.locator('li')).toHaveCount(2);
    await page.getByRole('button', { name: 'Lưu', exact: true }).press('Enter');
    await expectPath(page, `/soan-bai/${code}`);
  }
  await expect(page.getByTestId('author-lessons').locator('li')).toHaveCount(2);

  await page.getByRole('link', { name: 'Thêm bài kiểm tra' }).click();
  await expectPath(page, '/soan-bai/kiem-tra/moi');
  await expect(page.getByLabel('Mã bài kiểm tra')).toHaveValue(`${code}-KT`);
  await page.getByLabel('Tên', { exact: true }).fill(`Kiểm tra ${code}`);
  await page.getByLabel('An toàn · Mọi mức độ').fill('3');
  await page.getByRole('button', { name: 'Lưu', exact: true }).press('Enter');
  await expectPath(page, `/soan-bai/kiem-tra/${code}-KT`);

  await open(page, `/soan-bai/${code}`);
  await page.getByRole('button', { name: 'Xuất bản', exact: true }).press('Enter');
  await expect(page.getByTestId('course-status')).toHaveText('Đã xuất bản');
  await logout(page);

  await login(page, DEMO.learner, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, `/khoa-hoc?q=${code}`);
  await expect(page.locator('.course-card')).toHaveCount(1);
  await expect(page.locator('.course-card h2')).toHaveText(title);
  await open(page, `/bai-kiem-tra/${code}-KT`);
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).press('Enter');
  await expect(page.getByRole('timer')).toBeVisible();

  // Unpublished again, it leaves the catalogue (and the demo catalogue the other tests count).
  await logout(page);
  await login(page, DEMO.author, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, `/soan-bai/${code}`);
  await page.getByRole('button', { name: 'Ngừng xuất bản', exact: true }).press('Enter');
  await expect(page.getByTestId('course-status')).toHaveText('Bản nháp');
  await open(page, `/khoa-hoc?q=${code}`);
  await expect(page.locator('.course-card')).toHaveCount(0);
});

test('the bank lists questions by domain and reports every bad question of a file', async ({ page }) => {
  await login(page, DEMO.author, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, '/soan-bai/ngan-hang?domain=an_toan&difficulty=de');
  await expect(page.getByTestId('bank').locator('tbody tr').first()).toBeVisible();
  await page.getByLabel('Tệp câu hỏi').setInputFiles({
    name: 'loi.gift',
    mimeType: 'text/plain',
    buffer: Buffer.from('::X1::Câu không có đáp án đúng {\n~Một\n~Hai\n}\n'),
  });
  await page.getByRole('button', { name: 'Tải lên' }).press('Enter');
  await expect(page.getByTestId('bank-errors').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('bank-errors')).toContainText('X1');
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the lesson editor previews the text with a button and keeps it', async ({ page }) => {
    // Signed in through the API (the cookie is the page's): this test is about the editor.
    const signIn = await page.request.post('/api/v1/auth/login', {
      data: { login: DEMO.author, password: DEMO_PASSWORD },
    });
    expect(signIn.status()).toBe(200);
    await page.goto('/soan-bai/KNS-AT-01/bai-moi');
    await page.getByLabel('Tên bài học').fill('Bài nháp');
    await page.getByLabel('Nội dung (Markdown)').fill('Chữ **đậm** ở đây');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect(page.getByTestId('lesson-preview').locator('strong')).toHaveText('đậm');
    await expect(page.getByLabel('Nội dung (Markdown)')).toHaveValue('Chữ **đậm** ở đây');
    await expect(page.getByLabel('Tên bài học')).toHaveValue('Bài nháp');
  });
});
