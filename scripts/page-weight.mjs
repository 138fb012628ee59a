#!/usr/bin/env node
// Page weight of the first page a learner opens: the HTML and every stylesheet, script,
// WebAssembly module and image it loads, each raw, gzip (level 9) and brotli (quality 11),
// against the budget of 150 KiB compressed (brotli total). Prints a table; exits non-zero over
// budget with --enforce.
//
//   node scripts/page-weight.mjs [--base http://127.0.0.1:3000] [--path /khoa-hoc/KNS-DC-01/bai/1]
//                                [--budget-kib 150] [--enforce]
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const base = opt('--base', process.env.HOCVU_URL ?? 'http://127.0.0.1:3000');
const path = opt('--path', '/khoa-hoc/KNS-DC-01/bai/1');
const budgetKiB = Number(opt('--budget-kib', '150'));
const enforce = args.includes('--enforce');

async function bytesOf(url) {
  const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

/** Same-origin addresses of what the page loads: stylesheets, scripts, preloads, images. */
function assetsOf(html, pageUrl) {
  const found = new Set();
  const tag = /<(link|script|img)\b[^>]*>/gi;
  for (const [t, name] of html.matchAll(tag)) {
    const attr = (a) => (t.match(new RegExp(`\\b${a}\\s*=\\s*"([^"]*)"`, 'i')) ?? [])[1];
    const rel = (attr('rel') ?? '').toLowerCase();
    let ref;
    if (name.toLowerCase() === 'link' && /stylesheet|modulepreload|preload|icon|manifest/.test(rel)) ref = attr('href');
    else if (name.toLowerCase() !== 'link') ref = attr('src');
    if (!ref) continue;
    const url = new URL(ref, pageUrl);
    if (url.origin === new URL(pageUrl).origin) found.add(url.href);
  }
  return [...found];
}

const kib = (n) => (n / 1024).toFixed(1);
const pad = (s, n) => String(s).padStart(n);

const pageUrl = new URL(path, base).href;
const html = await bytesOf(pageUrl);
const rows = [[path, html]];
for (const url of assetsOf(html.toString('utf8'), pageUrl)) {
  rows.push([new URL(url).pathname, await bytesOf(url)]);
}

const total = { raw: 0, gzip: 0, br: 0 };
console.log(`Page weight of ${pageUrl}`);
console.log(`${'resource'.padEnd(44)} ${pad('raw KiB', 10)} ${pad('gzip KiB', 10)} ${pad('brotli KiB', 11)}`);
for (const [name, body] of rows) {
  const gz = gzipSync(body, { level: 9 }).length;
  const br = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  total.raw += body.length;
  total.gzip += gz;
  total.br += br;
  console.log(`${name.slice(0, 44).padEnd(44)} ${pad(kib(body.length), 10)} ${pad(kib(gz), 10)} ${pad(kib(br), 11)}`);
}
console.log(`${'total'.padEnd(44)} ${pad(kib(total.raw), 10)} ${pad(kib(total.gzip), 10)} ${pad(kib(total.br), 11)}`);
const over = total.br > budgetKiB * 1024;
console.log(
  `budget ${budgetKiB} KiB compressed (brotli): ${over ? 'OVER' : 'within'} by ${kib(Math.abs(budgetKiB * 1024 - total.br))} KiB`,
);
process.exit(over && enforce ? 1 : 0);
