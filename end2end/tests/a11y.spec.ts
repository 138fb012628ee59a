import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, open } from './helpers';

// WCAG 2.1 A and AA rules of axe-core, on every page as it is once the wasm has hydrated.
async function expectNoViolations(page: Page, path: string) {
  await open(page, path);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `${path} has accessibility violations`).toEqual([]);
}

test('public pages have no WCAG 2.1 AA violations', async ({ page }) => {
  for (const path of ['/', '/dang-nhap', '/dang-ky', '/khong-co-trang-nay', '/khoa-hoc', '/khoa-hoc/KNS-AT-01', '/khoa-hoc/KNS-AT-01/bai/1', '/khoa-hoc/KNS-AT-01/luyen-tap', '/ngoai-tuyen', '/xac-minh', '/xac-minh/00000-00000']) {
    await expectNoViolations(page, path);
  }
});

test('the HR pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await login(page, DEMO.hr, DEMO_PASSWORD);
  await expectPath(page, '/');
  for (const path of [
    '/don-vi',
    '/don-vi?unit=T-SKHCN-CDS',
    '/don-vi/nhan-su',
    '/don-vi/nhan-su?indicator=provincial_trained&status=not_trained',
    '/don-vi/nhan-su/SKHCN-0001',
    '/don-vi/nhap-du-lieu',
    '/don-vi/nhac-nho',
    '/don-vi/nhac-nho/moi?indicator=provincial_trained&status=not_trained',
    '/tai-khoan',
    '/hoc-tap',
    '/khoa-hoc/KNS-CC-01',
  ]) {
    await expectNoViolations(page, path);
  }
});

test('the admin pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await login(page, DEMO.admin, DEMO_PASSWORD);
  await expectPath(page, '/');
  for (const path of ['/quan-tri/nguoi-dung', '/quan-tri/ma-truy-cap', '/quan-tri/nhat-ky', '/quan-tri/ho-so-hoc-tap', '/quan-tri/tinh-thanh', '/don-vi']) {
    await expectNoViolations(page, path);
  }
});

test('the author pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await login(page, DEMO.author, DEMO_PASSWORD);
  await expectPath(page, '/');
  for (const path of [
    '/soan-bai',
    '/soan-bai/moi',
    '/soan-bai/KNS-AT-01',
    '/soan-bai/KNS-AT-01/bai-moi',
    '/soan-bai/kiem-tra',
    '/soan-bai/kiem-tra/KNS-AT-01-KT',
    '/soan-bai/kiem-tra/DG-LCKNS',
    '/soan-bai/ngan-hang',
  ]) {
    await expectNoViolations(page, path);
  }
  await open(page, '/soan-bai/KNS-AT-01');
  const edit = await page.getByTestId('author-lessons').locator('a').first().getAttribute('href');
  await expectNoViolations(page, edit!);
});

test('the learner pages have no WCAG 2.1 AA violations', async ({ page }) => {
  await login(page, DEMO.learner, DEMO_PASSWORD);
  await expectPath(page, '/');
  for (const path of ['/hoc-tap', '/chung-nhan', '/ky-nang-cua-toi', '/khoa-hoc?audience=residents', '/bai-kiem-tra/KNS-AT-01-KT']) {
    await expectNoViolations(page, path);
  }
  // An attempt: a question page, then the page that submits.
  // The desktop run starts the attempt; the phone run finds it open and resumes it.
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).or(page.getByRole('link', { name: 'Làm tiếp bài đang dở' })).click();
  await expect(page.getByRole('timer')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => v.id)).toEqual([]);
  await expectNoViolations(page, page.url().replace(/\?cau=1$/, '?cau=nop').replace(/^https?:\/\/[^/]+/, ''));
});

// WCAG 1.4.4 and 1.4.10: on a 360 px phone with the text at 200 %, pages reflow instead of
// scrolling sideways (tables scroll inside their own region, which is allowed).
test('text grown to 200% reflows on a phone-wide screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ['/', '/dang-ky', '/khoa-hoc', '/khoa-hoc/KNS-DC-01', '/khoa-hoc/KNS-DC-01/bai/1', '/xac-minh']) {
    await open(page, path);
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `${path} scrolls sideways at 200 % text`).toBeLessThanOrEqual(1);
  }
});
