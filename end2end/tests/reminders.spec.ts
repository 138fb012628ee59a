import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, login, open } from './helpers';

// An HR officer reminds the people of their unit not yet trained, in their own words: previews
// the message for one person, sends it, follows each recipient's state; the messages reach the
// SMTP server playwright.config.ts starts (aiosmtpd, writing them into target/e2e-mail/), and
// one person unsubscribes with the link their message carries.
const MAIL_DIR = join(__dirname, '..', '..', 'target', 'e2e-mail');

/** The decoded Subject of a raw message (RFC 2047 words joined). */
function subjectOf(raw: string): string {
  const header = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = header.split(/\r?\n/).find((l) => /^subject:/i.test(l)) ?? '';
  return line
    .replace(/^subject:\s*/i, '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?b\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

/** The raw messages received whose subject contains `tag`. */
function messagesWith(tag: string): string[] {
  if (!existsSync(MAIL_DIR)) return [];
  return readdirSync(MAIL_DIR)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => readFileSync(join(MAIL_DIR, f), 'utf8'))
    .filter((raw) => subjectOf(raw).includes(tag));
}

// Runs on the desktop only (playwright.config.ts): the demo unit has one untrained person with
// an address, who unsubscribes at the end (the compose page on a phone is in a11y.spec.ts).
test('an hr officer reminds the untrained of their unit in their own words', async ({ page }) => {
  test.setTimeout(120_000);
  const tag = `đợt ${Date.now()}`;
  const subject = `Nhắc hoàn thành bồi dưỡng kỹ năng số (${tag})`;
  await login(page, DEMO.hr, DEMO_PASSWORD);
  await open(page, '/don-vi/nhac-nho/moi?indicator=provincial_trained&status=not_trained');
  await page.getByLabel('Tiêu đề').fill(subject);
  await page.getByLabel('Nội dung').fill('Kính gửi {ho_ten} ({don_vi}): đề nghị hoàn thành khóa {khoa_hoc} trước ngày {han}.');
  await page.getByLabel('Khóa học').fill('Kỹ năng số cho cán bộ, công chức');
  await page.getByLabel('Hạn hoàn thành').fill('2026-12-31');
  await page.getByRole('button', { name: 'Xem trước' }).click();

  const sample = page.getByTestId('reminder-sample');
  await expect(sample).toContainText('Kính gửi');
  await expect(sample).toContainText('Kỹ năng số cho cán bộ, công chức');
  await expect(sample).toContainText('31/12/2026');
  await expect(sample).not.toContainText('{ho_ten}');
  await expect(sample).not.toContainText('{don_vi}');

  await page.getByRole('button', { name: 'Gửi thư nhắc' }).click();
  await expect(page).toHaveURL(/\/don-vi\/nhac-nho\/\d+$/);
  const recipients = page.getByTestId('reminder-recipients');
  await expect(recipients).toBeVisible();
  const total = await recipients.locator('tbody tr').count();
  expect(total).toBeGreaterThan(0);

  // The sender works through the queue: reload until every message is sent.
  await expect(async () => {
    await page.reload();
    await expect(recipients.locator('tbody tr', { hasText: 'Đã gửi' })).toHaveCount(total);
  }).toPass({ timeout: 60_000, intervals: [1_000] });

  const received = messagesWith(tag);
  expect(received, 'one message a person').toHaveLength(total);
  expect(subjectOf(received[0])).toBe(subject);
  expect(received[0]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/im);

  // A recipient unsubscribes from the link in their message: asked first, then done.
  const link = received[0].match(/^List-Unsubscribe:\s*<([^>]+)>/im)![1];
  await page.context().clearCookies();
  await page.goto(link);
  await page.getByRole('button', { name: 'Hủy nhận thư' }).click();
  await expect(page.getByText('Đã hủy: bạn sẽ không nhận thư nhắc ở địa chỉ này nữa.')).toBeVisible();
});
