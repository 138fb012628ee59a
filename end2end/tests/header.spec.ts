import { expect, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, header, login, open } from './helpers';

// Signed in on a 360×740 phone, the header used to wrap its links into four rows (eight for
// the admin) before any lesson text; they now sit behind one menu button.
test.skip(({ isMobile }) => !isMobile, 'the phone header');

const LESSON = '/khoa-hoc/KNS-AT-01/bai/1';

for (const [role, account] of Object.entries(DEMO)) {
  test(`signed in as ${role}, a phone's header leaves the lesson in view`, async ({ page }, info) => {
    await login(page, account, DEMO_PASSWORD);
    await expect(page).toHaveURL((url) => url.pathname === '/');
    await open(page, LESSON);
    const bar = await header(page).boundingBox();
    expect(bar!.height, 'one row of header').toBeLessThanOrEqual(96);
    // Before, the links alone took about 240 px: the title began below the first third.
    const title = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(title!.y, 'the lesson starts in the first third').toBeLessThan(740 / 3);
    await info.attach(`header-360x740-${role}.png`, { body: await page.screenshot(), contentType: 'image/png' });

    // By keyboard: the menu button opens the links, in the reading order of the header.
    const menu = header(page).locator('details.site-menu > summary');
    await expect(header(page).getByRole('button', { name: 'Đăng xuất', exact: true })).toBeHidden();
    await menu.focus();
    await page.keyboard.press('Enter');
    const signOut = header(page).getByRole('button', { name: 'Đăng xuất', exact: true });
    await expect(signOut).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(header(page).getByTestId('user-name')).toBeVisible();
    await expect(page.locator(':focus')).toHaveAttribute('href', '/tai-khoan');
    await info.attach(`menu-360x740-${role}.png`, { body: await page.screenshot(), contentType: 'image/png' });
  });
}
