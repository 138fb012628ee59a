import { expect, test } from '@playwright/test';

// What a resident's phone downloads for the first lesson, as the browser receives it (bytes on
// the wire, headers included): within the budget of 150 KiB, compressed, and no wasm — a
// reading page works with links and forms alone. The service worker is left out here: its
// precache (the offline page) is fetched after the page, once.
const FIRST_LESSON = '/khoa-hoc/KNS-DC-01/bai/1';
const BUDGET = 150 * 1024;

test.use({ serviceWorkers: 'block' });

test('the first lesson page loads within 150 KiB compressed, without the wasm', async ({ context, page }) => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const responses = new Map<string, { url: string; encoding: string; type: string }>();
  let onWire = 0;
  cdp.on('Network.responseReceived', (e) => {
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    responses.set(e.requestId, { url: e.response.url, encoding: h['content-encoding'] ?? '', type: e.type });
  });
  cdp.on('Network.loadingFinished', (e) => {
    onWire += e.encodedDataLength;
  });
  await page.goto(FIRST_LESSON, { waitUntil: 'networkidle' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const loaded = [...responses.values()];
  expect(loaded.filter((r) => /\.wasm$|\/pkg\/.*\.js$/.test(new URL(r.url).pathname))).toEqual([]);
  // Text is compressed: the page by the server, the stylesheet and script ahead of time.
  for (const r of loaded.filter((r) => ['Document', 'Stylesheet', 'Script'].includes(r.type))) {
    expect(['br', 'gzip'], `${r.url} is sent uncompressed`).toContain(r.encoding);
  }
  expect(onWire, `the first lesson loads ${(onWire / 1024).toFixed(1)} KiB`).toBeLessThanOrEqual(BUDGET);
});

test('static files carry a content hash and are kept for a year', async ({ page, request }) => {
  await page.goto(FIRST_LESSON);
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
  const html = await request.get(FIRST_LESSON);
  expect(html.headers()['cache-control'] ?? '').not.toContain('immutable');
});

test('pages that need the wasm still load it', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(r.url());
  });
  await page.goto('/dang-nhap', { waitUntil: 'networkidle' });
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/\/pkg\/hocvu\.[\w-]{8,}(_bg)?\.wasm$/);
});
