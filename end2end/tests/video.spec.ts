import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { DEMO, DEMO_PASSWORD, expectPath, login, open } from './helpers';

// An author puts a video on a lesson; a learner sees what opening it costs before anything is
// downloaded, and the file comes only once they open it and press play.
// (fixtures/lesson-video.mp4: five seconds written by the `mp4` crate, see server/tests/video.rs.)
const COURSE = 'KNS-AT-01';
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'lesson-video.mp4');

test('a lesson video is uploaded by its author and loaded by a learner only on request', async ({ browser, page }) => {
  await login(page, DEMO.author, DEMO_PASSWORD);
  await expectPath(page, '/');
  await open(page, `/soan-bai/${COURSE}`);
  const lessons = page.getByTestId('author-lessons').locator('a');
  const position = await lessons.count();
  await lessons.last().click();
  await expect(page.getByRole('heading', { name: 'Video của bài học' })).toBeVisible();
  await page.getByLabel('Tải lên video MP4').setInputFiles(FIXTURE);
  await page.getByRole('button', { name: 'Gửi video lên' }).click();
  await expect(page.getByTestId('video-state')).toContainText('Đang có: video tải lên, 5 giây', { timeout: 30_000 });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);

  const context = await browser.newContext();
  const learner = await context.newPage();
  const asked: string[] = [];
  learner.on('request', (r) => { if (r.url().includes('/video/')) asked.push(r.url()); });
  await open(learner, `/khoa-hoc/${COURSE}/bai/${position}`);
  const summary = learner.getByText(/^Xem video \(5 giây · 11 KB\)$/);
  await expect(summary).toBeVisible();
  await expect(learner.locator('video[data-lesson-video]')).toBeHidden();
  expect(asked, 'nothing downloaded before the learner asks').toEqual([]);

  await summary.focus();
  await learner.keyboard.press('Enter');
  const video = learner.locator('video[data-lesson-video]');
  await expect(video).toBeVisible();
  await video.evaluate((v: HTMLVideoElement) => { v.muted = true; return v.play().catch(() => undefined); });
  await expect.poll(() => asked.length).toBeGreaterThan(0);
  await context.close();
});
