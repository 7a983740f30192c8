/* syllabus: quizzes a learner takes in the browser. Plain JavaScript, no framework, no
 * request to any other host. Without it every question still shows its answer, feedback
 * and explanation in <details>.
 *
 * Loaded by the quiz pages, after progress.js, and by the review page, which asks a
 * question again through window.syllabusQuiz. It reads the hooks the templates emit
 * (the manual, "Hooks for theme authors and browser tests"), and the quiz's answer key
 * from <script type="application/json" data-quiz-key>.
 *
 * A quiz keeps its best attempt in the learner's progress (progress.js); its score is
 * counted again against the quiz as it is now, question by question, so editing one
 * question keeps the rest. Each question answered also gives its review card a grade:
 * right Good, partly right Hard, wrong Again. */
(function () {
  'use strict';

  var P = window.syllabusProgress || null;

  /* Small helpers ---------------------------------------------------------- */

  /** An element with a class and children (strings become text). */
  function make(tag, className, children) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }

  /** An element holding HTML the build rendered (quiz feedback and explanations). */
  function trusted(tag, className, html) {
    var node = make(tag, className);
    node.innerHTML = html;
    return node;
  }

  /** The theme's words in the course's language (strings.js, loaded first). */
  var S = window.syllabusStrings || null;
  function t(name, values) {
    return S ? S.t(name, values) : name;
  }

  /** Points as people write them, in the language's digits: 3, 1.5, 0.33. */
  function fmt(n) {
    var rounded = Math.round(n * 100) / 100;
    return S ? S.number(rounded) : String(rounded);
  }

  /** Shows an element and every hidden ancestor up to `stop`. */
  function reveal(node, stop) {
    for (var n = node; n && n !== stop; n = n.parentElement) n.hidden = false;
  }

  function now() {
    return new Date().toISOString();
  }

  /* Scoring (FORMAT.md, "Scoring") ----------------------------------------- */

  function normal(s) {
    return String(s).normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  }

  /** A number as a learner may type it: "2.98", "2,98", "-3", "1e3", "1 000". */
  function parseNumber(s) {
    // Arabic-Indic and Persian digits count as digits; ٫ is a decimal point, ٬ a thousands mark.
    var text = String(s).trim().replace(/[\u0660-\u0669]/g, function (d) { return String(d.charCodeAt(0) - 0x660); })
      .replace(/[\u06f0-\u06f9]/g, function (d) { return String(d.charCodeAt(0) - 0x6f0); })
      .replace(/\u066b/g, '.').replace(/[\s\u202f\u066c]/g, '').replace(/\u2212/g, '-');
    if (text.indexOf('.') < 0 && (text.match(/,/g) || []).length === 1) text = text.replace(',', '.');
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) ? Number(text) : NaN;
  }

  /** What the learner gave for a question, or null when they gave nothing. */
  function responseOf(fieldset, q) {
    if (q.type === 'single' || q.type === 'true_false') {
      var chosen = fieldset.querySelector('input[data-choice]:checked');
      return chosen ? chosen.value : null;
    }
    if (q.type === 'multiple') {
      var values = Array.prototype.map.call(fieldset.querySelectorAll('input[data-choice]:checked'), function (i) {
        return Number(i.value);
      });
      return values.length ? values : null;
    }
    if (q.type === 'short' || q.type === 'numeric') {
      var box = fieldset.querySelector('input[data-answer]');
      return box && box.value.trim() ? box.value : null;
    }
    return placements(fieldset, q.type === 'order' ? 'data-item' : 'data-left');
  }

  /** order: item -> position; match: left -> right; null when nothing is chosen. */
  function placements(fieldset, attr) {
    var out = {};
    var any = false;
    fieldset.querySelectorAll('select[' + attr + ']').forEach(function (s) {
      out[s.getAttribute(attr)] = s.value === '' ? null : Number(s.value);
      any = any || s.value !== '';
    });
    return any ? out : null;
  }

  /** order: for each item, whether it sits where an equal text belongs (each place
   * counted once, so two items on one place cannot both be right). */
  function placed(items, r) {
    var used = {};
    return items.map(function (item, i) {
      var at = r[i];
      if (at === null || at === undefined || used[at]) return false;
      used[at] = true;
      return items[at] === item;
    });
  }

  function itemsInPlace(items, r) {
    return placed(items, r).filter(Boolean).length;
  }

  function pairsRight(count, r) {
    var n = 0;
    for (var i = 0; i < count; i++) if (r[i] === i) n++;
    return n;
  }

  function isRight(q, r) {
    if (r === null) return false;
    switch (q.type) {
      case 'single':
        return Number(r) === q.correct[0];
      case 'multiple':
        return r.length === q.correct.length && q.correct.every(function (c) { return r.indexOf(c) >= 0; });
      case 'true_false':
        return r === String(q.answer);
      case 'short':
        return q.answers.some(function (a) { return normal(a) === normal(r); });
      case 'numeric':
        var x = parseNumber(r);
        return isFinite(x) && Math.abs(x - q.answer) <= q.tolerance + 1e-9 * Math.max(1, Math.abs(q.answer));
      case 'order':
        return itemsInPlace(q.items, r) === q.items.length;
      case 'match':
        return pairsRight(q.pairs, r) === q.pairs;
    }
    return false;
  }

  /** The share of a question's points an answer earns: 1 when wholly right; with
   *  `partial`, multiple earns (right choices chosen - wrong ones) / right choices, never
   *  below 0, and order and match the share of items or pairs in place; else 0. */
  function shareOf(q, r) {
    if (r === null) return 0;
    if (isRight(q, r)) return 1;
    if (!q.partial) return 0;
    if (q.type === 'multiple') {
      var hits = r.filter(function (c) { return q.correct.indexOf(c) >= 0; }).length;
      return Math.max(0, (hits - (r.length - hits)) / q.correct.length);
    }
    if (q.type === 'order') return itemsInPlace(q.items, r) / q.items.length;
    if (q.type === 'match') return pairsRight(q.pairs, r) / q.pairs;
    return 0;
  }

  /** A stored answer's share: true (right), false (not), or a share between. */
  function storedShare(v) {
    return v === true ? 1 : typeof v === 'number' ? v : 0;
  }

  /* A quiz page ------------------------------------------------------------ */

  function initQuiz(article) {
    var keyNode = article.querySelector('script[data-quiz-key]');
    if (!keyNode) return;
    var key;
    try {
      key = JSON.parse(keyNode.textContent);
    } catch (e) {
      return;
    }
    var quiz = {
      el: article,
      key: key,
      questions: [],
      result: article.querySelector('.quiz-result') || article,
      announcer: article.querySelector('[data-announce]'),
      checkAll: article.querySelector('[data-action="check-all"]'),
      retry: article.querySelector('[data-action="retry"]'),
    };
    key.questions.forEach(function (q) {
      var fieldset = article.querySelector('[data-question-id="' + CSS.escape(q.id) + '"]');
      if (fieldset) quiz.questions.push(initQuestion(quiz, q, fieldset));
    });
    var form = article.querySelector('form');
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); });
    if (quiz.checkAll) {
      reveal(quiz.checkAll, article);
      quiz.checkAll.addEventListener('click', function () { checkAll(quiz); });
    }
    if (quiz.retry) quiz.retry.addEventListener('click', function () { retry(quiz); });
    if (P) showBest(quiz, P.load().quizzes[key.quiz]);
  }

  function initQuestion(quiz, q, fieldset) {
    var qs = setUp(fieldset, q, quiz.key.shuffle, function () { checkOne(quiz, qs, true); });
    var check = fieldset.querySelector('[data-action="check"]');
    if (check) {
      reveal(check, fieldset);
      check.addEventListener('click', function () { checkOne(quiz, qs, true); });
    }
    return qs;
  }

  /** A question's state, its answer hidden, its choices shuffled if the quiz says so,
   *  Enter in its text box running `onEnter`, its places swapping. */
  function setUp(fieldset, q, shuffleChoices, onEnter) {
    var qs = { key: q, el: fieldset, state: 'open', answered: false };
    var details = fieldset.querySelector('details.answer');
    if (details) details.hidden = true;
    if (shuffleChoices && (q.type === 'single' || q.type === 'multiple')) shuffle(fieldset.querySelector('.choices'));
    var box = fieldset.querySelector('input[data-answer]');
    if (box) {
      box.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') {
          e.preventDefault();
          onEnter();
        }
      });
    }
    fieldset.querySelectorAll('select').forEach(function (s) {
      s.setAttribute('data-was', s.value);
      s.addEventListener('change', function () { swapPlaces(fieldset, s); });
    });
    return qs;
  }

  /** Fisher-Yates on the children of a list. */
  function shuffle(list) {
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    items.forEach(function (li) { list.appendChild(li); });
  }

  /** order and match: choosing a place another select holds gives it this one's old place,
   * so arrowing through a select moves its item among the others. */
  function swapPlaces(fieldset, select) {
    var was = select.getAttribute('data-was');
    fieldset.querySelectorAll('select').forEach(function (other) {
      if (other !== select && select.value !== '' && other.value === select.value) {
        other.value = was;
        other.setAttribute('data-was', was);
      }
    });
    select.setAttribute('data-was', select.value);
  }

  function controls(qs) {
    return qs.el.querySelectorAll('input, select, textarea');
  }

  /** Checks one question's answer and shows its feedback; the question is then closed. */
  function judge(qs) {
    var r = responseOf(qs.el, qs.key);
    var right = isRight(qs.key, r);
    qs.share = shareOf(qs.key, r);
    qs.state = right ? 'right' : qs.share > 0 ? 'partial' : 'wrong';
    qs.answered = r !== null;
    controls(qs).forEach(function (c) { c.disabled = true; });
    var check = qs.el.querySelector('[data-action="check"]');
    if (check) check.closest('.question-actions').hidden = true;
    showFeedback(qs, r, right, qs.el.querySelector('[data-feedback]'));
    var details = qs.el.querySelector('details.answer');
    if (details) details.hidden = false;
  }

  function checkOne(quiz, qs, single) {
    judge(qs);
    if (!single) return;
    update(quiz);
    var best = record(quiz, [qs]);
    showBest(quiz, best);
    var feedback = qs.el.querySelector('[data-feedback]');
    if (feedback) {
      feedback.setAttribute('tabindex', '-1');
      feedback.focus();
    }
    announce(quiz, verdictText(qs) + ' ' + scoreSentence(quiz));
  }

  function checkAll(quiz) {
    var open = quiz.questions.filter(function (qs) { return qs.state === 'open'; });
    open.forEach(function (qs) { checkOne(quiz, qs, false); });
    update(quiz);
    showBest(quiz, record(quiz, open));
    quiz.result.focus();
    var wrong = quiz.questions.filter(function (qs) { return qs.state === 'wrong' || qs.state === 'partial'; }).length;
    announce(quiz, t('all_checked') + ' ' + scoreSentence(quiz) + (wrong ? ' ' + t('not_right_count', { count: wrong }) : ''));
  }

  function retry(quiz) {
    var again = quiz.questions.filter(function (qs) { return qs.state === 'wrong' || qs.state === 'partial'; });
    again.forEach(reset);
    update(quiz);
    if (again.length) {
      var first = again[0].el.querySelector('input:not([type="hidden"]), select');
      if (first) first.focus();
    }
    announce(quiz, t('try_again_count', { count: again.length }));
  }

  function reset(qs) {
    qs.state = 'open';
    qs.share = 0;
    qs.answered = false;
    controls(qs).forEach(function (c) {
      c.disabled = false;
      if (c.type === 'radio' || c.type === 'checkbox') c.checked = false;
      else c.value = '';
      if (c.tagName === 'SELECT') c.setAttribute('data-was', '');
    });
    qs.el.querySelectorAll('.is-right, .is-wrong').forEach(function (n) { n.classList.remove('is-right', 'is-wrong'); });
    var feedback = qs.el.querySelector('[data-feedback]');
    if (feedback) {
      feedback.textContent = '';
      feedback.className = 'feedback';
    }
    var details = qs.el.querySelector('details.answer');
    if (details) {
      details.open = false;
      details.hidden = true;
    }
    var check = qs.el.querySelector('[data-action="check"]');
    if (check) reveal(check, qs.el);
  }

  function questionName(qs) {
    var number = qs.el.querySelector('.question-number');
    return number ? number.textContent.trim() : t('question_number', { number: '' }).trim();
  }

  /** What a check says of one question: "Question 2: right." */
  function verdictText(qs) {
    var question = questionName(qs);
    if (qs.state === 'right') return t('question_verdict_right', { question: question });
    if (qs.state === 'partial') {
      return t('question_verdict_partly', { question: question, score: fmt(qs.share * qs.key.points), total: fmt(qs.key.points) });
    }
    return t(qs.answered ? 'question_verdict_wrong' : 'question_verdict_unanswered', { question: question });
  }

  /* Feedback inside a question's [data-feedback] -------------------------- */

  function showFeedback(qs, r, right, box) {
    if (!box) return;
    var q = qs.key;
    box.textContent = '';
    var partly = !right && qs.share > 0;
    box.className = 'feedback ' + (right ? 'is-correct' : partly ? 'is-partial' : 'is-wrong');
    var verdict = t(right ? 'right' : partly ? 'partly_right' : r === null ? 'not_answered' : 'not_right');
    var points = t('points_of', { score: fmt(qs.share * q.points), count: q.points });
    box.appendChild(make('p', 'verdict', [make('strong', '', [verdict]), ' ' + points]));
    var details = responseDetails(qs, r);
    if (details) box.appendChild(details);
    var rule = scoringRule(q, r, right);
    if (rule) box.appendChild(make('p', 'scoring-rule', [rule]));
    if (q.explanation) box.appendChild(trusted('div', 'explanation', q.explanation));
    if (!right && q.review.length) box.appendChild(reviewLinks(q.review));
  }

  /** Why a partly right answer earned what it did: the question's scoring rule. */
  function scoringRule(q, r, right) {
    if (right || r === null || ['multiple', 'order', 'match'].indexOf(q.type) < 0) return null;
    var some = q.type === 'multiple' ? r.some(function (c) { return q.correct.indexOf(c) >= 0; })
      : q.type === 'order' ? itemsInPlace(q.items, r) > 0 : pairsRight(q.pairs, r) > 0;
    if (!some) return null;
    if (!q.partial) return t('whole_answer_rule');
    if (q.type === 'multiple') return t('multiple_rule');
    return t(q.type === 'order' ? 'order_rule' : 'match_rule');
  }

  function responseDetails(qs, r) {
    var q = qs.key;
    if (r === null) return null;
    if (q.type === 'single' || q.type === 'multiple') return choiceFeedback(qs, r);
    if (q.type === 'true_false') {
      markChoice(qs, r, r === String(q.answer));
      return make('p', '', [t('you_answered', { answer: t(r === 'true' ? 'answer_true' : 'answer_false') })]);
    }
    if (q.type === 'short') return make('p', '', [t('you_answered_text', { answer: r.trim() })]);
    if (q.type === 'numeric') {
      var x = parseNumber(r);
      return make('p', '', [t(isFinite(x) ? 'you_answered' : 'not_a_number', { answer: r.trim() })]);
    }
    if (q.type === 'order') {
      var ok = placed(q.items, r);
      markPlacements(qs, 'data-item', function (i) { return ok[i]; });
      return make('p', '', [t('items_in_place', { right: itemsInPlace(q.items, r), count: q.items.length })]);
    }
    markPlacements(qs, 'data-left', function (i) { return r[i] === i; });
    return make('p', '', [t('pairs_matched', { right: pairsRight(q.pairs, r), count: q.pairs })]);
  }

  /** single, multiple: each chosen choice with its own feedback, and any correct one missed. */
  function choiceFeedback(qs, r) {
    var q = qs.key;
    var chosen = Array.isArray(r) ? r : [Number(r)];
    var list = make('ul', 'choice-feedback-list');
    chosen.forEach(function (i) {
      var correct = q.correct.indexOf(i) >= 0;
      markChoice(qs, String(i), correct);
      var item = make('li', correct ? 'is-right' : 'is-wrong', [
        make('strong', '', [t(correct ? 'correct_choice' : 'not_a_correct_choice') + ' ']),
        choiceText(qs, i),
      ]);
      if (q.feedback[i]) item.appendChild(trusted('div', 'choice-feedback', q.feedback[i]));
      list.appendChild(item);
    });
    var missed = q.correct.filter(function (c) { return chosen.indexOf(c) < 0; }).length;
    if (q.type === 'multiple' && missed) list.appendChild(make('li', 'is-wrong', [t('missed_choices', { count: missed })]));
    return list;
  }

  function choiceInput(qs, value) {
    return qs.el.querySelector('input[data-choice][value="' + CSS.escape(String(value)) + '"]');
  }

  /** A choice's text as the page shows it (code and emphasis kept): a copy of its label's. */
  function choiceText(qs, i) {
    var input = choiceInput(qs, i);
    var text = input && input.closest('label') && input.closest('label').querySelector('span');
    var out = make('span', 'choice-text');
    if (text) Array.prototype.forEach.call(text.childNodes, function (n) { out.appendChild(n.cloneNode(true)); });
    return out;
  }

  function markChoice(qs, value, right) {
    var input = choiceInput(qs, value);
    var label = input && input.closest('label');
    if (label) label.classList.add(right ? 'is-right' : 'is-wrong');
  }

  function markPlacements(qs, attr, isPlaced) {
    qs.el.querySelectorAll('select[' + attr + ']').forEach(function (s) {
      var row = s.closest('li') || s;
      row.classList.add(isPlaced(Number(s.getAttribute(attr))) ? 'is-right' : 'is-wrong');
    });
  }

  function reviewLinks(review) {
    var p = make('p', 'review', [t('review_label') + ' ']);
    review.forEach(function (c, i) {
      var a = make('a', 'concept-link', [c.term]);
      a.setAttribute('href', c.url);
      a.setAttribute('data-concept', c.id);
      if (i) p.appendChild(document.createTextNode(t('list_separator')));
      p.appendChild(a);
    });
    return p;
  }

  /* Score, verdict, best score --------------------------------------------- */

  function totalPoints(key) {
    return key.questions.reduce(function (s, q) { return s + q.points; }, 0);
  }

  function earned(quiz) {
    return quiz.questions.reduce(function (s, qs) { return s + (qs.state === 'open' ? 0 : (qs.share || 0) * qs.key.points); }, 0);
  }

  function percent(score, total) {
    return total > 0 ? Math.round((score / total) * 1000) / 10 : 0;
  }

  function passed(quiz, score, total) {
    return quiz.key.pass_mark === null || quiz.key.pass_mark === undefined || percent(score, total) + 1e-9 >= quiz.key.pass_mark;
  }

  function scoreSentence(quiz) {
    var total = totalPoints(quiz.key);
    return t('score_sentence', { score: fmt(earned(quiz)), total: fmt(total) });
  }

  function update(quiz) {
    var total = totalPoints(quiz.key);
    var score = earned(quiz);
    var checked = quiz.questions.filter(function (qs) { return qs.state !== 'open'; }).length;
    var all = checked === quiz.questions.length;
    var wrong = quiz.questions.some(function (qs) { return qs.state === 'wrong' || qs.state === 'partial'; });
    reveal(quiz.result, quiz.el);
    var out = quiz.el.querySelector('[data-score]');
    if (out) out.textContent = fmt(score) + '/' + fmt(total);
    var count = quiz.el.querySelector('[data-progress-count]');
    if (count) count.textContent = t('checked_count', { checked: checked, count: quiz.questions.length });
    var verdict = quiz.el.querySelector('[data-verdict]');
    if (verdict) {
      verdict.hidden = !all;
      verdict.className = 'verdict ' + (passed(quiz, score, total) ? 'is-pass' : 'is-fail');
      verdict.textContent = verdictLine(quiz, score, total);
    }
    if (quiz.checkAll) quiz.checkAll.closest('.quiz-actions').hidden = all;
    if (quiz.retry) quiz.retry.parentElement.hidden = !wrong;
  }

  function verdictLine(quiz, score, total) {
    var mark = quiz.key.pass_mark;
    var share = percent(score, total);
    if (mark === null || mark === undefined) return t('you_scored', { percent: share });
    return t(passed(quiz, score, total) ? 'passed' : 'not_passed', { percent: share, mark: mark });
  }

  /** The score of stored answers against the quiz as it is now. */
  function rescore(key, questions) {
    return key.questions.reduce(function (s, q) { return s + storedShare(questions[q.id]) * q.points; }, 0);
  }

  /** Keeps this attempt if it beats the stored best, and grades the review cards of the
   *  questions just `checked` that were answered; returns the best. */
  function record(quiz, checked) {
    if (!P) return null;
    var progress = P.load();
    var id = quiz.key.quiz;
    var had = progress.quizzes[id];
    var score = earned(quiz);
    var total = totalPoints(quiz.key);
    if (!had || score > rescore(quiz.key, had.questions)) {
      var answers = Object.create(null);
      quiz.questions.forEach(function (qs) {
        answers[qs.key.id] = qs.state === 'right' ? true : qs.state === 'partial' ? Math.round(qs.share * 10000) / 10000 : false;
      });
      progress.quizzes[id] = { title: quiz.key.title, score: score, total: total, questions: answers, updated: now() };
    } else {
      had.score = rescore(quiz.key, had.questions);
      had.total = total;
      had.title = quiz.key.title;
    }
    var at = Date.now();
    checked.forEach(function (qs) {
      if (qs.answered && !qs.key.no_review) P.answered(progress, id, qs.key.id, qs.state, at);
    });
    P.save(progress);
    return progress.quizzes[id];
  }

  function showBest(quiz, best) {
    var line = quiz.el.querySelector('[data-best]');
    if (!line || !best) return;
    var score = rescore(quiz.key, best.questions);
    line.textContent = t('best_score', { score: fmt(score) + '/' + fmt(totalPoints(quiz.key)) });
    line.hidden = false;
    reveal(quiz.result, quiz.el);
  }

  function announce(quiz, message) {
    var node = quiz.announcer;
    if (!node) return;
    node.textContent = '';
    window.setTimeout(function () { node.textContent = message; }, 50);
  }

  /* One question on its own (the review page) -------------------------------- */

  /** Makes `fieldset`, a question as its quiz page has it, answerable on its own with the
   *  answer key `key` of that question; `onEnter` runs when Enter is pressed in its text
   *  box. Returns a function that checks the answer, shows the feedback and returns
   *  "right", "partial" or "wrong" (also for no answer). */
  function prepare(fieldset, key, shuffleChoices, onEnter) {
    var qs = setUp(fieldset, key, shuffleChoices, onEnter);
    var actions = fieldset.querySelector('.question-actions');
    if (actions) actions.hidden = true;
    return function () {
      judge(qs);
      return qs.state;
    };
  }

  window.syllabusQuiz = Object.freeze({ prepare: prepare });

  /* Start ------------------------------------------------------------------ */

  function init() {
    document.querySelectorAll('[data-quiz-id]').forEach(initQuiz);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
