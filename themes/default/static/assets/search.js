/* Search as you type, for the front page and the area pages.
   Matches a place or a person by characters (刘庄), full pinyin (liuzhuang), initials (lz) or a
   mix (liuz), or by the last digits of a phone number. Plain ES5 and XMLHttpRequest, so that it
   runs in the old browsers built into cheap phones; without it the page lists every unit anyway.
   The index (search.json) is fetched on first use, so a page that is only read costs nothing. */
(function () {
  'use strict';
  var form = document.querySelector('form.search');
  if (!form || !window.JSON || !document.addEventListener) return;
  var input = form.querySelector('input');
  var status = form.querySelector('[role=status]');
  var list = form.querySelector('.search-results');
  var root = form.getAttribute('data-root') || './';
  // On an area page, that area's own places come first among equally good matches.
  var scope = form.getAttribute('data-scope') || '';
  var MAX = 20;
  var entries = null;
  var waiting = [];
  var timer = 0;

  function text(key, n, shown) {
    return (form.getAttribute('data-' + key) || '')
      .replace('{n}', n).replace('{shown}', shown);
  }

  function load(then) {
    if (entries) return then();
    waiting.push(then);
    if (waiting.length > 1) return;
    var xhr = new XMLHttpRequest();
    xhr.open('GET', form.getAttribute('data-index'));
    xhr.onload = function () {
      try {
        if (xhr.status !== 200 && xhr.status !== 0) throw new Error(xhr.status);
        entries = prepare(JSON.parse(xhr.responseText));
      } catch (e) {
        return failed();
      }
      var run = waiting;
      waiting = [];
      for (var i = 0; i < run.length; i++) run[i]();
    };
    xhr.onerror = failed;
    xhr.send();
  }

  function failed() {
    waiting = [];
    status.textContent = text('failed');
    form.setAttribute('aria-busy', 'false');
  }

  // One flat list: places (units and areas) first, then people.
  function prepare(index) {
    var kinds = index.kinds || {};
    var people = index.people || [];
    var out = [];
    // `zhong|chong yang cun` → [['zhong', 'chong'], ['yang'], ['cun']]: every reading of
    // each syllable, and ü also as u (people type 吕 as lv or lu).
    function words(s) {
      return !s ? [] : s.split(' ').map(function (w) {
        var forms = w.split('|');
        forms.forEach(function (f) {
          if (f.indexOf('v') >= 0) forms.push(f.replace(/v/g, 'u'));
        });
        return forms;
      });
    }
    function person(p) {
      return { n: p.n, syl: words(p.p), i: p.i, d: p.d || [] };
    }
    var persons = people.map(person);
    (index.places || []).forEach(function (p) {
      out.push({
        n: p.n, syl: words(p.p), i: p.i, url: p.u, ctx: p.a,
        kind: kinds[p.k] || '', d: [],
        members: p.m.map(function (m) { return { who: persons[m[0]], role: m[1] }; })
      });
    });
    people.forEach(function (p, k) {
      var e = persons[k];
      e.url = p.u; e.ctx = p.t || ''; e.kind = kinds.person || ''; e.members = [];
      out.push(e);
    });
    return out;
  }

  // Full-width letters and digits (as some input methods type them) become ASCII.
  function normalize(s) {
    return s.replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).toLowerCase().replace(/[\s'’·\-]+/g, '').replace(/ü/g, 'v');
  }

  // Does q spell the syllables from `at` on, each syllable by any prefix of any of its
  // readings? `lz`, `liuzhuang`, `liuz` and `lzhuang` all spell 刘庄 (liu zhuang); `cy` and
  // `chongyang` spell 重阳 (zhong|chong yang). With `whole`, every syllable is spelt in full.
  function spells(q, syl, at, whole) {
    if (!q) return !whole || at === syl.length;
    if (at >= syl.length) return false;
    var forms = syl[at];
    for (var f = 0; f < forms.length; f++) {
      var s = forms[f];
      for (var k = Math.min(s.length, q.length); k > 0; k--) {
        if (whole && k < s.length) break;
        if (q.slice(0, k) === s.slice(0, k) && spells(q.slice(k), syl, at + 1, whole)) return true;
      }
    }
    return false;
  }

  // How well a name matches: 0 (not at all) to 100 (exactly).
  function nameScore(q, latin, name, syl) {
    if (!latin) {
      if (name === q) return 100;
      var at = name.indexOf(q);
      return at === 0 ? 90 : at > 0 ? 70 : 0;
    }
    if (spells(q, syl, 0)) return spells(q, syl, 0, true) ? 95 : 85;
    for (var i = 1; i < syl.length; i++) if (spells(q, syl, i)) return 60;
    return 0;
  }

  function contains(text, q) {
    return !!text && normalize(text).indexOf(q) >= 0;
  }

  function digitsMatch(q, d) {
    var tail = q.length > 4 ? q.slice(-4) : q;
    for (var i = 0; i < d.length; i++) {
      if (d[i].slice(-tail.length) === tail) return true;
    }
    return false;
  }

  function search(raw) {
    var q = normalize(raw);
    if (!q) return [];
    // Three digits or more may be the end of a phone number; fewer are too common to mean one.
    var digits = /^\d{3,}$/.test(q);
    var latin = /^[a-z0-9]+$/.test(q);
    var found = [];
    entries.forEach(function (e, order) {
      var best = nameScore(q, latin, e.n, e.syl), hit = null;
      if (digits && best < 80 && digitsMatch(q, e.d)) best = 80;
      e.members.forEach(function (m) {
        var s = nameScore(q, latin, m.who.n, m.who.syl) / 2;
        if (digits && s < 60 && digitsMatch(q, m.who.d)) s = 60;
        // A role or title typed in characters (第一书记, 民警) finds the teams that have one.
        if (!latin && s < 40 && (contains(m.role, q) || contains(m.who.ctx, q))) s = 40;
        if (s > best) { best = s; hit = m; }
      });
      if (!best && e.ctx && nameScore(q, latin, e.ctx, [])) best = 20;
      if (best && scope && e.url.indexOf(scope) === 0) best += 5;
      if (best) found.push({ e: e, score: best, hit: hit, order: order });
    });
    return found.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
  }

  function span(cls, content) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = content;
    return s;
  }

  function show() {
    var q = input.value;
    list.textContent = '';
    if (!normalize(q)) {
      status.textContent = '';
      list.hidden = true;
      form.setAttribute('aria-busy', 'false');
      return;
    }
    var found = search(q);
    found.slice(0, MAX).forEach(function (r) {
      var a = document.createElement('a');
      a.href = root + r.e.url;
      a.appendChild(span('r-name', r.e.n));
      a.appendChild(span('r-line', [r.e.kind, r.e.ctx].filter(Boolean).join(' · ')));
      if (r.hit) {
        a.appendChild(span('r-line', !r.hit.role ? r.hit.who.n
          : text('with-role').replace('{name}', r.hit.who.n).replace('{role}', r.hit.role)));
      }
      var li = document.createElement('li');
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !found.length;
    status.textContent = !found.length ? text('none')
      : found.length > MAX ? text('more', found.length, MAX)
      : text('found', found.length);
    form.setAttribute('aria-busy', 'false');
  }

  // aria-busy tells screen readers (and tests) that the list is about to change.
  function later() {
    clearTimeout(timer);
    form.setAttribute('aria-busy', 'true');
    timer = setTimeout(function () { load(show); }, 150);
  }

  input.addEventListener('input', later);
  input.addEventListener('focus', function () { load(function () {}); });
  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    load(show);
    input.blur(); // closes the on-screen keyboard, so the results can be seen
  });
  // A link such as …/?q=刘庄 (shared in a chat group) opens with its results; a value the
  // browser restored on "back" shows its results again.
  var m = /[?&]q=([^&]*)/.exec(location.search);
  if (m && !input.value) {
    try { input.value = decodeURIComponent(m[1].replace(/\+/g, ' ')); } catch (e) { /* ignore */ }
  }
  if (input.value) load(show);
})();
