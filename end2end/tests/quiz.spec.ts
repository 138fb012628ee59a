import { expect, test, type Page } from '@playwright/test';
import { expectPath, expectSignedIn, open, register, uniquePhone } from './helpers';
import { keyOf, loadBank } from './bank';

const bank = loadBank();

/** Answers the question on the page as the bank says, then saves and goes on. */
async function answerRight(page: Page) {
  const text = await page.locator('.question-text').innerText();
  const key = bank.get(keyOf(text));
  expect(key, `the bank knows: ${text}`).toBeDefined();
  if (key!.truth !== undefined) {
    await page.getByLabel(key!.truth ? 'Đúng' : 'Sai', { exact: true }).check();
  } else if (key!.pairs.length > 0) {
    for (const [left, right] of key!.pairs.filter(([l]) => l)) {
      await page.getByLabel(left, { exact: true }).selectOption({ label: right });
    }
  } else if (await page.locator('input[name=tra_loi]').count()) {
    await page.locator('input[name=tra_loi]').fill(key!.right[0]);
  } else {
    for (const label of await page.locator('.option label').all()) {
      if (key!.right.includes((await label.innerText()).trim())) await label.click();
    }
  }
  await page.getByRole('button', { name: 'Lưu và sang câu tiếp' }).click();
}

test('a resident on a phone completes a course and passes its quiz', async ({ page }) => {
  test.setTimeout(180_000);
  const name = 'Phạm Thị Mai';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);

  await open(page, '/khoa-hoc/KNS-DC-01');
  const lessons = await page.locator('.lesson-list li').count();
  for (let n = 1; n <= lessons; n++) {
    await open(page, `/khoa-hoc/KNS-DC-01/bai/${n}`);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
    await expect(page.getByText('Bạn đã học xong bài này.')).toBeVisible();
  }
  await open(page, '/khoa-hoc/KNS-DC-01');
  await expect(page.getByText('Đã hoàn thành')).toHaveCount(0);

  await page.getByRole('link', { name: 'Làm bài kiểm tra cuối khoá' }).click();
  await expectPath(page, '/bai-kiem-tra/KNS-DC-01-KT');
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  await expect(page.getByRole('timer')).toBeVisible();
  for (let n = 1; n <= 10; n++) {
    await expect(page.locator('legend')).toHaveText(`Câu ${n}/10`);
    await answerRight(page);
  }
  await expect(page.getByText('Đã trả lời: 10/10')).toBeVisible();
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đạt' })).toBeVisible();
  await expect(page.getByText('Điểm: 100,0%')).toBeVisible();

  await open(page, '/khoa-hoc/KNS-DC-01');
  await expect(page.getByRole('status').filter({ hasText: 'Đã hoàn thành' })).toBeVisible();
});
