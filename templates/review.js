/* syllabus: the review page, spaced repetition from the course's own concepts and
 * quizzes. Plain JavaScript, no framework, no request to any other host. Without it the
 * page is a study sheet: every reviewed concept with its definition.
 *
 * Loaded after fsrs.js (the scheduler), progress.js (where the cards are kept) and
 * quiz.js (which asks a question again and checks it as its quiz page does). Cards:
 *   term/<concept>        the term; the learner recalls the definition;
 *   definition/<concept>  the definition, the term hidden in it; the learner recalls the term;
 *   question/<quiz>/<q>   a question the learner answered, fetched from its quiz page.
 * Concept cards come from the study sheet on this page (dt[data-review-concept]), so the
 * first card needs nothing more; a question's quiz page is fetched when its card comes.
 *
 * One card at a time: the learner recalls, reveals (Space), grades (1 to 4: Again, Hard,
 * Good, Easy). Hooks: [data-review-card] (data-card-id), [data-action="reveal"],
 * [data-grade="1".."4"]. Cards whose concept or question the course no longer has are
 * removed; a concept whose definition changed keeps its schedule. */
(function () {
  'use strict';

  var P = window.syllabusProgress;
  var F = window.syllabusFsrs;
  var Q = window.syllabusQuiz;
  var S = window.syllabusStrings;
  var root = document.querySelector('[data-review]');
  if (!root || !P || !F) return;

  var MINUTE = 60 * 1000;
  var HOUR = 60 * MINUTE;
  var DAY = 24 * HOUR;
  var GRADES = ['', 'grade_again', 'grade_hard', 'grade_good', 'grade_easy'];

  var ui = {
    status: root.querySelector('[data-review-status]'),
    card: root.querySelector('[data-review-card]'),
    kind: root.querySelector('[data-review-kind]'),
    front: root.querySelector('[data-review-front]'),
    back: root.querySelector('[data-review-back]'),
    actions: root.querySelector('[data-review-actions]'),
    reveal: root.querySelector('[data-action="reveal"]'),
    grades: root.querySelector('[data-review-grades]'),
    announcer: root.querySelector('[data-review-announce]'),
    sheet: document.querySelector('[data-study-sheet]'),
  };
  var revealLabel = ui.reveal.textContent;

  // The concepts of the study sheet, by id, in teaching order.
  var concepts = Object.create(null);
  document.querySelectorAll('dt[data-review-concept]').forEach(function (dt, i) {
    concepts[dt.getAttribute('data-review-concept')] = { term: dt.textContent.trim(), dt: dt, dd: dt.nextElementSibling, lesson: dt.getAttribute('data-lesson'), order: i };
  });

  // Quiz pages fetched: quiz id -> promise of {title, url, key, doc} or null (no such quiz).
  var quizzes = Object.create(null);
  // Cards that could not be shown in this visit (their quiz page did not load).
  var skipped = Object.create(null);
  var current = null;
  var timer = null;
  // The learner's progress, read once (and again when another tab changes it), and each
  // card's due time in milliseconds: grading touches one card, not thousands.
  var state = null;
  var dueMs = Object.create(null);

  /* Small helpers ---------------------------------------------------------- */

  function t(name, values) {
    return S ? S.t(name, values) : name;
  }

  var make = P.make;

  function link(text, href) {
    var a = make('a', '', [text]);
    a.setAttribute('href', href);
    return a;
  }

  function announce(message) {
    ui.announcer.textContent = '';
    window.setTimeout(function () { ui.announcer.textContent = message; }, 50);
  }

  /** A span of time as the grade buttons and messages give it: "10 minutes", "3 days"
   *  (rounded, and in the larger unit when it rounds to a whole one: 24 hours is a day). */
  function span(ms) {
    var units = [['review_minutes', MINUTE, 60], ['review_hours', HOUR, 24], ['review_days', DAY, 30],
      ['review_months', 30 * DAY, 12], ['review_years', 365 * DAY, Infinity]];
    for (var i = 0; i < units.length; i++) {
      var n = Math.max(1, Math.round(ms / units[i][1]));
      if (n < units[i][2]) return t(units[i][0], { count: n });
    }
    return '';
  }

  function localDay(ms) {
    var d = new Date(ms);
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    var iso = d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate());
    return S ? S.date(iso) : iso;
  }

  function parts(id) {
    var m = /^(term|definition)\/(.+)$/.exec(id);
    if (m) return { way: m[1], concept: m[2] };
    m = /^question\/([^/]+)\/([^/]+)$/.exec(id);
    return m ? { way: 'question', quiz: m[1], question: m[2] } : null;
  }

  /* The cards -------------------------------------------------------------- */

  /** Brings the stored cards in line with the course: adds the cards of concepts whose
   *  lesson was marked done, removes those of concepts the course no longer has. */
  function sync() {
    var progress = state;
    var done = Object.keys(concepts).filter(function (id) {
      var lesson = concepts[id].lesson;
      return lesson && progress.lessons[lesson];
    });
    var added = P.addConceptCards(progress, done, Date.now());
    var removed = 0;
    Object.keys(progress.review).forEach(function (id) {
      var p = parts(id);
      if (p && p.way !== 'question' && !concepts[p.concept]) {
        delete progress.review[id];
        removed++;
      }
    });
    if (added || removed) P.save(progress);
    return removed;
  }

  /** Reads the stored progress into `state`, and each card's due time. */
  function read() {
    state = P.load();
    index();
  }

  function index() {
    dueMs = Object.create(null);
    Object.keys(state.review).forEach(function (id) { dueMs[id] = Date.parse(state.review[id].due); });
  }

  /** Stores `state` once the next card is on screen (a task later, so that writing a
   *  megabyte of progress does not hold it back), or now when the page is left. */
  var saving = null;
  function store() {
    if (saving === null) saving = window.setTimeout(flush, 0);
  }

  /** Stores `state`, and tells the navigation how many cards are due today. */
  function flush() {
    if (saving === null) return;
    window.clearTimeout(saving);
    saving = null;
    P.save(state);
    if (!window.syllabusDue) return;
    var end = P.endOfDay(Date.now());
    var due = 0;
    for (var id in dueMs) if (dueMs[id] <= end) due++;
    window.syllabusDue.refresh(due);
  }

  /** The cards due at `now`, in the order to review them: cards already reviewed by due
   *  time, then new ones in teaching order (the term before the definition). */
  function dueCards(progress, now) {
    var ids = Object.keys(dueMs).filter(function (id) {
      return !skipped[id] && dueMs[id] <= now;
    });
    var rank = function (id) {
      var card = progress.review[id];
      if (card.state !== 'new') return [0, Date.parse(card.due), id];
      var p = parts(id);
      var c = p && concepts[p.concept];
      return [1, c ? c.order * 2 + (p.way === 'definition' ? 1 : 0) : Infinity, id];
    };
    return ids.map(function (id) { return { id: id, rank: rank(id) }; }).sort(function (a, b) {
      return a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || (a.rank[2] < b.rank[2] ? -1 : 1);
    }).map(function (x) { return x.id; });
  }

  /** When the next card not due at `now` is due, or null when there is none. */
  function nextDue(progress, now) {
    var next = null;
    Object.keys(dueMs).forEach(function (id) {
      var due = dueMs[id];
      if (!skipped[id] && due > now && (next === null || due < next)) next = due;
    });
    return next;
  }

  /* Showing a card ----------------------------------------------------------- */

  /** Shows the next due card, or says when one will be. `focusCard`: move focus to it. */
  function next(focusCard) {
    window.clearTimeout(timer);
    var progress = state;
    var now = Date.now();
    var due = dueCards(progress, now);
    if (!due.length) return idle(progress, now, focusCard);
    ui.status.textContent = t('review_due_now', { count: due.length });
    var id = due[0];
    var p = parts(id);
    if (p.way === 'question') {
      // Hidden until its quiz page is read: the previous card is never answered twice.
      ui.card.hidden = true;
      ui.actions.hidden = true;
      current = null;
      root.setAttribute('aria-busy', 'true');
      return question(id, p, progress.review[id]).then(function (shown) {
        root.removeAttribute('aria-busy');
        if (!shown) return next(focusCard);
        ready(focusCard);
      });
    }
    concept(id, p, progress.review[id]);
    ready(focusCard);
    return null;
  }

  function ready(focusCard) {
    ui.card.hidden = false;
    ui.actions.hidden = false;
    if (focusCard) ui.card.focus();
    if (Q) prefetchAfter(current.id);
  }

  /** Nothing due now: when the next card is, and a timer to show it then. */
  function idle(progress, now, focusStatus) {
    current = null;
    ui.card.hidden = true;
    ui.actions.hidden = true;
    ui.card.removeAttribute('data-card-id');
    var when = nextDue(progress, now);
    if (when === null) {
      // With cards left, they were skipped: the status says why.
      if (!Object.keys(progress.review).length) ui.status.textContent = t('review_no_cards');
    } else if (when - now < DAY) {
      ui.status.textContent = t('review_nothing_due_in', { time: span(when - now) });
    } else {
      ui.status.textContent = t('review_nothing_due_on', { date: localDay(when) });
    }
    if (when !== null && when - now < DAY) timer = window.setTimeout(function () { next(false); }, when - now + 50);
    if (focusStatus) {
      ui.status.setAttribute('tabindex', '-1');
      ui.status.focus();
    }
  }

  function begin(id, way, card) {
    current = { id: id, way: way, card: card, revealed: false, check: null, allowed: 4 };
    ui.card.setAttribute('data-card-id', id);
    ui.card.className = 'review-card review-card-' + way;
    ui.front.textContent = '';
    ui.back.textContent = '';
    ui.back.hidden = true;
    ui.grades.hidden = true;
    ui.reveal.hidden = false;
    ui.reveal.disabled = false;
  }

  /** A copy of a definition's content, with the term (and its alias-free plural) hidden. */
  function definitionCopy(c, hideTerm) {
    var box = make('div', 'review-definition');
    Array.prototype.forEach.call(c.dd.childNodes, function (n) { box.appendChild(n.cloneNode(true)); });
    if (hideTerm) mask(box, c.term);
    return box;
  }

  /** Replaces the term where the text says it (any case) with a blank. */
  function mask(box, term) {
    var re = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
    var walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var pieces = node.nodeValue.split(re);
      if (pieces.length < 2) return;
      var frag = document.createDocumentFragment();
      pieces.forEach(function (piece, i) {
        if (i) frag.appendChild(make('span', 'review-blank', ['\u2026']));
        frag.appendChild(document.createTextNode(piece));
      });
      node.parentNode.replaceChild(frag, node);
    });
  }

  function concept(id, p, card) {
    var c = concepts[p.concept];
    begin(id, p.way, card);
    ui.reveal.textContent = revealLabel;
    var page = link(c.term, P.pageUrl('concepts/' + encodeURIComponent(p.concept) + '/'));
    var more = make('p', 'meta', P.filled('review_concept_page', { concept: page }));
    if (p.way === 'term') {
      ui.kind.textContent = t('review_prompt_term');
      ui.front.appendChild(make('p', 'review-term', [c.term]));
      ui.back.appendChild(definitionCopy(c, false));
    } else {
      ui.kind.textContent = t('review_prompt_definition');
      ui.front.appendChild(definitionCopy(c, true));
      ui.back.appendChild(make('p', 'review-term', [c.term]));
    }
    ui.back.appendChild(more);
  }

  /** Shows a question card; resolves to false when it cannot be shown (then it is
   *  removed, or skipped for this visit when its quiz page did not load). */
  function question(id, p, card) {
    return quizPage(p.quiz).then(function (quiz) {
      var key = quiz && quiz.key.questions.filter(function (q) { return q.id === p.question; })[0];
      var field = key && quiz.doc.querySelector('[data-question-id="' + CSS.escape(p.question) + '"]');
      if (!Q) {
        skipped[id] = true;
        return false;
      }
      if (!field || key.no_review) {
        remove(id);
        return false;
      }
      begin(id, 'question', card);
      var title = link(quiz.key.title, quiz.url);
      ui.kind.textContent = '';
      P.filled('review_prompt_question', { quiz: title }).forEach(function (piece) {
        ui.kind.appendChild(typeof piece === 'string' ? document.createTextNode(piece) : piece);
      });
      var copy = document.importNode(field, true);
      copy.removeAttribute('aria-describedby');
      ui.front.appendChild(copy);
      current.check = Q.prepare(copy, key, quiz.key.shuffle, function () { reveal(); });
      ui.reveal.textContent = t('check');
      return true;
    }, function (e) {
      skipped[id] = true;
      ui.status.textContent = t('review_question_unavailable', { reason: e.message });
      return false;
    });
  }

  /** A quiz page's answer key and questions: null when the course has no such quiz (404,
   *  or a page without its key), a rejection when it did not load. */
  function quizPage(id) {
    if (!quizzes[id]) {
      var folder = 'quizzes/' + encodeURIComponent(id) + '/';
      var url = P.pageUrl(folder);
      var html = P.relative ? pageScript(P.base + folder + 'page.js', id) : fetch(url).then(function (r) {
        if (r.status === 404) return null;
        if (!r.ok) throw new Error(String(r.status));
        return r.text();
      });
      quizzes[id] = html.then(function (text) {
        if (text === null) return null;
        var doc = new DOMParser().parseFromString(text, 'text/html');
        var node = doc.querySelector('script[data-quiz-key]');
        var key = null;
        try {
          key = node && JSON.parse(node.textContent);
        } catch (e) { key = null; }
        return key && key.quiz === id ? { key: key, url: url, doc: doc } : null;
      });
    }
    return quizzes[id];
  }

  /* Opened from disk (built with --relative), where nothing can be fetched, a quiz page is
   * read from the script beside it, quizzes/<id>/page.js, which hands its HTML to
   * syllabusQuizPage. A quiz the course no longer has has no script: null. */
  var pageWaiting = Object.create(null);
  window.syllabusQuizPage = function (id, html) {
    var done = pageWaiting[id];
    delete pageWaiting[id];
    if (done) done(html);
  };

  function pageScript(src, id) {
    return new Promise(function (resolve) {
      pageWaiting[id] = resolve;
      var s = document.createElement('script');
      s.src = src;
      s.onerror = function () {
        delete pageWaiting[id];
        resolve(null);
      };
      s.onload = function () { s.remove(); };
      document.head.appendChild(s);
    });
  }

  /** Fetches the quiz page of the question card after `id`, while this one is answered. */
  function prefetchAfter(id) {
    var due = dueCards(state, Date.now()).filter(function (x) { return x !== id; });
    var p = due.length && parts(due[0]);
    if (p && p.way === 'question') quizPage(p.quiz).catch(function () {});
  }

  function remove(id) {
    if (state.review[id]) {
      delete state.review[id];
      delete dueMs[id];
      store();
      announce(t('review_removed', { count: 1 }));
    }
  }

  /* Revealing and grading ---------------------------------------------------- */

  function reveal() {
    if (!current || current.revealed) return;
    current.revealed = true;
    var focus = ui.back;
    if (current.way === 'question') {
      var result = current.check();
      current.allowed = result === 'right' ? 4 : result === 'partial' ? 2 : 1;
      if (result !== 'right') ui.back.appendChild(make('p', 'review-hint', [t(result === 'partial' ? 'review_partly_hard' : 'review_wrong_again')]));
      focus = ui.front.querySelector('[data-feedback]') || ui.back;
    }
    ui.back.hidden = ui.back.childNodes.length === 0;
    ui.reveal.hidden = true;
    showGrades();
    focus.setAttribute('tabindex', '-1');
    focus.focus();
  }

  function showGrades() {
    var preview = F.preview(current.card, Date.now());
    var now = Date.now();
    ui.grades.querySelectorAll('[data-grade]').forEach(function (button) {
      var g = Number(button.getAttribute('data-grade'));
      var when = button.querySelector('[data-grade-when]');
      if (when) when.textContent = span(Date.parse(preview[g].due) - now);
      button.disabled = g > current.allowed;
    });
    ui.grades.hidden = false;
  }

  function grade(g) {
    if (!current || !current.revealed || g < 1 || g > current.allowed) return;
    var id = current.id;
    var now = Date.now();
    var card = F.review(state.review[id] || current.card, g, now);
    state.review[id] = card;
    dueMs[id] = Date.parse(card.due);
    store();
    announce(t('review_graded', { grade: t(GRADES[g]), time: span(Date.parse(card.due) - now) }));
    next(true);
  }

  /* Start ------------------------------------------------------------------ */

  function onKey(e) {
    if (!current || e.ctrlKey || e.metaKey || e.altKey) return;
    var target = e.target;
    var typing = target.matches && target.matches('input[type="text"], input:not([type]), textarea, select, [contenteditable]');
    if (typing) return;
    if (e.key === ' ' && !current.revealed) {
      if (target.matches && target.matches('button, a, summary, input')) return;
      e.preventDefault();
      reveal();
    } else if (/^[1-4]$/.test(e.key) && current.revealed) {
      e.preventDefault();
      grade(Number(e.key));
    }
  }

  function init() {
    read();
    var removed = sync();
    index();
    root.hidden = false;
    if (ui.sheet) ui.sheet.open = false;
    ui.reveal.addEventListener('click', reveal);
    ui.grades.addEventListener('click', function (e) {
      var button = e.target.closest('[data-grade]');
      if (button && !button.disabled) grade(Number(button.getAttribute('data-grade')));
    });
    document.addEventListener('keydown', onKey);
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'hidden') flush(); });
    window.addEventListener('storage', function (e) {
      if (e.key !== null && e.key.indexOf('syllabus-progress:') !== 0) return;
      // Another tab stored progress: take it, with any grade of this page not yet stored.
      var mine = saving === null ? null : state;
      read();
      if (mine) {
        P.merge(state, mine);
        index();
        store();
      }
      if (!current) next(false);
    });
    next(false);
    if (removed) announce(t('review_removed', { count: removed }));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
