/* syllabus: the learner's progress, kept in this browser: quiz scores, lessons marked
 * done, and the review cards the scheduler (fsrs.js, loaded first) keeps. Plain
 * JavaScript, no framework, no request to any other host. Loaded by the pages that read
 * or write progress (home, module, lesson, quiz, review, and a concept page that adds
 * cards); quiz.js and review.js use it through window.syllabusProgress.
 *
 * Progress is one JSON object in localStorage under "syllabus-progress:<base path>"
 * (the manual, "Progress in the browser"):
 *   {"format": "syllabus-progress", "version": 2,
 *    "quizzes": {"<quiz id>": {"title", "score", "total",
 *                              "questions": {"<question id>": true | false | share}, "updated"}},
 *    "lessons": {"<lesson id>": {"title", "done": true, "updated"}},
 *    "review":  {"<card id>": <card, as fsrs.js writes it>}}
 * Card ids: "term/<concept id>" and "definition/<concept id>" (the two ways of a
 * concept), "question/<quiz id>/<question id>". Version 1 had no "review"; it is read,
 * and each question it scored becomes a card graded by that score.
 *
 * A quiz keeps its best attempt; a card keeps its latest review. Stored progress that
 * cannot be read is set aside under "<key>:unreadable" before anything replaces it. */
(function () {
  'use strict';

  var FORMAT = 'syllabus-progress';
  var VERSION = 2;
  var MAX_IMPORT_BYTES = 10 * 1000 * 1000;
  var MAX_ENTRIES = 10000;
  var MAX_CARDS = 100000;
  // Ids as syllabus makes them: letters that are not uppercase, digits, '-' and '_'.
  var ID_PART = '(?:(?!\\p{Uppercase})[\\p{Alphabetic}\\p{M}\\p{N}_-]){1,200}';
  var ID = new RegExp('^' + ID_PART + '$', 'u');
  var CARD_ID = new RegExp('^(?:(?:term|definition)/' + ID_PART + '|question/' + ID_PART + '/' + ID_PART + ')$', 'u');
  var F = window.syllabusFsrs || null;
  var S = window.syllabusStrings || null;
  var base = basePath(document.currentScript);
  // Built with --relative, opened from disk: a folder's page is its index.html, and no file
  // can be fetched.
  var RELATIVE = document.documentElement.hasAttribute('data-relative');
  var storeKey = FORMAT + ':' + base;
  // Cards graded while storage refused them: kept for as long as the page is open.
  var unsaved = Object.create(null);

  /* Small helpers ---------------------------------------------------------- */

  /** The site's base path, from this script's own URL (<base>assets/progress.js). */
  function basePath(script) {
    var path = script && script.src ? new URL(script.src, location.href).pathname : '/';
    var at = path.lastIndexOf('/assets/');
    return at >= 0 ? path.slice(0, at + 1) : '/';
  }

  function dict() {
    return Object.create(null);
  }

  /** An element with a class and children (strings become text). */
  function make(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  function t(name, values) {
    return S ? S.t(name, values) : name;
  }

  /** A string's pieces with its placeholders filled in, for make(): a value that is a node
   *  stays that node (a link, a score in bold). */
  function filled(name, values) {
    var keys = Object.keys(values);
    var texts = {};
    keys.forEach(function (k, i) { texts[k] = typeof values[k] === 'object' ? '\u0000' + i + '\u0000' : values[k]; });
    return t(name, texts).split('\u0000').map(function (piece, i) {
      return i % 2 ? values[keys[Number(piece)]] : piece;
    }).filter(function (piece) { return piece !== ''; });
  }

  /** Points as people write them, in the language's digits: 3, 1.5, 0.33. */
  function fmt(n) {
    var rounded = Math.round(n * 100) / 100;
    return S ? S.number(rounded) : String(rounded);
  }

  /** The day of a timestamp, in the learner's time zone, as the course's language writes it. */
  function localDate(stamp) {
    var d = new Date(stamp);
    if (!stamp || isNaN(d.getTime())) return '';
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    var iso = d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    return S ? S.date(iso) : iso;
  }

  function now() {
    return new Date().toISOString();
  }

  /** The address of the page at site path `path` (a folder, `quizzes/x/`). */
  function pageUrl(path) {
    return base + path + (RELATIVE ? 'index.html' : '');
  }

  /** The last millisecond of the learner's day that holds `ms`. */
  function endOfDay(ms) {
    var d = new Date(ms);
    d.setHours(23, 59, 59, 999);
    return d.getTime();
  }

  /* Reading and checking ----------------------------------------------------- */

  function fail(message) {
    throw new Error(message);
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function text(v, what) {
    if (typeof v !== 'string' || v.length > 500) fail(what + ' must be a text of at most 500 characters');
    return v;
  }

  function date(v, what) {
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.length > 40 || isNaN(Date.parse(v))) fail(what + ' must be a date');
    return v;
  }

  function points(v, what) {
    if (typeof v !== 'number' || !isFinite(v) || v < 0) fail(what + ' must be a number of points, 0 or more');
    return v;
  }

  /** A key as a message may quote it: short, and without markup. */
  function quoted(k) {
    return JSON.stringify(k.slice(0, 40));
  }

  /** Checks every key passes `key` and every value `each`; a fresh object of them. */
  function entries(obj, what, each, key, max) {
    if (obj === undefined) return dict();
    if (!isObject(obj)) fail(what + ' must be an object');
    var keys = Object.keys(obj);
    if (keys.length > max) fail(what + ' has more than ' + max + ' entries');
    var out = dict();
    keys.forEach(function (k) {
      if (!key.re.test(k)) fail(what + ': ' + quoted(k) + ' is not ' + key.name);
      out[k] = each(obj[k], what + ' ' + quoted(k));
    });
    return out;
  }

  var AN_ID = { re: ID, name: 'an id' };
  var A_CARD_ID = { re: CARD_ID, name: 'a card id (term/ID, definition/ID or question/QUIZ/QUESTION)' };

  function validQuiz(q, what) {
    if (!isObject(q)) fail(what + ' must be an object');
    var score = points(q.score, what + ': score');
    var total = points(q.total, what + ': total');
    if (score > total + 1e-9) fail(what + ': score is more than total');
    var questions = entries(q.questions, what + ': questions', function (v, w) {
      var share = typeof v === 'number' && isFinite(v) && v > 0 && v < 1;
      if (typeof v !== 'boolean' && !share) fail(w + ' must be true, false or a share between 0 and 1');
      return v;
    }, AN_ID, MAX_ENTRIES);
    return { title: text(q.title, what + ': title'), score: score, total: total, questions: questions, updated: date(q.updated, what + ': updated') };
  }

  function validLesson(l, what) {
    if (!isObject(l)) fail(what + ' must be an object');
    if (l.done !== true) fail(what + ': done must be true');
    return { title: text(l.title, what + ': title'), done: true, updated: date(l.updated, what + ': updated') };
  }

  function validCard(card, what) {
    if (!F) fail('review cards need the scheduler, fsrs.js, which this page did not load');
    try {
      return F.validate(card);
    } catch (e) {
      return fail(what + ': ' + e.message);
    }
  }

  /** Version 1's scores as cards: a question right graded Good, partly right Hard, not
   *  right (version 1 did not tell a wrong answer from none) Again, at the quiz's date. */
  function cardsFromScores(quizzes) {
    var cards = dict();
    if (!F) return cards;
    Object.keys(quizzes).forEach(function (quiz) {
      var q = quizzes[quiz];
      var at = Date.parse(q.updated || '') || Date.now();
      Object.keys(q.questions).forEach(function (question) {
        var v = q.questions[question];
        var id = 'question/' + quiz + '/' + question;
        if (CARD_ID.test(id)) cards[id] = F.init(v === true ? F.GOOD : v === false ? F.AGAIN : F.HARD, at);
      });
    });
    return cards;
  }

  /** Progress as stored or imported, checked field by field; throws with the reason, in
   *  the course's language (the field at fault, a technical detail, stays as it is). */
  function validate(data) {
    if (!isObject(data) || data.format !== FORMAT) fail(t('import_not_progress'));
    if (data.version !== 1 && data.version !== VERSION) {
      fail(t('import_wrong_version', { version: String(data.version).slice(0, 20), supported: VERSION }));
    }
    try {
      var quizzes = entries(data.quizzes, 'quiz', validQuiz, AN_ID, MAX_ENTRIES);
      return {
        format: FORMAT,
        version: VERSION,
        quizzes: quizzes,
        lessons: entries(data.lessons, 'lesson', validLesson, AN_ID, MAX_ENTRIES),
        review: data.version === 1 ? cardsFromScores(quizzes) : entries(data.review, 'review card', validCard, A_CARD_ID, MAX_CARDS),
      };
    } catch (e) {
      throw new Error(t('import_invalid', { detail: e.message }));
    }
  }

  function empty() {
    return { format: FORMAT, version: VERSION, quizzes: dict(), lessons: dict(), review: dict() };
  }

  /** The stored progress, with the cards graded while storage refused them. */
  function load() {
    var progress;
    var raw = null;
    try {
      raw = window.localStorage.getItem(storeKey);
      progress = raw ? validate(JSON.parse(raw)) : empty();
    } catch (e) {
      progress = empty();
      setAside(raw);
    }
    Object.keys(unsaved).forEach(function (id) { progress.review[id] = unsaved[id]; });
    return progress;
  }

  /** Keeps stored progress this page cannot read (a newer version, damage) out of harm's
   *  way before a save replaces it. */
  function setAside(raw) {
    if (!raw) return;
    try {
      if (!window.localStorage.getItem(storeKey + ':unreadable')) window.localStorage.setItem(storeKey + ':unreadable', raw);
    } catch (e) { /* nothing more can be done */ }
  }

  /** Stores progress; false (and a warning on the page) when the browser refuses. */
  function save(progress) {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(progress));
      unsaved = dict();
      // For scorm.js, which reports each change to a learning platform.
      window.dispatchEvent(new CustomEvent('syllabus-progress-saved'));
      return true;
    } catch (e) {
      Object.keys(progress.review || {}).forEach(function (id) { unsaved[id] = progress.review[id]; });
      warnNotSaved();
      return false;
    }
  }

  /** Loads, lets `change` edit, saves; what save returned. */
  function update(change) {
    var progress = load();
    change(progress);
    return save(progress);
  }

  function warnNotSaved() {
    var box = document.querySelector('[data-progress-warning]');
    if (!box) {
      var main = document.querySelector('main') || document.body;
      box = make('p', 'progress-warning', []);
      box.setAttribute('role', 'alert');
      box.setAttribute('data-progress-warning', '');
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = t('progress_not_saved');
    box.hidden = false;
  }

  /** Adds `from` to `into`: the better score of each quiz, every lesson done, and each
   *  card's later review. */
  function merge(into, from) {
    Object.keys(from.quizzes).forEach(function (id) {
      var had = into.quizzes[id];
      if (!had || share(from.quizzes[id]) > share(had)) into.quizzes[id] = from.quizzes[id];
    });
    Object.keys(from.lessons).forEach(function (id) {
      if (!into.lessons[id]) into.lessons[id] = from.lessons[id];
    });
    Object.keys(from.review).forEach(function (id) {
      var had = into.review[id];
      if (!had || reviewedAt(from.review[id]) > reviewedAt(had)) into.review[id] = from.review[id];
    });
  }

  function share(q) {
    return q.total > 0 ? q.score / q.total : 0;
  }

  /** When a card was last reviewed; -1 for a card never reviewed. */
  function reviewedAt(card) {
    return card.last ? Date.parse(card.last) : -1;
  }

  /* Cards -------------------------------------------------------------------- */

  /** Adds a new card for each way of each concept in `ids` not already there. */
  function addConceptCards(progress, ids, at) {
    var added = 0;
    ids.forEach(function (id) {
      ['term/', 'definition/'].forEach(function (way) {
        if (!progress.review[way + id] && CARD_ID.test(way + id)) {
          progress.review[way + id] = F.newCard(at);
          added++;
        }
      });
    });
    return added;
  }

  /** The card of a question answered now: its first review, or its next. Right is
   *  graded Good, partly right Hard, wrong Again. */
  function answered(progress, quiz, question, result, at) {
    var id = 'question/' + quiz + '/' + question;
    if (!F || !CARD_ID.test(id)) return;
    var grade = result === 'right' ? F.GOOD : result === 'partial' ? F.HARD : F.AGAIN;
    var had = progress.review[id];
    progress.review[id] = had ? F.review(had, grade, at) : F.init(grade, at);
  }

  /** How many cards are due by the end of the learner's day. */
  function dueToday(progress, at) {
    var end = endOfDay(at);
    return Object.keys(progress.review).filter(function (id) {
      return Date.parse(progress.review[id].due) <= end;
    }).length;
  }

  /* A page that introduces concepts: their cards ------------------------------ */

  function initIntroductions(node) {
    var ids = (node.getAttribute('data-review-concepts') || '').split(/\s+/).filter(Boolean);
    if (!ids.length || !F) return;
    var progress = load();
    if (addConceptCards(progress, ids, Date.now())) save(progress);
  }

  /* A lesson page: marking it done ----------------------------------------- */

  function initLesson(article) {
    var box = document.querySelector('input[data-lesson-done]');
    var id = article.getAttribute('data-lesson-id');
    if (!box || !id) return;
    box.checked = !!load().lessons[id];
    reveal(box);
    box.addEventListener('change', function () {
      var title = article.querySelector('h1');
      update(function (progress) {
        if (box.checked) progress.lessons[id] = { title: title ? title.textContent.trim() : id, done: true, updated: now() };
        else delete progress.lessons[id];
      });
    });
  }

  /** Shows an element and every hidden ancestor. */
  function reveal(node) {
    for (var n = node; n && n !== document.body; n = n.parentElement) n.hidden = false;
  }

  /* Home and module pages: the progress panel ------------------------------ */

  function initPanel(panel) {
    var status = panel.querySelector('[data-progress-status]');
    var file = panel.querySelector('input[data-import-file]');
    var say = function (message) {
      if (status) status.textContent = message;
    };
    var on = function (action, handler) {
      var button = panel.querySelector('[data-action="' + action + '"]');
      if (button) button.addEventListener('click', handler);
    };
    on('export-progress', function () {
      download(load());
      say(t('progress_saved'));
    });
    on('import-progress', function () {
      if (file) file.click();
    });
    if (file) {
      file.addEventListener('change', function () {
        if (file.files && file.files[0]) importFile(file.files[0], say);
        file.value = '';
      });
    }
    renderPanels();
    panel.hidden = false;
  }

  function renderPanels() {
    var progress = load();
    document.querySelectorAll('[data-progress-panel]').forEach(function (panel) {
      var list = panel.querySelector('[data-progress-list]');
      if (list) {
        list.textContent = '';
        list.appendChild(quizList(progress));
        list.appendChild(make('p', 'progress-lessons', [lessonsLine(progress)]));
        var cards = Object.keys(progress.review).length;
        if (cards) {
          var line = t('review_cards', { count: cards }) + ' · ' + t('review_due_today', { count: dueToday(progress, Date.now()) });
          list.appendChild(make('p', 'progress-review', [line]));
        }
      }
    });
    document.querySelectorAll('li[data-lesson-id]').forEach(function (li) {
      markDone(li, !!progress.lessons[li.getAttribute('data-lesson-id')]);
    });
    if (window.syllabusDue) window.syllabusDue.refresh();
  }

  function quizList(progress) {
    var ids = Object.keys(progress.quizzes).sort(function (a, b) {
      return progress.quizzes[a].title.localeCompare(progress.quizzes[b].title);
    });
    if (!ids.length) return make('p', '', [t('no_quiz_taken')]);
    var list = make('ul', 'progress-quizzes');
    ids.forEach(function (id) {
      var q = progress.quizzes[id];
      var a = make('a', '', [q.title || id]);
      a.setAttribute('href', pageUrl('quizzes/' + id + '/'));
      var score = make('strong', '', [fmt(q.score) + '/' + fmt(q.total)]);
      score.setAttribute('data-best-score', '');
      var when = localDate(q.updated);
      var line = when ? filled('best_score_line', { quiz: a, score: score, date: when }) : filled('best_score_line_undated', { quiz: a, score: score });
      var item = make('li', '', line);
      item.setAttribute('data-progress-quiz', id);
      list.appendChild(item);
    });
    return list;
  }

  function lessonsLine(progress) {
    var done = Object.keys(progress.lessons).length;
    return done ? t('lessons_done', { count: done }) : t('no_lesson_done');
  }

  function markDone(li, done) {
    var mark = li.querySelector('.done-mark');
    if (done && !mark) li.appendChild(make('span', 'done-mark', [t('done')]));
    if (!done && mark) mark.remove();
  }

  function download(progress) {
    var data = { format: FORMAT, version: VERSION, site: base, exported: now(), quizzes: progress.quizzes, lessons: progress.lessons, review: progress.review };
    var blob = new Blob([JSON.stringify(data, null, 1) + '\n'], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = make('a', '', []);
    a.href = url;
    a.download = 'course-progress-' + now().slice(0, 10) + '.json';
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /** The concepts the course has now, from the review page's study sheet; null when it
   *  cannot be read (then no card is left out for that reason). */
  function courseConcepts() {
    if (RELATIVE) return Promise.resolve(null);
    return fetch(base + 'review/').then(function (r) {
      return r.ok ? r.text() : null;
    }).then(function (html) {
      if (html === null) return null;
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var ids = dict();
      doc.querySelectorAll('[data-review-concept]').forEach(function (dt) { ids[dt.getAttribute('data-review-concept')] = true; });
      return ids;
    }).catch(function () { return null; });
  }

  /** Leaves out the cards of concepts the course no longer has; how many. */
  function dropUnknownConcepts(progress, known) {
    if (!known) return 0;
    var dropped = 0;
    Object.keys(progress.review).forEach(function (id) {
      var concept = /^(?:term|definition)\/(.*)$/.exec(id);
      if (concept && !known[concept[1]]) {
        delete progress.review[id];
        dropped++;
      }
    });
    return dropped;
  }

  function importFile(file, say) {
    if (file.size > MAX_IMPORT_BYTES) {
      say(t('not_imported', { reason: t('import_too_large', { file: file.name }) }));
      return;
    }
    var incoming;
    file.text().then(function (raw) {
      var data;
      try {
        data = JSON.parse(raw);
      } catch (e) {
        fail(t('import_not_json'));
      }
      incoming = validate(data);
      return Object.keys(incoming.review).length ? courseConcepts() : null;
    }).then(function (known) {
      var left = dropUnknownConcepts(incoming, known);
      var progress = load();
      merge(progress, incoming);
      if (!save(progress)) fail(t('import_not_stored'));
      renderPanels();
      var message = t('imported', {
        quizzes: t('imported_quizzes', { count: Object.keys(incoming.quizzes).length }),
        lessons: t('imported_lessons', { count: Object.keys(incoming.lessons).length }),
        file: file.name,
      });
      var cards = Object.keys(incoming.review).length;
      if (cards) message += ' ' + t('imported_review', { count: cards });
      if (left) message += ' ' + t('import_cards_left_out', { count: left });
      say(message);
    }).catch(function (e) {
      say(t('not_imported', { reason: e.message }));
    });
  }

  /* Start ------------------------------------------------------------------ */

  window.syllabusProgress = Object.freeze({
    base: base,
    relative: RELATIVE,
    pageUrl: pageUrl,
    load: load,
    save: save,
    update: update,
    validate: validate,
    merge: merge,
    isCardId: function (id) { return CARD_ID.test(id); },
    addConceptCards: addConceptCards,
    answered: answered,
    dueToday: dueToday,
    endOfDay: endOfDay,
    filled: filled,
    make: make,
    warnNotSaved: warnNotSaved,
    /** Shows the stored progress again (the panels, lessons done, cards due). */
    refresh: renderPanels,
  });

  function init() {
    document.querySelectorAll('[data-review-concepts]').forEach(initIntroductions);
    var lesson = document.querySelector('article[data-lesson-id]');
    if (lesson) initLesson(lesson);
    document.querySelectorAll('[data-progress-panel]').forEach(initPanel);
    window.addEventListener('storage', function (e) {
      if (e.key === storeKey) renderPanels();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
