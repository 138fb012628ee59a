// Học Vụ Số on a phone without a network, in plain JavaScript (it works before and without
// the wasm): registers the service worker, saves a course on request, keeps lesson
// completions and practice results made offline in an outbox (localStorage, each with a UUID)
// and sends them to POST /api/v1/sync when the network returns, and says all this in the live
// banner at the bottom of the page. It also gives a refused plain form back what was typed.

// A spoken lesson's speed buttons (0.75×, 1×, 1.25×), for every browser, service worker or not.
(function () {
  'use strict';
  document.documentElement.classList.add('has-js');
  document.addEventListener('click', function (e) {
    var button = e.target instanceof Element ? e.target.closest('[data-rate]') : null;
    if (!button) return;
    var group = button.closest('.listen');
    var audio = group && group.querySelector('audio');
    if (!audio) return;
    audio.playbackRate = parseFloat(button.getAttribute('data-rate')) || 1;
    audio.defaultPlaybackRate = audio.playbackRate;
    group.querySelectorAll('[data-rate]').forEach(function (b) {
      b.setAttribute('aria-pressed', b === button ? 'true' : 'false');
    });
  });
})();

// A form that posts to a server function on a page without the wasm: when the server sends the
// browser back refused (Leptos puts `__path` and `__err` in the URL), what was typed comes back
// into the form, so nothing is lost. Kept in this tab only, passwords and files never, and
// dropped at the next page whatever it is.
(function () {
  'use strict';
  var KEY = 'hvs-form';
  var store;
  try { store = window.sessionStorage; } catch (_) { return; }
  if (!store) return;
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !/^(password|file|submit|button)$/.test(el.type);
    });
  }
  function hiddenOf(form) {
    return fieldsOf(form).filter(function (el) { return el.type === 'hidden'; })
      .map(function (el) { return el.name + '=' + el.value; }).join('&');
  }
  window.addEventListener('submit', function (e) {
    var form = e.target;
    if (e.defaultPrevented || !(form instanceof HTMLFormElement)) return;
    var action = form.getAttribute('action') || '';
    if (action.indexOf('/_sf/') !== 0) return;
    var fields = fieldsOf(form).filter(function (el) { return el.type !== 'hidden'; })
      .map(function (el) { return [el.name, el.value, el.checked]; });
    try {
      store.setItem(KEY, JSON.stringify({ action: action, hidden: hiddenOf(form), fields: fields }));
    } catch (_) { /* full or refused: the form is sent all the same */ }
  });
  var kept = null;
  try { kept = JSON.parse(store.getItem(KEY) || 'null'); } catch (_) { kept = null; }
  store.removeItem(KEY);
  var query = new URLSearchParams(location.search);
  if (!kept || !query.has('__err') || query.get('__path') !== kept.action) return;
  var form = Array.prototype.find.call(document.forms, function (f) {
    return f.getAttribute('action') === kept.action && hiddenOf(f) === kept.hidden;
  });
  if (!form) return;
  kept.fields.forEach(function (k) {
    fieldsOf(form).forEach(function (el) {
      if (el.name !== k[0]) return;
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.value === k[1]) el.checked = k[2];
      } else {
        el.value = k[1];
      }
    });
  });
})();

(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !window.localStorage) return;
  var OUTBOX = 'hvs-outbox';
  var SAVED = 'hvs-saved';
  var root = document.documentElement;
  var en = root.lang === 'en';

  function count(n, one, many) { return n + ' ' + (n === 1 ? one : many); }
  function what(lessons, practices) {
    var parts = [];
    if (en) {
      if (lessons) parts.push(count(lessons, 'lesson marked done', 'lessons marked done'));
      if (practices) parts.push(count(practices, 'practice result', 'practice results'));
    } else {
      if (lessons) parts.push(lessons + ' bài học đã đánh dấu');
      if (practices) parts.push(practices + ' kết quả luyện tập');
    }
    return parts.join(en ? ' and ' : ' và ');
  }
  var T = en ? {
    offline: function (l, p) { return 'You are offline.' + (l || p ? ' ' + what(l, p) + ' will be sent when the network is back.' : ' Saved courses still work.'); },
    pending: function (l, p) { return what(l, p) + ' waiting to be sent.'; },
    sent: function (l, p) { return 'Sent: ' + what(l, p) + '.'; },
    rejected: function (n, why) { return count(n, 'item was', 'items were') + ' refused by the server: ' + why; },
    signIn: 'Sign in again to send what you did offline.',
    saving: 'Saving the course on this device…',
    saved: function (title, n) { return '“' + title + '” is saved on this device (' + n + ' pages and files). You can learn it offline.'; },
    saveFailed: 'The course could not be saved completely. Check the connection and try again.',
    later: 'Marked done — it will be sent when the network is back.',
    outcome: function (c, t, s) { return c + '/' + t + ' right (' + s.toFixed(1) + '%).'; },
    right: 'Right.', wrong: 'Not right: read the explanation.',
    queued: 'Your result will be sent when the network is back.',
    unsent: function (l, p) { return what(l, p) + ' could not be sent yet and will be lost if you sign out now. Sign out anyway?'; }
  } : {
    offline: function (l, p) { return 'Bạn đang ngoại tuyến.' + (l || p ? ' ' + what(l, p) + ' sẽ được gửi khi có mạng.' : ' Các khoá học đã lưu vẫn học được.'); },
    pending: function (l, p) { return what(l, p) + ' đang chờ gửi.'; },
    sent: function (l, p) { return 'Đã gửi ' + what(l, p) + '.'; },
    rejected: function (n, why) { return 'Máy chủ không nhận ' + n + ' mục: ' + why; },
    signIn: 'Hãy đăng nhập lại để gửi những gì bạn đã học khi không có mạng.',
    saving: 'Đang lưu khoá học vào máy…',
    saved: function (title, n) { return 'Đã lưu «' + title + '» vào máy (' + n + ' trang và tệp). Bạn có thể học khi không có mạng.'; },
    saveFailed: 'Chưa lưu được đầy đủ khoá học. Hãy kiểm tra kết nối mạng và thử lại.',
    later: 'Đã đánh dấu — sẽ gửi khi có mạng.',
    outcome: function (c, t, s) { return c + '/' + t + ' câu đúng (' + s.toFixed(1).replace('.', ',') + '%).'; },
    right: 'Đúng.', wrong: 'Chưa đúng: hãy đọc lời giải thích.',
    queued: 'Kết quả sẽ được gửi khi có mạng.',
    unsent: function (l, p) { return what(l, p) + ' chưa gửi được và sẽ mất nếu bạn đăng xuất bây giờ. Vẫn đăng xuất?'; }
  };

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || '[]'); } catch (e) { return []; }
  }
  function store(key, value) { localStorage.setItem(key, JSON.stringify(value)); }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  function queue(item) {
    item.id = uuid();
    item.at = new Date().toISOString();
    var items = load(OUTBOX);
    items.push(item);
    store(OUTBOX, items);
  }
  function tally(items) {
    var l = 0, p = 0;
    items.forEach(function (i) { if (i.kind === 'lesson_done') l += 1; else p += 1; });
    return [l, p];
  }

  // The banner: offline and what waits, or the last word on a sync.
  var note = '';
  function banner() {
    var el = document.getElementById('offline-banner');
    if (!el) return;
    var t = tally(load(OUTBOX));
    var text = !navigator.onLine ? T.offline(t[0], t[1]) : (note || (t[0] + t[1] ? T.pending(t[0], t[1]) : ''));
    if (el.textContent !== text) el.textContent = text;
  }

  // Sends the outbox; the promise settles when this attempt (or the one already out) is over.
  var inflight = null;
  function sync() {
    var items = load(OUTBOX);
    if (inflight) return inflight;
    if (!navigator.onLine || !items.length) return Promise.resolve();
    inflight = fetch('/api/v1/sync', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ items: items })
    }).then(function (res) {
      if (res.status === 401) { note = T.signIn; return null; }
      if (!res.ok) throw new Error(String(res.status));
      return res.json();
    }).then(function (body) {
      if (!body) return;
      var byId = {};
      body.results.forEach(function (r) { if (r.id) byId[r.id] = r; });
      var sent = items.filter(function (i) { return byId[i.id] && byId[i.id].status !== 'rejected'; });
      var refused = items.filter(function (i) { return byId[i.id] && byId[i.id].status === 'rejected'; });
      // Items queued while this request was out stay for the next one.
      store(OUTBOX, load(OUTBOX).filter(function (i) { return !byId[i.id]; }));
      var t = tally(sent);
      note = sent.length ? T.sent(t[0], t[1]) : '';
      if (refused.length) note += (note ? ' ' : '') + T.rejected(refused.length, byId[refused[0].id].message || '');
      root.setAttribute('data-synced', String(Date.now()));
    }).catch(function () { /* still offline in fact: try at the next chance */ })
      .then(function () { inflight = null; banner(); });
    return inflight;
  }

  // "Mark as done" while offline: kept in the outbox instead of posted.
  function markLater(form) {
    var button = form.querySelector('button');
    if (button) { button.disabled = true; button.textContent = T.later; }
  }
  function lessonOf(form) {
    return { course: form.elements.code && form.elements.code.value, lesson: Number(form.elements.position && form.elements.position.value) };
  }
  function markQueuedForms() {
    var items = load(OUTBOX);
    document.querySelectorAll('form[data-offline="lesson-done"]').forEach(function (form) {
      var l = lessonOf(form);
      if (items.some(function (i) { return i.kind === 'lesson_done' && i.course === l.course && i.lesson === l.lesson; })) markLater(form);
    });
  }

  // Practice: graded here from the answer key in the page, offline or not.
  function normalise(text) { return text.normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).join(' '); }
  function answerOf(q, values) {
    if (!values.length) return null;
    if (q.kind === 'single_choice' || q.kind === 'multiple_choice') return { type: 'choices', value: values.map(Number) };
    if (q.kind === 'true_false') return { type: 'truth', value: values[0] === 'true' };
    var text = String(values[0]);
    return text.trim() ? { type: 'text', value: text } : null;
  }
  function scoreOf(q, a) {
    if (!a) return 0;
    var s = 0;
    if (q.kind === 'single_choice' && a.type === 'choices' && a.value.length === 1) {
      s = ((q.choices[a.value[0]] || {}).weight || 0) / 100;
    } else if (q.kind === 'multiple_choice' && a.type === 'choices') {
      a.value.filter(function (v, i, all) { return all.indexOf(v) === i; })
        .forEach(function (i) { s += ((q.choices[i] || {}).weight || 0) / 100; });
    } else if (q.kind === 'true_false' && a.type === 'truth') {
      s = q.truth === a.value ? 1 : 0;
    } else if (q.kind === 'short_answer' && a.type === 'text') {
      var given = normalise(a.value);
      s = given && q.accepted.some(function (x) { return normalise(x) === given; }) ? 1 : 0;
    }
    return Math.min(1, Math.max(0, s));
  }
  function practice(form) {
    var keyEl = document.getElementById('practice-key');
    if (!keyEl) return;
    var key = JSON.parse(keyEl.textContent);
    var data = new FormData(form);
    var answers = key.map(function (q) { return answerOf(q.question, data.getAll('q' + q.position)); });
    var earned = 0, correct = 0;
    key.forEach(function (q, i) {
      var s = scoreOf(q.question, answers[i]);
      earned += s;
      if (s >= 0.999) correct += 1;
      var box = form.querySelector('[data-q="' + q.position + '"]');
      if (!box) return;
      box.classList.remove('right', 'wrong');
      box.classList.add(s >= 0.999 ? 'right' : 'wrong');
      var verdict = box.querySelector('.verdict');
      if (verdict) verdict.textContent = s >= 0.999 ? T.right : T.wrong;
      var details = box.querySelector('details');
      if (details) details.open = true;
    });
    var score = key.length ? Math.round(earned / key.length * 1000) / 10 : 0;
    var text = T.outcome(correct, key.length, score);
    if (form.getAttribute('data-signed-in') === 'true') {
      queue({ kind: 'practice', course: form.getAttribute('data-course'), answers: answers, score: score });
      if (!navigator.onLine) text += ' ' + T.queued;
    }
    var out = document.getElementById('practice-result');
    if (out) out.textContent = text;
    banner();
    sync();
  }

  // Saving a course: the server lists what to keep, the service worker keeps it.
  function ask(worker, message) {
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function (e) { resolve(e.data || {}); };
      worker.postMessage(message, [channel.port2]);
    });
  }
  function saveCourse(code) {
    var status = document.getElementById('offline-save-status');
    function say(text) { if (status) status.textContent = text; }
    say(T.saving);
    fetch('/api/v1/courses/' + encodeURIComponent(code) + '/offline', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
      .then(function (pack) {
        return navigator.serviceWorker.ready.then(function (reg) {
          // The spoken lessons only when the learner kept the box ticked (their size is beside it).
          // Video files only when the learner ticked theirs (off at first).
          var withAudio = document.getElementById('offline-audio');
          var withVideo = document.getElementById('offline-video');
          var urls = pack.urls.filter(function (u) {
            if (u.indexOf('/am-thanh/') === 0) return !withAudio || withAudio.checked;
            if (u.indexOf('/video/') === 0) return !!withVideo && withVideo.checked;
            return true;
          });
          return ask(reg.active, { type: 'save-course', code: pack.course, urls: urls });
        }).then(function (answer) {
          if (!answer.ok) throw new Error('incomplete');
          var saved = load(SAVED).filter(function (c) { return c.code !== pack.course; });
          saved.push({ code: pack.course, title: pack.title, at: new Date().toISOString() });
          store(SAVED, saved);
          say(T.saved(pack.title, answer.saved));
          root.setAttribute('data-saved-course', pack.course);
        });
      })
      .catch(function () { say(T.saveFailed); });
  }

  function listSaved() {
    var list = document.getElementById('saved-courses');
    if (!list) return;
    var saved = load(SAVED);
    list.textContent = '';
    saved.forEach(function (c) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = '/khoa-hoc/' + encodeURIComponent(c.code);
      a.textContent = c.title + ' (' + c.code + ')';
      li.appendChild(a);
      list.appendChild(li);
    });
    var none = document.getElementById('saved-none');
    if (none) none.hidden = saved.length > 0;
  }

  // Signing out with something still unsent: send it first; what cannot be sent is only
  // thrown away when the learner says so.
  function signOut(form) {
    sync().then(function () {
      var left = load(OUTBOX);
      var t = tally(left);
      if (!left.length || window.confirm(T.unsent(t[0], t[1]))) {
        forget();
        form.submit();
      }
    });
  }

  // On a shared phone, signing out takes the saved pages and the outbox with it.
  function forget() {
    localStorage.removeItem(SAVED);
    localStorage.removeItem(OUTBOX);
    if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage({ type: 'forget-courses' });
  }

  window.addEventListener('submit', function (e) {
    var form = e.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.getAttribute('data-offline') === 'lesson-done') {
      if (navigator.onLine) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      var l = lessonOf(form);
      queue({ kind: 'lesson_done', course: l.course, lesson: l.lesson });
      markLater(form);
      banner();
    } else if (form.id === 'practice-form') {
      e.preventDefault();
      e.stopImmediatePropagation();
      practice(form);
    } else if (form.getAttribute('action') === '/dang-xuat') {
      if (!load(OUTBOX).length) { forget(); return; }
      e.preventDefault();
      e.stopImmediatePropagation();
      signOut(form);
    }
  }, true);

  window.addEventListener('click', function (e) {
    var target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    var save = target.closest('[data-offline-save]');
    if (save) {
      e.preventDefault();
      saveCourse(save.getAttribute('data-offline-save'));
      return;
    }
    // Offline, a link is a real page load, so the service worker answers with the saved page
    // (the wasm router would ask the server for data it cannot reach).
    var a = navigator.onLine ? null : target.closest('a[href]');
    if (a && a.origin === location.origin && !a.hasAttribute('download') && !e.ctrlKey && !e.metaKey) {
      e.preventDefault();
      e.stopImmediatePropagation();
      location.href = a.href;
    }
  }, true);

  window.addEventListener('online', function () { note = ''; banner(); sync(); });
  window.addEventListener('offline', function () { note = ''; banner(); });

  root.classList.add('has-sw');
  navigator.serviceWorker.register('/sw.js').catch(function () { root.classList.remove('has-sw'); });
  markQueuedForms();
  listSaved();
  banner();
  sync();
})();
