import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectSignedIn, open, register, uniquePhone } from './helpers';

// A resident who reads poorly listens to a lesson: the player loads nothing until played,
// plays at the speed chosen, is usable by keyboard, and plays from the phone offline once the
// course is saved with its spoken lessons.
const COURSE = 'KNS-DC-01';

/** The server reads the demo's lessons aloud after it starts: reload until this one is. */
async function openWithAudio(page: Page, path: string) {
  for (let i = 0; i < 90; i++) {
    await open(page, path);
    if (await page.locator('audio[data-lesson-audio]').count()) return;
    await page.waitForTimeout(1000);
  }
  throw new Error(`no spoken version of ${path}`);
}

/** Plays the clip muted for a moment; where it got to. */
async function playFor(page: Page, ms: number): Promise<number> {
  return page.locator('audio[data-lesson-audio]').evaluate(async (a: HTMLAudioElement, wait: number) => {
    a.muted = true;
    await a.play();
    await new Promise((r) => setTimeout(r, wait));
    a.pause();
    return a.currentTime;
  }, ms);
}

test('a lesson is read aloud only when played, at the speed chosen, by keyboard', async ({ page }) => {
  test.setTimeout(120_000);
  const asked: string[] = [];
  page.on('request', (r) => { if (r.url().includes('/am-thanh/')) asked.push(r.url()); });
  await openWithAudio(page, `/khoa-hoc/${COURSE}/bai/1`);
  const player = page.getByRole('region', { name: 'Nghe bài học' });
  await expect(player).toBeVisible();
  await expect(player).toContainText('giọng đọc máy');
  expect(asked, 'nothing downloaded before it is played').toEqual([]);

  const faster = player.getByRole('button', { name: '1,25×' });
  await faster.focus();
  await page.keyboard.press('Enter');
  await expect(faster).toHaveAttribute('aria-pressed', 'true');
  await expect(player.getByRole('button', { name: '1×' })).toHaveAttribute('aria-pressed', 'false');
  expect(await page.locator('audio').evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.25);

  expect(await playFor(page, 1500)).toBeGreaterThan(0.5);
  expect(asked.length).toBeGreaterThan(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
});

test('a course saved with its spoken lessons plays them offline', async ({ context, page, isMobile }) => {
  test.skip(!isMobile, 'phone only');
  test.setTimeout(180_000);
  const name = 'Lò Thị Nghe Bài';
  await register(page, { name, login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectSignedIn(page, name);
  await openWithAudio(page, `/khoa-hoc/${COURSE}/bai/1`);

  await open(page, `/khoa-hoc/${COURSE}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  const withAudio = page.getByRole('checkbox', { name: /Kèm bản đọc của các bài \(khoảng [\d,]+ (KB|MB)\)/ });
  await expect(withAudio).toBeChecked();
  await page.getByRole('button', { name: 'Lưu để học khi không có mạng' }).press('Enter');
  await expect(page.locator('#offline-save-status')).toContainText('Đã lưu', { timeout: 60_000 });

  await context.setOffline(true);
  await page.goto(`/khoa-hoc/${COURSE}/bai/1`);
  await expect(page.getByRole('region', { name: 'Nghe bài học' })).toBeVisible();
  expect(await playFor(page, 1500)).toBeGreaterThan(0.5);
  await context.setOffline(false);
});
