// Học Vụ Số service worker. Pages: the network first, the saved copy when offline, else the
// offline page. Static files with a content hash in their name (`/pkg/hocvu.{hash}.css`,
// `/offline.js?v={hash}`): the cached copy for good, and older versions dropped; other static
// files: the cached copy at once, refreshed in the background. Courses are saved on the
// page's request, each in its own cache `hvs-course-{code}`, spoken lessons (`/am-thanh/…`),
// videos (`/video/…`, when the learner chose) and captions included: a saved one is played
// from the cache, in the ranges the player asks for, and an unsaved one goes to the network
// untouched. API calls never touch a cache.
'use strict';

const VERSION = 'v3';
const STATIC = 'hvs-static-' + VERSION;
const COURSE_PREFIX = 'hvs-course-';
const OFFLINE_PAGE = '/ngoai-tuyen';
const PRECACHE = [OFFLINE_PAGE, '/favicon.svg', '/manifest.webmanifest'];

// The offline page and the files it links (their names change with their content).
async function precache() {
  const cache = await caches.open(STATIC);
  await Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => undefined)));
  const page = await cache.match(OFFLINE_PAGE);
  if (!page) return;
  const html = await page.text();
  const linked = html.match(/(\/pkg\/[^"' ]+\.css|\/offline\.js\?v=[0-9a-f]+)/g) || [];
  await Promise.all(linked.map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((k) => k.startsWith('hvs-static-') && k !== STATIC)
        .map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isStatic(path) {
  return path.startsWith('/pkg/') || path.startsWith('/icons/') || path.startsWith('/tep/') ||
    path === '/favicon.svg' || path === '/offline.js' || path === '/manifest.webmanifest';
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    event.respondWith(page(req, event));
  } else if (isMedia(url.pathname)) {
    event.respondWith(media(req));
  } else if (isStatic(url.pathname)) {
    event.respondWith(staticFile(req, event));
  }
});

async function page(req, event) {
  try {
    const res = await fetch(req);
    if (res.ok && !res.redirected) event.waitUntil(refreshSaved(req, res.clone()));
    return res;
  } catch (offline) {
    const saved = await caches.match(req);
    if (saved) return saved;
    const fallback = await caches.match(OFFLINE_PAGE);
    // Sent there rather than shown here: the app hydrates the page for the address it is at.
    if (fallback && new URL(req.url).pathname !== OFFLINE_PAGE) {
      return Response.redirect(new URL(OFFLINE_PAGE, self.location.origin).href, 302);
    }
    return fallback || new Response('Bạn đang ngoại tuyến. / You are offline.', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
}

// A saved page seen again online replaces its saved copy, so it shows today's progress.
async function refreshSaved(req, res) {
  const keys = (await caches.keys()).filter((k) => k.startsWith(COURSE_PREFIX));
  for (const key of keys) {
    const cache = await caches.open(key);
    if (await cache.match(req)) await cache.put(req, res.clone());
  }
}

// `/pkg/hocvu.3f9a….css` or `/offline.js?v=3f9a…`: the name changes when the content does.
function isHashed(url) {
  return /^\/pkg\/[^/]+\.[0-9A-Za-z_-]{8,}\.[a-z]+$/.test(url.pathname) ||
    (url.pathname === '/offline.js' && /^\?v=[0-9a-f]+$/.test(url.search));
}

// The same file under an older hash: `/pkg/hocvu.X.css` for `/pkg/hocvu.Y.css`.
function sameFile(a, b) {
  const strip = (u) => u.pathname.replace(/\.[0-9A-Za-z_-]{8,}(\.[a-z]+)$/, '$1');
  return a.href !== b.href && strip(a) === strip(b);
}

async function hashedFile(req) {
  const cached = await caches.match(req);
  if (cached) return cached;
  const res = await fetch(req);
  if (res.ok) {
    const cache = await caches.open(STATIC);
    const url = new URL(req.url);
    const old = (await cache.keys()).filter((k) => sameFile(new URL(k.url), url));
    await Promise.all(old.map((k) => cache.delete(k)));
    await cache.put(req, res.clone());
  }
  return res;
}

async function staticFile(req, event) {
  if (isHashed(new URL(req.url))) return hashedFile(req);
  const cached = await caches.match(req);
  const fresh = fetch(req).then(async (res) => {
    if (res.ok) await (await caches.open(STATIC)).put(req, res.clone());
    return res;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => undefined));
    return cached;
  }
  return fresh;
}

// Spoken lessons, lesson videos and their captions.
function isMedia(path) {
  return path.startsWith('/am-thanh/') || path.startsWith('/video/') || path.startsWith('/phu-de/');
}

// A lesson's audio, video or captions: from a saved course when it is there (the range asked
// for cut from the whole file, as a server would), else from the network.
async function media(req) {
  const saved = await caches.match(req.url);
  if (!saved) return fetch(req);
  const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.get('range') || '');
  if (!range) return saved;
  const whole = await saved.arrayBuffer();
  const size = whole.byteLength;
  const start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  const end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start >= size || start > end) {
    return new Response(null, { status: 416, headers: { 'content-range': 'bytes */' + size } });
  }
  return new Response(whole.slice(start, end + 1), {
    status: 206,
    headers: {
      'content-type': saved.headers.get('content-type') || 'audio/mpeg',
      'content-range': 'bytes ' + start + '-' + end + '/' + size,
      'content-length': String(end - start + 1),
      'accept-ranges': 'bytes',
    },
  });
}

// Saves every address of a course (as `GET /api/v1/courses/{code}/offline` lists them) in
// the course's own cache; answers on the message port how many were saved.
async function saveCourse(code, urls) {
  const cache = await caches.open(COURSE_PREFIX + code);
  let saved = 0;
  const failed = [];
  await Promise.all(urls.filter((u) => typeof u === 'string' && u.startsWith('/')).map(async (url) => {
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok || res.redirected) throw new Error(String(res.status));
      await cache.put(url, res);
      saved += 1;
    } catch (e) {
      failed.push(url);
    }
  }));
  return { ok: failed.length === 0, saved, failed };
}

async function forgetCourses() {
  const keys = (await caches.keys()).filter((k) => k.startsWith(COURSE_PREFIX));
  await Promise.all(keys.map((k) => caches.delete(k)));
  return { ok: true };
}

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  const port = event.ports && event.ports[0];
  let work;
  if (msg.type === 'save-course' && typeof msg.code === 'string' && Array.isArray(msg.urls)) {
    work = saveCourse(msg.code, msg.urls);
  } else if (msg.type === 'forget-courses') {
    work = forgetCourses();
  } else {
    return;
  }
  event.waitUntil(work
    .then((answer) => port && port.postMessage(answer))
    .catch((e) => port && port.postMessage({ ok: false, error: String(e) })));
});
