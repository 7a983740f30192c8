/* syllabus: search, for the built-in theme. Plain JavaScript, no framework, no request
 * to any other host. Loaded on every page with `defer`, it fetches nothing until the
 * learner types in a search box (input[data-search-input]) or opens /search/?q=...
 *
 * The index is the one src/search.rs writes under /search/ (its format is described
 * there). Queries become terms exactly as src/tokenize.rs turns text into terms: keep
 * the two in step (a browser test compares them on thousands of words). */
(function () {
  'use strict';

  /* Terms ------------------------------------------------------------------ */

  var WORD_RUN = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
  var MARKS = /\p{M}/gu;
  var MARK = /^\p{M}$/u;
  var MAX_WORD = 40;

  function isCjk(cp) {
    return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3100 && cp <= 0x312f) ||
      (cp >= 0x3130 && cp <= 0x318f) || (cp >= 0x31f0 && cp <= 0x31ff) || (cp >= 0x3400 && cp <= 0x4dbf) ||
      (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa960 && cp <= 0xa97f) || (cp >= 0xac00 && cp <= 0xd7af) ||
      (cp >= 0xd7b0 && cp <= 0xd7ff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
  }

  /** The pieces of a run of word characters: {s, gram} (a CJK gram, or a folded word). */
  function segments(run, out) {
    var chars = Array.from(run);
    var start = 0;
    for (var i = 0; i < chars.length; i++) {
      var cjk = isCjk(chars[i].codePointAt(0));
      if (i + 1 < chars.length && isCjk(chars[i + 1].codePointAt(0)) === cjk) continue;
      var seg = chars.slice(start, i + 1);
      if (cjk) {
        if (seg.length === 1) out.push({ s: seg[0], gram: true });
        for (var j = 0; j + 1 < seg.length; j++) out.push({ s: seg[j] + seg[j + 1], gram: true });
      } else {
        var word = seg.join('');
        var n = 0;
        for (var k = 0; k < seg.length; k++) if (!MARK.test(seg[k])) n++;
        if (n >= 2 && n <= MAX_WORD) out.push({ s: word, gram: false });
      }
      start = i + 1;
    }
  }

  /** The normalised pieces of a text, in order. */
  function pieces(text) {
    var out = [];
    var runs = text.match(WORD_RUN) || [];
    for (var i = 0; i < runs.length; i++) {
      var parts = runs[i].normalize('NFKC').toLowerCase().match(WORD_RUN) || [];
      for (var j = 0; j < parts.length; j++) segments(parts[j], out);
    }
    return out;
  }

  /* Stemming: the course language's stemmer, from templates/stemmers/, goes before this
   * file (the build puts it there); a language without one keeps its words whole. */

  function stemmer(name) {
    var all = globalThis.syllabusStemmers || {};
    return name && all[name] ? all[name] : null;
  }

  /** A word's term: stemmed, then without combining marks, as the index holds it. */
  function term(word, stem) {
    return fold(stem ? stem(word) : word);
  }

  function fold(word) {
    return /[^\u0000-\u007f]/.test(word) ? word.normalize('NFD').replace(MARKS, '').normalize('NFC') : word;
  }

  /** The terms of a text, as the index holds them. */
  function terms(text, name) {
    var stem = stemmer(name);
    return pieces(text).map(function (p) { return p.gram ? p.s : term(p.s, stem); });
  }

  var api = { terms: terms, pieces: pieces, term: term, stemmer: stemmer };
  (typeof window !== 'undefined' ? window : globalThis).syllabusSearch = api;
  if (typeof document === 'undefined') return;

  /* The index -------------------------------------------------------------- */

  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) VALUE[DIGITS.charCodeAt(d)] = d;
  /** The theme's words in the course's language (strings.js, loaded first). */
  function t(name, values) {
    return window.syllabusStrings ? window.syllabusStrings.t(name, values) : name;
  }
  function num(n) {
    return window.syllabusStrings ? window.syllabusStrings.number(n) : String(n);
  }
  var KINDS = ['lesson', 'article', 'concept', 'module', 'page', 'quiz'];
  var PREFIX_WEIGHT = 0.6;
  var MAX_EXPANSIONS = 30;

  /** Code point order, as Rust sorts the terms. */
  function before(a, b) {
    if (!/[\uD800-\uDFFF]/.test(a + b)) return a < b;
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < x.length && i < y.length; i++) {
      if (x[i] !== y[i]) return x[i].codePointAt(0) < y[i].codePointAt(0);
    }
    return x.length < y.length;
  }

  /* The build puts the manifest of its index at the top of this script
   * (window.syllabusSearchManifest), so a first query starts with the term shards: one round of
   * requests fewer. A copy of this script kept from an older build is caught by the
   * build id (`v`) every index file carries: then the manifest itself is fetched. */
  var EMBEDDED = (typeof window !== 'undefined' && window.syllabusSearchManifest) || null;

  /* A site built with --relative is opened from disk, where a browser fetches no file: the
   * build writes each index file also as a script (search/t/0.js for search/t/0.json) that
   * hands its data to syllabusSearchFile, and links name their folder's index.html. */
  var RELATIVE = typeof document !== 'undefined' && document.documentElement.hasAttribute('data-relative');
  var waiting = {};
  if (RELATIVE) {
    window.syllabusSearchFile = function (path, data) {
      var done = waiting[path];
      delete waiting[path];
      if (done) done(data);
    };
  }

  /** An index file read from its script twin (`url` ends with .json). */
  function loadScript(url, path) {
    return new Promise(function (resolve, reject) {
      waiting[path] = resolve;
      var s = document.createElement('script');
      s.src = url.replace(/\.json(\?|$)/, '.js$1');
      s.onerror = function () {
        delete waiting[path];
        reject(new Error('search index: cannot read ' + path));
      };
      s.onload = function () { s.remove(); };
      document.head.appendChild(s);
    });
  }

  /** A page's address from its site path: a folder's index.html when opened from disk. */
  function pageUrl(site, path) {
    if (!RELATIVE) return site + path;
    var cut = path.search(/[?#]/);
    var place = cut < 0 ? path : path.slice(0, cut);
    var tail = cut < 0 ? '' : path.slice(cut);
    return site + place + (place === '' || place.slice(-1) === '/' ? 'index.html' : '') + tail;
  }

  function Index(url) {
    this.url = url; // ends with search/
    this.site = new URL('../', url).href;
    this.files = {};
    this.manifest = null;
    this.loading = null;
    this.renewed = false;
  }
  /** A file of the index as JSON; one of another build than the manifest is refused. */
  Index.prototype.fetch = function (path, fresh) {
    if (!this.files[path]) {
      var want = this.manifest && !fresh ? this.manifest.v : null;
      var url = this.url + path + (want ? '?v=' + want : '');
      var read = RELATIVE ? loadScript(url, path) : fetch(url, fresh ? { cache: 'no-cache' } : {}).then(function (r) {
        if (!r.ok) throw new Error('search index: ' + r.status + ' for ' + path);
        return r.json();
      });
      this.files[path] = read.then(function (data) {
        if (want && data.v !== want) {
          var stale = new Error(t('search_stale'));
          stale.stale = true;
          throw stale;
        }
        return data;
      });
    }
    return this.files[path];
  };
  Index.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      var manifest = EMBEDDED && !this.renewed ? Promise.resolve(EMBEDDED) : this.fetch('index.json', true);
      this.loading = manifest.then(function (m) { self.manifest = m; return m; });
    }
    return this.loading;
  };
  /** Forgets everything after a file of another build turned up (once): the next load
   *  fetches the manifest itself. Returns whether it did. */
  Index.prototype.renew = function () {
    if (this.renewed) return false;
    this.renewed = true;
    this.files = {};
    this.manifest = null;
    this.loading = null;
    return true;
  };
  /** Shards that hold `term` and, for a prefix, the next ones that start with it. */
  Index.prototype.shards = function (term, prefix) {
    var b = this.manifest.shards, lo = 0, hi = b.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (before(term, b[mid])) hi = mid - 1; else lo = mid;
    }
    var out = [lo];
    while (prefix && out.length < 3 && lo + out.length < b.length && b[lo + out.length].indexOf(term) === 0) out.push(lo + out.length);
    return out;
  };
  Index.prototype.kindOf = function (doc) {
    var k = this.manifest.kinds;
    for (var i = 0; i < k.length; i++) if (doc >= k[i][1] && doc < k[i][2]) return k[i][0];
    return 'page';
  };
  Index.prototype.meta = function (doc) {
    var size = this.manifest.chunk, chunk = Math.floor(doc / size);
    var site = this.site;
    return this.fetch('d/' + chunk + '.json').then(function (file) {
      var r = file.pages[doc - chunk * size];
      return { doc: doc, kind: r[0], title: r[1], url: pageUrl(site, r[2]), lead: r[3] };
    });
  };

  /** Adds a term's postings into `scores` (the best score per page for one query word),
   *  and pages scored for the first time to `pages`. */
  function decode(entry, weight, scores, pages) {
    var max = entry[0], code = entry[1], i = 0, doc = -1;
    while (i < code.length) {
      var n = 0, scale = 1, dgt;
      do {
        dgt = VALUE[code.charCodeAt(i++)];
        n += (dgt & 31) * scale;
        scale *= 32;
      } while (dgt >= 32);
      doc += n;
      var score = (VALUE[code.charCodeAt(i++)] / 63) * max * weight + 1e-6;
      var old = scores[doc];
      if (!(old > 0)) pages.push(doc);
      if (!(old >= score)) scores[doc] = score;
    }
  }

  /** Runs a query: every page that has all its words (the last one also as a prefix),
   *  best first, with the index terms that matched (for highlighting). */
  function run(index, query) {
    return index.load().then(function (m) {
      var ps = pieces(query);
      var stem = stemmer(m.stem);
      stemName = m.stem || '';
      var trailing = !/[\s\p{P}]$/u.test(query);
      var groups = [], seen = {};
      ps.forEach(function (p, i) {
        var t = p.gram ? p.s : term(p.s, stem);
        var prefix = trailing && i === ps.length - 1 && Array.from(p.s).length >= (p.gram ? 1 : 2);
        var key = t + (prefix ? '*' : '');
        if (!seen[key]) { seen[key] = true; groups.push({ term: t, raw: p.gram ? p.s : fold(p.s), prefix: prefix }); }
      });
      if (!groups.length) return { hits: [], matched: new Set(), cjk: [], words: 0 };
      var needed = {};
      groups.forEach(function (g) { g.shards = index.shards(g.term, g.prefix); g.shards.forEach(function (s) { needed[s] = true; }); });
      var ids = Object.keys(needed);
      return Promise.all(ids.map(function (s) { return index.fetch('t/' + s + '.json'); })).then(function (files) {
        var shard = {};
        ids.forEach(function (s, i) { shard[s] = files[i].terms; });
        return rank(m, groups, shard, query);
      });
    });
  }

  function rank(m, groups, shard, query) {
    var matched = new Set();
    var perGroup = groups.map(function (g) {
      var scores = new Float32Array(m.docs), pages = [];
      g.shards.forEach(function (s) {
        var file = shard[s];
        if (file[g.term]) { decode(file[g.term], 1, scores, pages); matched.add(g.term); }
        if (!g.prefix) return;
        var n = 0;
        for (var t in file) {
          if (n >= MAX_EXPANSIONS) break;
          if (t !== g.term && (t.indexOf(g.term) === 0 || t.indexOf(g.raw) === 0)) {
            decode(file[t], PREFIX_WEIGHT, scores, pages);
            matched.add(t);
            n++;
          }
        }
      });
      return { scores: scores, pages: pages };
    });
    // Pages with every word, from the word on fewest pages, best first: keys sort by
    // score (descending), then page id.
    var fewest = perGroup.reduce(function (a, b) { return b.pages.length < a.pages.length ? b : a; });
    var keys = new Float64Array(fewest.pages.length), n = 0;
    for (var p = 0; p < fewest.pages.length; p++) {
      var doc = fewest.pages[p], total = 0, all = true;
      for (var g = 0; g < perGroup.length; g++) {
        var s = perGroup[g].scores[doc];
        if (!(s > 0)) { all = false; break; }
        total += s;
      }
      if (all) keys[n++] = -Math.round(total * 1e4) * 1048576 + doc;
    }
    keys = keys.subarray(0, n).sort();
    // Page ids, best first (small integers: no object per hit).
    var hits = new Array(n);
    for (var h = 0; h < n; h++) hits[h] = ((keys[h] % 1048576) + 1048576) % 1048576;
    var cjk = (query.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu) || []);
    return { hits: hits, matched: matched, cjk: cjk, words: groups.length };
  }

  /* Showing results (DOM nodes and text only: page data is never parsed as HTML) ---- */

  var runCache = new Map();
  var stemName = '';
  /** A run's terms, stemmed and not. */
  function runTerms(run) {
    var t = runCache.get(run);
    if (!t) {
      if (runCache.size > 5000) runCache.clear();
      t = terms(run, stemName).concat(terms(run, ''));
      runCache.set(run, t);
    }
    return t;
  }

  /** Ranges [start, end) of `text` that match the query. */
  function marks(text, result) {
    var out = [];
    var re = new RegExp(WORD_RUN.source, 'gu'), m;
    while ((m = re.exec(text))) {
      var run = m[0], at = m.index;
      var norm = run.normalize('NFKC').toLowerCase();
      var found = false;
      if (result.cjk.length && norm.length === run.length) {
        result.cjk.forEach(function (q) {
          for (var i = norm.indexOf(q); i >= 0; i = norm.indexOf(q, i + q.length)) {
            out.push([at + i, at + i + q.length]);
            found = true;
          }
        });
      }
      if (!found && runTerms(run).some(function (t) { return result.matched.has(t); })) {
        out.push([at, at + run.length]);
      }
    }
    return out.sort(function (a, b) { return a[0] - b[0]; });
  }

  /** Appends `text` to `el` with its matches in <mark>; a long text is cut around the first. */
  function highlighted(el, text, result, cut) {
    var ranges = marks(text, result);
    var from = 0, to = text.length;
    if (cut && ranges.length && ranges[0][0] > 60) {
      from = text.lastIndexOf(' ', ranges[0][0] - 40) + 1;
      el.appendChild(document.createTextNode('…'));
    }
    var at = from;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      el.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(r[0], r[1]);
      el.appendChild(mark);
      at = r[1];
    });
    el.appendChild(document.createTextNode(text.slice(at, to)));
  }

  function hitItem(meta, result) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = meta.url;
    a.setAttribute('data-kind', meta.kind);
    var kind = document.createElement('span');
    kind.className = 'search-kind';
    kind.textContent = KINDS.indexOf(meta.kind) >= 0 ? t('kind_' + meta.kind) : meta.kind;
    var sep = document.createElement('span');
    sep.className = 'visually-hidden';
    sep.textContent = ': ';
    var title = document.createElement('span');
    title.className = 'search-title';
    highlighted(title, meta.title, result, false);
    a.appendChild(kind);
    a.appendChild(sep);
    a.appendChild(title);
    li.appendChild(a);
    if (meta.lead) {
      var snippet = document.createElement('span');
      snippet.className = 'search-snippet';
      highlighted(snippet, meta.lead, result, true);
      li.appendChild(snippet);
    }
    return li;
  }


  /* One search box and its results ---------------------------------------- */

  var indexes = {};
  function indexFor(form) {
    var url = new URL(form.getAttribute('data-search-index') || 'search/', document.baseURI).href;
    return indexes[url] || (indexes[url] = new Index(url));
  }

  function Box(input) {
    this.input = input;
    this.form = input.form;
    var scope = this.form && this.form.hasAttribute('data-search-page') ? document : this.form;
    this.list = scope.querySelector('[data-search-results]');
    this.status = scope.querySelector('[data-search-status]');
    this.popup = this.form.querySelector('[data-search-popup]');
    this.more = this.form.querySelector('[data-search-more]');
    this.page = this.form.hasAttribute('data-search-page');
    this.seq = 0;
    this.result = null;
    this.shown = 0;
    // The popup shows six: their metadata comes in at most six requests, all at once.
    this.limit = this.page ? 20 : 6;
    this.bind();
  }

  Box.prototype.bind = function () {
    var self = this;
    this.input.addEventListener('input', function () { self.search(); });
    this.input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown' && self.links().length) { e.preventDefault(); self.links()[0].focus(); }
      if (e.key === 'Escape') self.close();
    });
    this.list.addEventListener('keydown', function (e) { self.move(e); });
    if (this.page) {
      this.form.addEventListener('submit', function (e) { e.preventDefault(); self.search(); });
      this.form.addEventListener('change', function (e) {
        if (e.target.name === 'kind') self.render().catch(function (err) { self.fail(err); });
      });
    } else {
      this.form.addEventListener('focusin', function () { if (self.result && self.input.value.trim()) self.open(); });
      this.form.addEventListener('focusout', function () {
        setTimeout(function () { if (!self.form.contains(document.activeElement)) self.close(); }, 0);
      });
    }
  };

  Box.prototype.links = function () { return Array.prototype.slice.call(this.list.querySelectorAll('a')); };

  Box.prototype.move = function (e) {
    var links = this.links(), i = links.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === 'ArrowDown') { e.preventDefault(); links[Math.min(i + 1, links.length - 1)].focus(); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); if (i === 0) this.input.focus(); else links[i - 1].focus(); }
    else if (e.key === 'Home') { e.preventDefault(); links[0].focus(); }
    else if (e.key === 'End') { e.preventDefault(); links[links.length - 1].focus(); }
    else if (e.key === 'Escape') { e.preventDefault(); this.close(); this.input.focus(); }
  };

  Box.prototype.open = function () { if (this.popup) this.popup.hidden = false; };
  Box.prototype.close = function () {
    if (this.popup) this.popup.hidden = true;
  };

  Box.prototype.search = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (this.page) {
      var url = new URL(location.href);
      if (query.trim()) url.searchParams.set('q', query); else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (!query.trim()) { this.result = null; this.list.textContent = ''; this.say(''); this.close(); this.counts(); return; }
    var started = performance.now(), index = indexFor(this.form);
    var attempt = function () {
      return run(index, query).then(function (result) {
        if (seq !== self.seq) return;
        result.query = query;
        self.result = result;
        return self.render().then(function () {
          self.list.setAttribute('data-search-ms', String(Math.round(performance.now() - started)));
        });
      });
    };
    var retried = false;
    attempt().catch(function (err) {
      // Files of another build: once the manifest is fetched (by this query or one
      // typed before it), run again.
      if (!err || !err.stale || retried) throw err;
      retried = true;
      index.renew();
      return attempt();
    }).catch(function (err) { self.fail(err, seq); });
  };

  /** Says why search failed; after a new build of the site, searches again. */
  Box.prototype.fail = function (err, seq) {
    if (seq !== undefined) {
      if (seq !== this.seq) return;
    } else if (err && err.stale && indexFor(this.form).renew()) {
      this.search();
      return;
    }
    this.say(t('search_unavailable', { reason: err && err.message }));
  };

  Box.prototype.filtered = function () {
    var hits = this.result ? this.result.hits : [];
    var checked = this.page && this.form.querySelector('input[name="kind"]:checked');
    var kind = checked ? checked.value : 'all';
    if (kind === 'all') return hits;
    var index = indexFor(this.form);
    return hits.filter(function (doc) { return index.kindOf(doc) === kind; });
  };

  Box.prototype.counts = function () {
    if (!this.page) return;
    var index = indexFor(this.form), counts = { all: 0 };
    if (this.result) {
      this.result.hits.forEach(function (doc) { var k = index.kindOf(doc); counts[k] = (counts[k] || 0) + 1; counts.all++; });
    }
    var spans = document.querySelectorAll('[data-kind-count]');
    for (var i = 0; i < spans.length; i++) {
      var n = counts[spans[i].getAttribute('data-kind-count')] || 0;
      spans[i].textContent = this.result ? '(' + num(n) + ')' : '';
    }
  };

  /** Shows the first results (and, on the search page, more on demand). */
  Box.prototype.render = function (more) {
    var self = this, result = this.result, hits = this.filtered(), index = indexFor(this.form);
    var from = more ? this.shown : 0, to = Math.min(hits.length, from + this.limit);
    this.counts();
    return Promise.all(hits.slice(from, to).map(function (doc) { return index.meta(doc); })).then(function (metas) {
      if (result !== self.result) return;
      if (!more) self.list.textContent = '';
      metas.forEach(function (meta) { self.list.appendChild(hitItem(meta, result)); });
      self.shown = to;
      var q = t('quoted', { text: result.query.trim() });
      self.say(hits.length ? t('results_for', { count: hits.length, query: q }) : t('no_results_for', { query: q }));
      if (self.more) self.more.href = index.url + (RELATIVE ? 'index.html' : '') + '?q=' + encodeURIComponent(result.query.trim());
      if (!self.page) self.open();
      self.moreButton(hits.length > to);
    });
  };

  Box.prototype.moreButton = function (needed) {
    if (!this.page) return;
    var self = this, button = document.querySelector('[data-search-show-more]');
    if (!button && needed) {
      button = document.createElement('button');
      button.type = 'button';
      button.setAttribute('data-search-show-more', '');
      button.textContent = t('show_more_results');
      button.addEventListener('click', function () {
        var first = self.shown;
        self.render(true).then(function () { var l = self.links()[first]; if (l) l.focus(); }, function (err) { self.fail(err); });
      });
      this.list.parentNode.insertBefore(button, this.list.nextSibling);
    }
    if (button) button.hidden = !needed;
  };

  Box.prototype.say = function (text) { if (this.status) this.status.textContent = text; };

  /* Start ------------------------------------------------------------------ */

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function init() {
    var inputs = document.querySelectorAll('input[data-search-input]');
    var boxes = [];
    for (var i = 0; i < inputs.length; i++) {
      var form = inputs[i].form;
      if (form && (form.querySelector('[data-search-results]') || form.hasAttribute('data-search-page'))) {
        boxes.push(new Box(inputs[i]));
      }
    }
    if (!boxes.length) return;
    document.addEventListener('keydown', function (e) {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      boxes[0].input.focus();
      boxes[0].input.select();
    });
    var page = boxes.filter(function (b) { return b.page; })[0];
    if (page) {
      var params = new URLSearchParams(location.search);
      var kind = params.get('kind');
      var radio = kind && page.form.querySelector('input[name="kind"][value="' + CSS.escape(kind) + '"]');
      if (radio) radio.checked = true;
      if (params.get('q')) { page.input.value = params.get('q'); page.search(); }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
