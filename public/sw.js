// Học Vụ Số service worker. Pages: the network first, the saved copy when offline, else the
// offline page. Static files: the cached copy at once, refreshed in the background (their
// names carry no hash, so a cached copy is never trusted for good). Courses are saved on the
// page's request, each in its own cache `hvs-course-{code}`. API calls never touch a cache.
'use strict';

const VERSION = 'v1';
const STATIC = 'hvs-static-' + VERSION;
const COURSE_PREFIX = 'hvs-course-';
const OFFLINE_PAGE = '/ngoai-tuyen';
const PRECACHE = [OFFLINE_PAGE, '/offline.js', '/pkg/hocvu.css', '/favicon.svg', '/manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(STATIC)
      .then((cache) => Promise.all(PRECACHE.map((url) => cache.add(url).catch(() => undefined))))
      .then(() => self.skipWaiting()),
  );
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

async function staticFile(req, event) {
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
