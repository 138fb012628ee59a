import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectPath, expectSignedIn, open, register, uniquePhone } from './helpers';
import { answerRight } from './answer';

// A resident who already knows part of a course takes its placement check, answering right only
// what they know, and skips the lessons of those parts: half the course. The lessons tested
// out are shown apart from those read; the course still waits for its final quiz.
const COURSE = 'KNS-DC-01';
/** Lessons 1 and 4 teach safety, 2 and 3 problem solving (content/courses/KNS-DC-01.md). */
const KNOWN = ['an_toan', 'giai_quyet'];

async function expectAccessible(page: Page, what: string) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => v.id), what).toEqual([]);
}

test('a resident tests out of half a course and goes straight to the rest', async ({ page }) => {
  test.setTimeout(180_000);
  const name = 'Hà Thị Nguyệt';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);

  await open(page, `/khoa-hoc/${COURSE}`);
  const offer = page.getByRole('complementary', { name: 'Bạn đã biết một phần?' });
  await expect(offer).toBeVisible();
  await expectAccessible(page, 'the course page with its offer is accessible');
  await offer.getByRole('link', { name: 'Làm bài kiểm tra đầu vào' }).press('Enter');
  await expectPath(page, `/bai-kiem-tra/${COURSE}-DV`);
  await expect(page.getByText('Đây là bài kiểm tra đầu vào của khoá học.', { exact: false })).toBeVisible();
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).press('Enter');
  const seen: string[] = [];
  for (let n = 1; n <= 8; n++) {
    await expect(page.locator('legend')).toHaveText(`Câu ${n}/8`);
    seen.push(await answerRight(page, KNOWN));
  }
  expect(seen.filter((d) => KNOWN.includes(d))).toHaveLength(4);
  await page.getByRole('button', { name: 'Nộp bài' }).press('Enter');

  const outcome = page.getByRole('region', { name: 'Các bài được miễn' });
  await expect(outcome).toBeVisible();
  await expect(outcome.getByRole('listitem')).toHaveCount(4);
  await expectAccessible(page, 'the outcome is accessible');
  await outcome.getByRole('link', { name: 'Học tiếp bài 5' }).press('Enter');
  await expectPath(page, `/khoa-hoc/${COURSE}/bai/5`);

  await open(page, `/khoa-hoc/${COURSE}`);
  await expect(page.getByRole('complementary', { name: 'Bạn đã biết một phần?' })).toHaveCount(0);
  const lessons = page.locator('.lesson-list li');
  for (const n of [1, 2, 3, 4]) {
    await expect(lessons.nth(n - 1).locator('.badge.tested-out')).toHaveText('Được miễn');
  }
  for (const n of [5, 6, 7]) {
    await expect(lessons.nth(n - 1).locator('.badge')).toHaveCount(0);
  }
  await expect(page.locator('label[for=course-progress]')).toContainText('0/7 bài · 4 bài được miễn');
  await expect(page.getByRole('link', { name: 'Học tiếp', exact: true })).toHaveAttribute('href', `/khoa-hoc/${COURSE}/bai/5`);

  await open(page, `/khoa-hoc/${COURSE}/bai/1`);
  await expect(page.getByRole('note').filter({ hasText: 'Bạn được miễn bài này' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Đánh dấu đã học xong' })).toBeVisible();

  // The rest read: the course waits for its final quiz.
  for (const n of [5, 6, 7]) {
    await open(page, `/khoa-hoc/${COURSE}/bai/${n}`);
    await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).press('Enter');
    await expect(page.getByText('Bạn đã học xong bài này.')).toBeVisible();
  }
  await open(page, `/khoa-hoc/${COURSE}`);
  await expect(page.getByRole('progressbar')).toHaveAttribute('value', '100');
  await expect(page.getByText('Đã hoàn thành')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Làm bài kiểm tra cuối khoá' })).toBeVisible();
});
