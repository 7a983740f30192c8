/* syllabus: a course inside a learning platform, as a SCORM 1.2 package
 * (`syllabus export course --format scorm12`). Loaded by every page of such a package, last.
 * Plain JavaScript, no framework, no request to any other host. Outside a platform (no
 * SCORM API found) it does nothing: the site behaves as the static site does.
 *
 * The platform's API is `window.API`, looked for in this window's parents, then in its
 * opener's (SCORM 1.2 run-time environment, "API adapter"). On every page:
 *   - LMSInitialize (the second page of a visit finds the session open: the platform says
 *     so with error 101, and the page goes on with it);
 *   - on the launch of a visit, progress kept by the platform (cmi.suspend_data) is merged
 *     into the browser's, so a learner on another computer resumes where they were;
 *   - after each change of progress, and when the page is left: cmi.core.score.raw (min 0,
 *     max 100) = the share of all the course's quiz points earned, at each quiz's best;
 *     cmi.core.lesson_status; cmi.suspend_data = the progress; cmi.core.exit = "suspend";
 *     then LMSCommit;
 *   - LMSFinish when the course is left: a page left other than by a link, form or search
 *     of the course itself (closing the window, the platform's own navigation).
 *
 * Status: with quizzes, "passed" once every quiz has been taken and each one's best score
 * reaches its pass mark (a quiz without one counts as passed once taken), "incomplete"
 * before; without quizzes, "completed" once every lesson is marked done, "incomplete"
 * before. It is never "failed": a learner may always try again.
 *
 * Suspend data is SCORM 1.2's CMIString4096: at most 4,096 characters. The progress is
 * written as compact JSON (titles left out, characters past ASCII escaped); when it is
 * longer, review cards are left out first, those reviewed longest ago first, then the
 * answers of each question (the scores stay), then lessons marked done. */
(function () {
  'use strict';

  var course = { quizzes: {}, lessons: 0 };
  var LIMIT = 4096;
  var NAV_KEY = 'syllabus-scorm-leaving-within';
  var P = window.syllabusProgress || null;

  /** The SCORM 1.2 API in `win`'s chain of parents (at most 7 up, as the standard says). */
  function findIn(win) {
    for (var i = 0; win && i < 8; i++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null;
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }

  var api = findIn(window) || (window.opener ? findIn(window.opener) : null);
  if (!api) return;

  function call(name, a, b) {
    try {
      return String(b === undefined ? api[name](a === undefined ? '' : a) : api[name](a, b));
    } catch (e) {
      return 'false';
    }
  }

  /* The progress, as progress.js keeps it (or, on a page without it, as stored). ---- */

  function storeKey() {
    var script = document.querySelector('script[src*="assets/scorm.js"]');
    var path = script ? new URL(script.src, location.href).pathname : '/';
    var at = path.lastIndexOf('/assets/');
    return 'syllabus-progress:' + (at >= 0 ? path.slice(0, at + 1) : '/');
  }

  function progress() {
    if (P) return P.load();
    try {
      var data = JSON.parse(window.localStorage.getItem(storeKey()) || 'null');
      if (data && typeof data === 'object') return { quizzes: data.quizzes || {}, lessons: data.lessons || {}, review: data.review || {} };
    } catch (e) { /* unreadable: as if empty */ }
    return { quizzes: {}, lessons: {}, review: {} };
  }

  /* Score and status ------------------------------------------------------------ */

  function score(p) {
    var total = 0, earned = 0;
    Object.keys(course.quizzes).forEach(function (id) {
      var q = course.quizzes[id];
      total += q.points;
      var best = p.quizzes[id];
      if (best && best.total > 0) earned += Math.min(1, best.score / best.total) * q.points;
    });
    return total > 0 ? Math.round((earned / total) * 10000) / 100 : null;
  }

  function status(p) {
    var ids = Object.keys(course.quizzes);
    if (ids.length) {
      var passed = ids.every(function (id) {
        var best = p.quizzes[id];
        if (!best) return false;
        var mark = course.quizzes[id].pass_mark;
        var percent = best.total > 0 ? (best.score / best.total) * 100 : 0;
        return mark === null || mark === undefined || percent + 1e-9 >= mark;
      });
      return passed ? 'passed' : 'incomplete';
    }
    return course.lessons > 0 && Object.keys(p.lessons).length >= course.lessons ? 'completed' : 'incomplete';
  }

  /* Suspend data --------------------------------------------------------------- */

  function ascii(json) {
    return json.replace(/[\u007f-\uffff]/g, function (c) {
      return '\\u' + ('000' + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  /** The progress as compact JSON of at most LIMIT characters (see the top of this file). */
  function suspend(p) {
    var data = { format: 'syllabus-progress', version: 2, quizzes: {}, lessons: {}, review: {} };
    Object.keys(p.quizzes).forEach(function (id) {
      var q = p.quizzes[id];
      data.quizzes[id] = { title: '', score: q.score, total: q.total, questions: q.questions || {} };
    });
    Object.keys(p.lessons).forEach(function (id) { data.lessons[id] = { title: '', done: true }; });
    var cards = Object.keys(p.review || {}).sort(function (a, b) {
      return String(p.review[b].last || '').localeCompare(String(p.review[a].last || ''));
    });
    cards.forEach(function (id) { data.review[id] = p.review[id]; });
    var text = ascii(JSON.stringify(data));
    while (text.length > LIMIT && cards.length) {
      // Halving what is left keeps this quick for thousands of cards.
      cards.splice(Math.floor(cards.length / 2)).forEach(function (id) { delete data.review[id]; });
      text = ascii(JSON.stringify(data));
    }
    if (text.length > LIMIT) {
      Object.keys(data.quizzes).forEach(function (id) { data.quizzes[id].questions = {}; });
      text = ascii(JSON.stringify(data));
    }
    var lessons = Object.keys(data.lessons);
    while (text.length > LIMIT && lessons.length) {
      delete data.lessons[lessons.pop()];
      text = ascii(JSON.stringify(data));
    }
    return text.length > LIMIT ? '' : text;
  }

  /** Progress the platform kept, merged into the browser's (on a page with progress.js). */
  function resume() {
    var kept = call('LMSGetValue', 'cmi.suspend_data');
    if (!P || !kept || kept === 'false') return;
    try {
      var mine = P.load();
      P.merge(mine, P.validate(JSON.parse(kept)));
      P.save(mine);
    } catch (e) { /* data the page cannot read: the browser's own progress stays */ }
  }

  /* Reporting ------------------------------------------------------------------ */

  function report() {
    var p = progress();
    var raw = score(p);
    if (raw !== null) {
      call('LMSSetValue', 'cmi.core.score.min', '0');
      call('LMSSetValue', 'cmi.core.score.max', '100');
      call('LMSSetValue', 'cmi.core.score.raw', String(raw));
    }
    call('LMSSetValue', 'cmi.core.lesson_status', status(p));
    call('LMSSetValue', 'cmi.suspend_data', suspend(p));
    call('LMSSetValue', 'cmi.core.exit', 'suspend');
    call('LMSCommit', '');
  }

  /** Whether a click or a form sends the learner to another page of the course. */
  function marksStay(e) {
    var target = e.type === 'submit' ? e.target : e.target && e.target.closest ? e.target.closest('a[href]') : null;
    if (!target) return;
    var to = target.tagName === 'FORM' ? target.action : target.href;
    var root = new URL(storeKey().slice('syllabus-progress:'.length), location.href).href;
    if (to && to.indexOf(root) === 0 && !(target.target && target.target !== '_self')) {
      try {
        window.sessionStorage.setItem(NAV_KEY, String(Date.now()));
      } catch (err) { /* without session storage every page left ends the session */ }
    }
  }

  function staying() {
    try {
      var at = Number(window.sessionStorage.getItem(NAV_KEY));
      window.sessionStorage.removeItem(NAV_KEY);
      return at > 0 && Date.now() - at < 10000;
    } catch (e) {
      return false;
    }
  }

  var opened = call('LMSInitialize', '');
  if (opened !== 'true' && call('LMSGetLastError') !== '101') return;
  resume();
  report();
  if (P) P.refresh();
  window.addEventListener('syllabus-progress-saved', report);
  document.addEventListener('click', marksStay, true);
  document.addEventListener('submit', marksStay, true);
  window.addEventListener('pagehide', function () {
    report();
    if (!staying()) call('LMSFinish', '');
  });
})();
