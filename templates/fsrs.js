/* syllabus: the spaced-repetition scheduler of the review page. Plain JavaScript, no
 * framework, no request to any other host, no access to the clock or to storage: every
 * function takes the time it is asked about (`now`, milliseconds since 1970 UTC) and
 * returns new plain objects, so a page (or a test faking days passing) owns both.
 *
 * The model is FSRS-6, version 6 of the Free Spaced Repetition Scheduler (the scheduler
 * Anki offers since 23.10), with its published default parameters (the 21 numbers of
 * DEFAULT_W, the same in fsrs-rs, py-fsrs and ts-fsrs). The formulas are the ones those
 * reference implementations share (fsrs-rs src/model.rs; the fsrs4anki wiki's page "The
 * Algorithm" explains them); each is named where it is computed, below. Written for
 * syllabus, not copied; tests/browser/fsrs.mjs checks its numbers against the reference
 * implementations' published tests.
 *
 * The scheduler around the model (learning steps, states) follows py-fsrs's
 * Scheduler.review_card, with its defaults: desired retention 0.9, maximum interval
 * 36500 days, learning steps 1 min and 10 min, relearning step 10 min, and fuzz turned
 * off (this one never draws a random number: the same card, grade and time always give
 * the same result). Two choices follow fsrs-rs and ts-fsrs where py-fsrs differs: a
 * same-day Hard, like Good and Easy, never lowers stability; and for a card in review,
 * Hard's interval is at most Good's and Easy's at least one day more than Good's (short
 * of the maximum interval).
 *
 * A card's state is a plain JSON object:
 *   {state: "new" | "learning" | "review" | "relearning",
 *    due:   ISO-8601 time (a number of milliseconds is accepted too),
 *    last:  time of the last review, or null for a new card,
 *    stability:  days for retrievability to fall to 90% (null for a new card),
 *    difficulty: 1..10 (null for a new card),
 *    reps, lapses: reviews so far, and times a card in review was forgotten,
 *    step:  index of the learning or relearning step, null otherwise}
 * Every function checks the card it is given and throws an Error saying what is wrong
 * (a card read back from a tampered file: NaN, a negative or absurd value, a date past
 * the year 9999, a field of the wrong type) rather than compute nonsense from it.
 *
 * Days are whole 24-hour periods since the last review (as py-fsrs counts them); a
 * review less than one day after the last one is a same-day review. A review whose
 * `now` is before the card's last review (a clock set back) counts as a same-day one.
 *
 * Outside a browser (tests/browser/fsrs.mjs loads it with node:vm) it defines
 * globalThis.syllabusFsrs the same way. */
(function (root) {
  'use strict';

  var VERSION = 'FSRS-6';
  var MINUTE_MS = 60 * 1000;
  var DAY_MS = 24 * 60 * MINUTE_MS;

  /* FSRS-6 default parameters w0..w20 (fsrs-rs DEFAULT_PARAMETERS, py-fsrs
   * DEFAULT_PARAMETERS, ts-fsrs default_w): w0..w3 initial stability per grade, w4 w5
   * initial difficulty, w6 w7 difficulty update, w8..w10 stability after recall,
   * w11..w14 stability after forgetting, w15 Hard penalty, w16 Easy bonus, w17..w19
   * same-day review, w20 the decay of the forgetting curve. */
  var DEFAULT_W = Object.freeze([
    0.212, 1.2931, 2.3065, 8.2956,
    6.4133, 0.8334,
    3.0194, 0.001,
    1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483,
    0.6014, 1.8729,
    0.5425, 0.0912, 0.0658,
    0.1542
  ]);

  /* The range each parameter may take (py-fsrs's LOWER_BOUNDS_PARAMETERS and
   * UPPER_BOUNDS_PARAMETERS); makeModel refuses parameters outside them. */
  var W_MIN = [0.001, 0.001, 0.001, 0.001, 1, 0.001, 0.001, 0.001, 0, 0, 0.001,
    0.001, 0.001, 0.001, 0, 0, 1, 0, 0, 0, 0.1];
  var W_MAX = [100, 100, 100, 100, 10, 4, 4, 0.75, 4.5, 0.8, 3.5,
    5, 0.25, 0.9, 4, 1, 6, 2, 2, 0.8, 0.8];

  var DESIRED_RETENTION = 0.9;
  var MAXIMUM_INTERVAL = 36500; // days
  var LEARNING_STEPS_MS = Object.freeze([1 * MINUTE_MS, 10 * MINUTE_MS]);
  var RELEARNING_STEPS_MS = Object.freeze([10 * MINUTE_MS]);

  var S_MIN = 0.001; // stability, days
  var S_MAX = 36500;
  var D_MIN = 1; // difficulty
  var D_MAX = 10;

  var AGAIN = 1;
  var HARD = 2;
  var GOOD = 3;
  var EASY = 4;

  var STATES = ['new', 'learning', 'review', 'relearning'];
  var MIN_TIME = 0; // 1970-01-01T00:00:00.000Z
  var MAX_TIME = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
  // The latest `now` a review may take place at: its due date stays before MAX_TIME.
  var MAX_NOW = MAX_TIME - (MAXIMUM_INTERVAL + 1) * DAY_MS;
  var MAX_COUNT = 1000000; // reps, lapses
  var MAX_STEP = 100;
  var ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

  /* Small helpers ---------------------------------------------------------- */

  function fail(message) {
    throw new Error('syllabusFsrs: ' + message);
  }

  function isNumber(x) {
    return typeof x === 'number' && isFinite(x);
  }

  function isInteger(x) {
    return isNumber(x) && Math.floor(x) === x;
  }

  function clamp(x, lo, hi) {
    return x < lo ? lo : x > hi ? hi : x;
  }

  function show(x) {
    if (typeof x === 'string') return JSON.stringify(x.length > 40 ? x.slice(0, 40) + '...' : x);
    if (typeof x === 'number' || typeof x === 'boolean' || x === null || x === undefined) return String(x);
    return Object.prototype.toString.call(x).slice(8, -1).toLowerCase();
  }

  function checkGrade(grade) {
    if (grade !== AGAIN && grade !== HARD && grade !== GOOD && grade !== EASY) {
      fail('grade must be 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy), not ' + show(grade));
    }
    return grade;
  }

  /** A time as milliseconds: a number, an ISO-8601 string or a Date, in 1970..9999. */
  function readTime(value, what) {
    var ms;
    if (typeof value === 'number') {
      if (!isFinite(value)) fail(what + ' is not a finite number of milliseconds: ' + show(value));
      ms = Math.floor(value);
    } else if (typeof value === 'string') {
      if (!ISO_TIME.test(value)) fail(what + ' is not an ISO-8601 time in the years 0000..9999: ' + show(value));
      ms = Date.parse(value);
      if (!isFinite(ms)) fail(what + ' is not a valid time: ' + show(value));
    } else if (value instanceof Date) {
      ms = value.getTime();
      if (!isFinite(ms)) fail(what + ' is an invalid Date');
    } else {
      fail(what + ' must be a time (milliseconds or an ISO-8601 string), not ' + show(value));
    }
    if (ms < MIN_TIME) fail(what + ' is before 1970: ' + show(value));
    if (ms > MAX_TIME) fail(what + ' is after the year 9999: ' + show(value));
    return ms;
  }

  /** The time a review takes place at: a time no later than MAX_NOW (about 9899). */
  function readNow(value) {
    var ms = readTime(value, 'now');
    if (ms > MAX_NOW) fail('now is too far in the future to schedule from: ' + show(value));
    return ms;
  }

  function iso(ms) {
    return new Date(ms).toISOString();
  }

  /* The model: FSRS-6's formulas for one set of parameters ------------------ */

  /** The FSRS-6 formulas for the parameters w (21 numbers, each within its bounds). */
  function makeModel(parameters) {
    if (!parameters || typeof parameters.length !== 'number' || parameters.length !== 21) {
      fail('FSRS-6 takes 21 parameters, not ' + (parameters && typeof parameters.length === 'number' ? parameters.length : show(parameters)));
    }
    var list = [];
    for (var i = 0; i < 21; i++) {
      var p = parameters[i];
      if (!isNumber(p)) fail('parameter w' + i + ' is not a finite number: ' + show(p));
      if (p < W_MIN[i] || p > W_MAX[i]) fail('parameter w' + i + ' = ' + p + ' is outside ' + W_MIN[i] + '..' + W_MAX[i]);
      list.push(p);
    }
    var w = Object.freeze(list);

    // The forgetting curve's shape: DECAY = -w20 and FACTOR = 0.9^(1/DECAY) - 1, chosen
    // so that R(S, S) = 0.9 whatever the decay.
    var DECAY = -w[20];
    var FACTOR = Math.pow(0.9, 1 / DECAY) - 1;

    function checkStability(s) {
      if (!isNumber(s) || s < S_MIN || s > S_MAX) fail('stability must be a number in ' + S_MIN + '..' + S_MAX + ', not ' + show(s));
      return s;
    }

    function checkDifficulty(d) {
      if (!isNumber(d) || d < D_MIN || d > D_MAX) fail('difficulty must be a number in ' + D_MIN + '..' + D_MAX + ', not ' + show(d));
      return d;
    }

    function checkDays(t) {
      if (!isNumber(t) || t < 0) fail('elapsed days must be a number >= 0, not ' + show(t));
      return t;
    }

    function checkRetrievability(r) {
      if (!isNumber(r) || r <= 0 || r > 1) fail('retrievability must be a number in (0, 1], not ' + show(r));
      return r;
    }

    /** Initial stability: S0(G) = w[G-1], the stability after a new card's first review. */
    function initialStability(g) {
      return clamp(w[checkGrade(g) - 1], S_MIN, S_MAX);
    }

    /** Initial difficulty, unclamped: D0(G) = w4 - e^(w5 * (G - 1)) + 1. */
    function rawInitialDifficulty(g) {
      return w[4] - Math.exp(w[5] * (g - 1)) + 1;
    }

    /** Initial difficulty: D0(G), clamped to 1..10. */
    function initialDifficulty(g) {
      return clamp(rawInitialDifficulty(checkGrade(g)), D_MIN, D_MAX);
    }

    /** Difficulty after a review:
     *    change      dD  = -w6 * (G - 3)
     *    linear damping  D'' = D + dD * (10 - D) / 9   (the nearer 10, the smaller the step)
     *    mean reversion  D'  = w7 * D0(4) + (1 - w7) * D''   (towards the unclamped D0(Easy))
     *  clamped to 1..10. */
    function nextDifficulty(d, g) {
      checkDifficulty(d);
      checkGrade(g);
      var delta = -w[6] * (g - 3);
      var damped = d + delta * (10 - d) / 9;
      var reverted = w[7] * rawInitialDifficulty(EASY) + (1 - w[7]) * damped;
      return clamp(reverted, D_MIN, D_MAX);
    }

    /** Retrievability, the forgetting curve: R(t, S) = (1 + FACTOR * t / S)^DECAY, the
     *  probability of recall t days after the last review; R(S, S) = 0.9. */
    function retrievability(t, s) {
      checkDays(t);
      checkStability(s);
      return Math.pow(1 + FACTOR * t / s, DECAY);
    }

    /** Stability after recall (Hard, Good or Easy a day or more after the last review):
     *    S'r = S * (1 + e^w8 * (11 - D) * S^-w9 * (e^(w10 * (1 - R)) - 1) * h * b)
     *  with h = w15 for Hard (else 1) and b = w16 for Easy (else 1). Grade 1 is taken
     *  like Good (no factor), as in the reference implementations' own tests. */
    function recallStability(d, s, r, g) {
      checkDifficulty(d);
      checkStability(s);
      checkRetrievability(r);
      checkGrade(g);
      var hardPenalty = g === HARD ? w[15] : 1;
      var easyBonus = g === EASY ? w[16] : 1;
      var growth = Math.exp(w[8]) * (11 - d) * Math.pow(s, -w[9]) *
        (Math.exp(w[10] * (1 - r)) - 1) * hardPenalty * easyBonus;
      return clamp(s * (1 + growth), S_MIN, S_MAX);
    }

    /** Stability after forgetting (Again a day or more after the last review):
     *    S'f = w11 * D^-w12 * ((S + 1)^w13 - 1) * e^(w14 * (1 - R)),
     *  at most S / e^(w17 * w18), so that forgetting never leaves the card more stable
     *  than a same-day Again would. */
    function forgetStability(d, s, r) {
      checkDifficulty(d);
      checkStability(s);
      checkRetrievability(r);
      var longTerm = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1) *
        Math.exp(w[14] * (1 - r));
      var shortTermBound = s / Math.exp(w[17] * w[18]);
      return clamp(Math.min(longTerm, shortTermBound), S_MIN, S_MAX);
    }

    /** Stability after a same-day review (less than a day after the last one), FSRS-6:
     *    SInc = e^(w17 * (G - 3 + w18)) * S^-w19,   S' = S * SInc,
     *  with SInc at least 1 for Hard, Good and Easy (a success never lowers stability). */
    function shortTermStability(s, g) {
      checkStability(s);
      checkGrade(g);
      var increase = Math.exp(w[17] * (g - 3 + w[18])) * Math.pow(s, -w[19]);
      if (g >= HARD) increase = Math.max(increase, 1);
      return clamp(s * increase, S_MIN, S_MAX);
    }

    /** The memory state after a review graded g, t whole days after the last one (like
     *  fsrs-rs's next_states): memory null for a card never reviewed (initial stability
     *  and difficulty), t = 0 for a same-day review, otherwise the long-term formulas at
     *  R(t, S). Returns {stability, difficulty}. */
    function nextState(memory, t, g) {
      checkGrade(g);
      if (memory === null || memory === undefined) {
        return { stability: initialStability(g), difficulty: initialDifficulty(g) };
      }
      var s = checkStability(memory.stability);
      var d = checkDifficulty(memory.difficulty);
      checkDays(t);
      var stability;
      if (t < 1) {
        stability = shortTermStability(s, g);
      } else {
        var r = retrievability(t, s);
        stability = g === AGAIN ? forgetStability(d, s, r) : recallStability(d, s, r, g);
      }
      return { stability: stability, difficulty: nextDifficulty(d, g) };
    }

    /** The interval, in fractional days, at which retrievability falls to `retention`:
     *    I(r, S) = S / FACTOR * (r^(1/DECAY) - 1)   (I(0.9, S) = S). */
    function interval(s, retention) {
      checkStability(s);
      if (!isNumber(retention) || retention <= 0 || retention > 1) {
        fail('desired retention must be a number in (0, 1], not ' + show(retention));
      }
      return s / FACTOR * (Math.pow(retention, 1 / DECAY) - 1);
    }

    /** The next interval of a card in review, whole days (FSRS's next_interval):
     *  I(0.9, S) rounded to the nearest day, at least 1, at most MAXIMUM_INTERVAL. */
    function nextInterval(s) {
      return clamp(Math.round(interval(s, DESIRED_RETENTION)), 1, MAXIMUM_INTERVAL);
    }

    return Object.freeze({
      w: w,
      DECAY: DECAY,
      FACTOR: FACTOR,
      initialStability: initialStability,
      initialDifficulty: initialDifficulty,
      nextDifficulty: nextDifficulty,
      retrievability: retrievability,
      recallStability: recallStability,
      forgetStability: forgetStability,
      shortTermStability: shortTermStability,
      nextState: nextState,
      interval: interval,
      nextInterval: nextInterval
    });
  }

  var model = makeModel(DEFAULT_W);

  /* Cards ------------------------------------------------------------------ */

  function isNone(x) {
    return x === null || x === undefined;
  }

  /** A card checked field by field, with its times as milliseconds; throws on anything
   *  a scheduler could not have written. */
  function readCard(card) {
    if (card === null || typeof card !== 'object' || Array.isArray(card)) {
      fail('a card must be an object, not ' + show(card));
    }
    var state = card.state;
    if (STATES.indexOf(state) < 0) fail('card state must be one of ' + STATES.join(', ') + ', not ' + show(state));
    var out = { state: state };
    out.due = readTime(card.due, 'due');
    if (!isInteger(card.reps) || card.reps < 0 || card.reps > MAX_COUNT) {
      fail('reps must be a whole number in 0..' + MAX_COUNT + ', not ' + show(card.reps));
    }
    if (!isInteger(card.lapses) || card.lapses < 0 || card.lapses > card.reps) {
      fail('lapses must be a whole number in 0..reps, not ' + show(card.lapses));
    }
    out.reps = card.reps;
    out.lapses = card.lapses;

    if (state === 'new') {
      if (!isNone(card.last)) fail('a new card has no last review, not ' + show(card.last));
      if (!isNone(card.stability)) fail('a new card has no stability yet, not ' + show(card.stability));
      if (!isNone(card.difficulty)) fail('a new card has no difficulty yet, not ' + show(card.difficulty));
      if (!isNone(card.step)) fail('a new card has no step, not ' + show(card.step));
      if (card.reps !== 0) fail('a new card has 0 reps, not ' + show(card.reps));
      out.last = null;
      out.stability = null;
      out.difficulty = null;
      out.step = null;
      return out;
    }

    if (!isNumber(card.stability) || card.stability < S_MIN || card.stability > S_MAX) {
      fail('stability must be a number in ' + S_MIN + '..' + S_MAX + ' days, not ' + show(card.stability));
    }
    if (!isNumber(card.difficulty) || card.difficulty < D_MIN || card.difficulty > D_MAX) {
      fail('difficulty must be a number in ' + D_MIN + '..' + D_MAX + ', not ' + show(card.difficulty));
    }
    if (card.reps < 1) fail('a card in ' + state + ' has been reviewed at least once, not ' + show(card.reps) + ' times');
    out.stability = card.stability;
    out.difficulty = card.difficulty;
    out.last = readTime(card.last, 'last review');
    if (out.due < out.last) fail('due (' + iso(out.due) + ') is before the last review (' + iso(out.last) + ')');
    if (out.due - out.last > MAXIMUM_INTERVAL * DAY_MS) {
      fail('due is more than ' + MAXIMUM_INTERVAL + ' days after the last review');
    }
    if (state === 'review') {
      if (!isNone(card.step)) fail('a card in review has no step, not ' + show(card.step));
      out.step = null;
    } else {
      if (!isInteger(card.step) || card.step < 0 || card.step > MAX_STEP) {
        fail('step must be a whole number in 0..' + MAX_STEP + ', not ' + show(card.step));
      }
      out.step = card.step;
    }
    return out;
  }

  /** The JSON form of a checked card (times as ISO-8601 strings, fields in one order). */
  function writeCard(c) {
    return {
      state: c.state,
      due: iso(c.due),
      last: c.last === null ? null : iso(c.last),
      stability: c.stability,
      difficulty: c.difficulty,
      reps: c.reps,
      lapses: c.lapses,
      step: c.step
    };
  }

  /** Whole days from the last review to now (0 if now is earlier: a clock set back). */
  function elapsedDays(c, now) {
    return Math.max(0, Math.floor((now - c.last) / DAY_MS));
  }

  /* Scheduling ------------------------------------------------------------- */

  /** Moves a card in learning or relearning through its steps (py-fsrs's rules):
   *  Again back to the first step; Hard stays (1.5 x a single step, or halfway between
   *  the first two steps when at the first); Good to the next step, or to review after
   *  the last; Easy straight to review. A step past the last (the steps were shortened)
   *  goes to review on anything but Again. */
  function throughSteps(next, steps, step, g, now) {
    if (g === AGAIN) {
      next.step = 0;
      next.due = now + steps[0];
      return next;
    }
    if (step >= steps.length || g === EASY || (g === GOOD && step + 1 >= steps.length)) {
      return graduate(next, now);
    }
    if (g === GOOD) {
      next.step = step + 1;
      next.due = now + steps[step + 1];
      return next;
    }
    // Hard
    next.step = step;
    if (step === 0 && steps.length === 1) next.due = now + steps[0] * 1.5;
    else if (step === 0) next.due = now + (steps[0] + steps[1]) / 2;
    else next.due = now + steps[step];
    return next;
  }

  function graduate(next, now) {
    next.state = 'review';
    next.step = null;
    next.due = now + model.nextInterval(next.stability) * DAY_MS;
    return next;
  }

  /** The checked card c after grade g at time now (all in milliseconds). */
  function schedule(c, g, now) {
    var fresh = c.state === 'new';
    var t = fresh ? 0 : elapsedDays(c, now);
    var memory = fresh ? null : { stability: c.stability, difficulty: c.difficulty };
    var m = model.nextState(memory, t, g);
    var next = {
      state: c.state,
      due: now,
      last: now,
      stability: m.stability,
      difficulty: m.difficulty,
      reps: Math.min(c.reps + 1, MAX_COUNT),
      lapses: c.lapses,
      step: c.step
    };

    if (fresh) {
      next.state = 'learning';
      return throughSteps(next, LEARNING_STEPS_MS, 0, g, now);
    }
    if (c.state === 'learning') return throughSteps(next, LEARNING_STEPS_MS, c.step, g, now);
    if (c.state === 'relearning') return throughSteps(next, RELEARNING_STEPS_MS, c.step, g, now);

    // In review. Again: forgotten, a lapse, to the relearning steps.
    if (g === AGAIN) {
      next.lapses = Math.min(c.lapses + 1, next.reps);
      next.state = 'relearning';
      next.step = 0;
      next.due = now + RELEARNING_STEPS_MS[0];
      return next;
    }
    // Hard, Good, Easy: whole days, kept in order as ts-fsrs does
    // (Hard <= Good < Easy), none past the maximum interval.
    var hard = model.nextInterval(model.nextState(memory, t, HARD).stability);
    var good = model.nextInterval(model.nextState(memory, t, GOOD).stability);
    var easy = model.nextInterval(model.nextState(memory, t, EASY).stability);
    hard = Math.min(hard, good);
    good = Math.min(Math.max(good, hard + 1), MAXIMUM_INTERVAL);
    easy = Math.min(Math.max(easy, good + 1), MAXIMUM_INTERVAL);
    var days = g === HARD ? hard : g === GOOD ? good : easy;
    next.step = null;
    next.due = now + days * DAY_MS;
    return next;
  }

  /* The API ---------------------------------------------------------------- */

  /** A card never reviewed, due at `now`. */
  function newCard(now) {
    var t = readNow(now);
    return writeCard({ state: 'new', due: t, last: null, stability: null, difficulty: null, reps: 0, lapses: 0, step: null });
  }

  /** A card after its first review, graded `grade` at `now`. */
  function init(grade, now) {
    return review(newCard(now), grade, now);
  }

  /** The card after a review graded `grade` (1..4) at `now`; a new object, `card` is
   *  left as it was. */
  function review(card, grade, now) {
    var c = readCard(card);
    var g = checkGrade(grade);
    var t = readNow(now);
    return writeCard(schedule(c, g, t));
  }

  /** What each grade would do: {1: card, 2: card, 3: card, 4: card}. */
  function preview(card, now) {
    var c = readCard(card);
    var t = readNow(now);
    var out = {};
    for (var g = AGAIN; g <= EASY; g++) out[g] = writeCard(schedule(c, g, t));
    return out;
  }

  /** The probability of recalling the card at `now`: R(whole days since the last review,
   *  S); 0 for a new card (as py-fsrs and ts-fsrs say). */
  function retrievability(card, now) {
    var c = readCard(card);
    var t = readTime(now, 'now');
    if (c.state === 'new') return 0;
    return model.retrievability(elapsedDays(c, t), c.stability);
  }

  /** When the card is due, in milliseconds since 1970 UTC. */
  function dueDate(card) {
    return readCard(card).due;
  }

  /** Whether the card is due at `now`. */
  function isDue(card, now) {
    return readCard(card).due <= readTime(now, 'now');
  }

  /** The card checked and written back in its canonical form (throws if it is not a
   *  card this scheduler could have written). */
  function validate(card) {
    return writeCard(readCard(card));
  }

  var api = Object.freeze({
    VERSION: VERSION,
    DEFAULT_W: DEFAULT_W,
    DESIRED_RETENTION: DESIRED_RETENTION,
    MAXIMUM_INTERVAL: MAXIMUM_INTERVAL,
    LEARNING_STEPS_MS: LEARNING_STEPS_MS,
    RELEARNING_STEPS_MS: RELEARNING_STEPS_MS,
    AGAIN: AGAIN,
    HARD: HARD,
    GOOD: GOOD,
    EASY: EASY,
    newCard: newCard,
    init: init,
    review: review,
    preview: preview,
    retrievability: retrievability,
    dueDate: dueDate,
    isDue: isDue,
    validate: validate,
    model: model,
    makeModel: makeModel
  });

  root.syllabusFsrs = api;
})(typeof globalThis !== 'undefined' ? globalThis : typeof window !== 'undefined' ? window : this);
