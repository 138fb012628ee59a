import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expectPath, login, open, register, uniquePhone } from './helpers';
import { ROUTES } from './routes';

// What a phone downloads for a page on first load, as the browser receives it (bytes on the
// wire, headers included, the cache off). The service worker is left out: its precache (the
// offline page) is fetched after the page, once.
const BUDGET = 150 * 1024;
/** Signing in and answering a quiz happen on the cheapest phones, often on a weak signal. */
const LIGHT_BUDGET = 60 * 1024;
const LIGHT = ['/dang-nhap'];

/**
 * The pages that still load the whole wasm bundle (~1 MiB compressed), over the budget: the
 * lesson editor, with its live preview and its uploads' progress. Issue 21 is open until this
 * list is empty; the check below fails when a page joins it, and when one leaves it without
 * being taken off.
 */
const STILL_HYDRATING = [
  '/soan-bai/KNS-AT-01/bai-moi',
  '/soan-bai/KNS-AT-01/bai/1',
];

test.use({ serviceWorkers: 'block' });

interface Weight {
  bytes: number;
  wasm: boolean;
  uncompressed: string[];
}

/** Loads `path` with the cache off and sums what came over the wire. */
async function weigh(context: BrowserContext, page: Page, path: string): Promise<Weight> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map<string, { url: string; encoding: string; type: string }>();
  let bytes = 0;
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    responses.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] ?? '', type: e.type });
  });
  cdp.on('Network.loadingFinished', (e) => {
    bytes += e.encodedDataLength;
  });
  await page.goto(path, { waitUntil: 'networkidle' });
  await cdp.detach();
  const loaded = [...responses.values()];
  return {
    bytes,
    wasm: loaded.some((r) => /\.wasm$|\/pkg\/.*\.js$/.test(new URL(r.url).pathname)),
    // Text is compressed: the page by the server, the stylesheet and script ahead of time.
    uncompressed: loaded
      .filter((r) => ['Document', 'Stylesheet', 'Script'].includes(r.type) && !['br', 'gzip'].includes(r.encoding))
      .map((r) => r.url),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

// As the national admin, who is shown the most on the officers' pages (the learner's attempt
// page is measured on its own below).
test('every route within its budget on a phone', async ({ context, page }, info) => {
  test.skip(info.project.name !== 'phone', 'the budget is a phone’s; the bytes are the same on the desktop');
  test.setTimeout(240_000);
  await login(page, DEMO.admin, DEMO_PASSWORD);
  await expect(page).not.toHaveURL(/dang-nhap/);
  const problems: string[] = [];
  const hydrating: string[] = [];
  const table: string[] = [];
  for (const path of ROUTES) {
    const w = await weigh(context, page, path);
    table.push(`${kib(w.bytes).padStart(10)}  ${w.wasm ? 'wasm' : '    '}  ${path}`);
    if (w.uncompressed.length) problems.push(`${path} sends uncompressed: ${w.uncompressed.join(', ')}`);
    if (w.wasm) {
      hydrating.push(path);
      continue;
    }
    const budget = LIGHT.includes(path) ? LIGHT_BUDGET : BUDGET;
    if (w.bytes > budget) problems.push(`${path} loads ${kib(w.bytes)}, over ${kib(budget)}`);
  }
  console.log(`First load of each route on a phone, as the admin:\n${table.join('\n')}`);
  expect(problems, problems.join('\n')).toEqual([]);
  expect(hydrating, 'the pages that load the wasm are the list STILL_HYDRATING').toEqual(
    ROUTES.filter((r) => STILL_HYDRATING.includes(r)),
  );
});

test('a quiz attempt loads within 60 KiB, without the wasm', async ({ context, page }, info) => {
  test.skip(info.project.name !== 'phone', 'the budget is a phone’s');
  test.setTimeout(120_000);
  await register(page, { name: 'Đinh Thị Thu', login: uniquePhone(), password: 'Hoc-Tap-2026!' });
  await expectPath(page, '/');
  await open(page, '/bai-kiem-tra/KNS-DC-01-DV');
  await page.getByRole('button', { name: 'Bắt đầu làm bài' }).press('Enter');
  await expect(page.locator('legend')).toHaveText('Câu 1/8');
  const attempt = new URL(page.url());
  const w = await weigh(context, page, attempt.pathname + attempt.search);
  await expect(page.locator('legend')).toHaveText('Câu 1/8');
  expect(w.wasm).toBe(false);
  expect(w.uncompressed).toEqual([]);
  console.log(`A quiz attempt's question on a phone: ${kib(w.bytes)}`);
  expect(w.bytes, `the attempt page loads ${kib(w.bytes)}`).toBeLessThanOrEqual(LIGHT_BUDGET);
});

test('static files carry a content hash and are kept for a year', async ({ page, request }) => {
  const lesson = '/khoa-hoc/KNS-DC-01/bai/1';
  await page.goto(lesson);
  const css = await page.locator('link[rel="stylesheet"]').first().getAttribute('href');
  const script = await page.locator('script[src^="/offline.js"]').getAttribute('src');
  expect(css).toMatch(/^\/pkg\/hocvu\.[\w-]{8,}\.css$/);
  expect(script).toMatch(/^\/offline\.js\?v=[0-9a-f]{16}$/);
  for (const href of [css!, script!]) {
    const res = await request.get(href);
    expect(res.status(), href).toBe(200);
    expect(res.headers()['cache-control'], href).toBe('public, max-age=31536000, immutable');
  }
  // The page itself is never cached for long: it shows the learner's progress.
  const html = await request.get(lesson);
  expect(html.headers()['cache-control'] ?? '').not.toContain('immutable');
});

test('pages that need the wasm still load it', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await page.goto('/soan-bai/KNS-AT-01/bai-moi', { waitUntil: 'networkidle' });
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/\/pkg\/hocvu\.[\w-]{8,}(_bg)?\.wasm$/);
});
