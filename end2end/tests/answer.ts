import { expect, type Locator, type Page } from '@playwright/test';
import { keyOf, loadBank } from './bank';

const bank = loadBank();

/**
 * Ticks a radio button or checkbox from the keyboard, as a learner without a mouse would.
 * (Chromium's phone emulation sometimes offsets the visual viewport after a navigation, so a
 * pointer tap can land beside its target; keys do not.)
 */
export async function tick(input: Locator) {
  await input.focus();
  await input.press('Space');
  await expect(input).toBeChecked();
}

/**
 * Answers the question on the page as the bank says, then saves and goes on. With `known`, only
 * a question of one of those domains is answered; any other is left blank, as by a learner who
 * does not know it. The question's domain is returned.
 */
export async function answerRight(page: Page, known?: string[]): Promise<string> {
  const text = await page.locator('.question-text').innerText();
  const key = bank.get(keyOf(text));
  expect(key, `the bank knows: ${text}`).toBeDefined();
  if (known && !known.includes(key!.domain)) {
    // Left blank.
  } else if (key!.truth !== undefined) {
    await tick(page.getByLabel(key!.truth ? 'Đúng' : 'Sai', { exact: true }));
  } else if (key!.pairs.length > 0) {
    for (const [left, right] of key!.pairs.filter(([l]) => l)) {
      await page.getByLabel(left, { exact: true }).selectOption({ label: right });
    }
  } else if (await page.locator('input[name=tra_loi]').count()) {
    await page.locator('input[name=tra_loi]').fill(key!.right[0]);
  } else {
    for (const option of await page.locator('.option').all()) {
      const text = (await option.locator('label').innerText()).trim();
      if (key!.right.includes(text)) await tick(option.locator('input'));
    }
  }
  await page.getByRole('button', { name: 'Lưu và sang câu tiếp' }).press('Enter');
  return key!.domain;
}
