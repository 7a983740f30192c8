#!/usr/bin/env node
// Checks templates/fsrs.js, the review page's FSRS-6 scheduler, against the numbers the
// reference implementations publish in their own tests, and against properties any
// scheduler must keep.
//
//   node tests/browser/fsrs.mjs
//
// Loads templates/fsrs.js with node:vm in a sandbox whose clock cannot be read (Date.now()
// and new Date() throw there), so every result depends on the `now` passed in only; days
// pass by adding milliseconds. Prints one "ok" or "FAIL" line a check and a summary.
// Exit status: 0 all passed, 1 a check failed.
//
// Reference values come from these repositories' tests (copied as data, with the test
// each comes from named beside it; the commits are those the numbers were read at):
//   open-spaced-repetition/fsrs-rs  src/inference.rs                       0cbb9d3c8fbd7cbe4903f25d6e4c7ed01a65edf9
//   open-spaced-repetition/py-fsrs  tests/test_basic.py                    3abe686e9c058d3f3c00bbeb92e68b71211b2b31
//   open-spaced-repetition/ts-fsrs  packages/fsrs/__tests__/FSRS-6.test.ts cdec8d2f8340f8e62ced596c1da02e20e70073f0
//   open-spaced-repetition/ts-fsrs  packages/fsrs/__tests__/algorithm.test.ts (same commit)

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const source = fs.readFileSync(path.join(here, '../../templates/fsrs.js'), 'utf8');

class NoClockDate extends Date {
  constructor(...args) {
    if (args.length === 0) throw new Error('fsrs.js read the clock (new Date())');
    super(...args);
  }
  static now() {
    throw new Error('fsrs.js read the clock (Date.now())');
  }
}
const sandbox = { Date: NoClockDate };
vm.createContext(sandbox);
vm.runInContext(source, sandbox, { filename: 'fsrs.js' });
const F = sandbox.syllabusFsrs;

const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;
const T0 = Date.UTC(2022, 10, 29, 12, 30, 0, 0); // 2022-11-29 12:30 UTC, py-fsrs's start

let passed = 0;
let failed = 0;

function check(name, condition, detail) {
  if (condition) {
    passed++;
    console.log(`ok    ${name}`);
  } else {
    failed++;
    console.log(`FAIL  ${name}${detail ? `: ${detail}` : ''}`);
  }
}

function close(name, got, want, tolerance) {
  check(name, typeof got === 'number' && Math.abs(got - want) <= tolerance, `got ${got}, want ${want} ± ${tolerance}`);
}

function equal(name, got, want) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  check(name, g === w, `got ${g}, want ${w}`);
}

/** Runs fn, which must throw a plain Error from fsrs.js whose message matches pattern. */
function refuses(name, fn, pattern) {
  try {
    const result = fn();
    check(name, false, `no error; returned ${JSON.stringify(result)}`);
  } catch (e) {
    const message = e && typeof e.message === 'string' ? e.message : String(e);
    const clear = e && e.name === 'Error' && message.startsWith('syllabusFsrs: ') && pattern.test(message);
    check(name, clear, `threw ${e && e.name}: ${message}`);
  }
}

function run(name, fn) {
  try {
    fn();
  } catch (e) {
    check(name, false, `threw ${e && e.name}: ${e && e.message}`);
  }
}

const ms = (iso) => Date.parse(iso);
/** Whole days from a card's last review to its due date (the references' "interval"). */
const ivlDays = (card) => Math.floor((ms(card.due) - ms(card.last)) / DAY);
/** A card in review, as a page would read it back from storage. */
function reviewCard(stability, difficulty, last, days, extra = {}) {
  return { state: 'review', due: new Date(last + days * DAY).toISOString(), last: new Date(last).toISOString(), stability, difficulty, reps: 3, lapses: 0, step: null, ...extra };
}

// ------------------------------------------------------------ parameters

// fsrs-rs src/inference.rs DEFAULT_PARAMETERS; py-fsrs fsrs/scheduler.py DEFAULT_PARAMETERS;
// ts-fsrs packages/fsrs/src/constant.ts default_w and FSRS-6.test.ts `w` (FSRS-6, 21 numbers).
const PUBLISHED_W = [
  0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
  1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];
equal('DEFAULT_W is FSRS-6\'s published default parameters', Array.from(F.DEFAULT_W), PUBLISHED_W);
check('VERSION is FSRS-6', F.VERSION === 'FSRS-6');
check('desired retention 0.9, maximum interval 36500 days', F.DESIRED_RETENTION === 0.9 && F.MAXIMUM_INTERVAL === 36500);
equal('learning steps 1 min, 10 min; relearning step 10 min', [Array.from(F.LEARNING_STEPS_MS), Array.from(F.RELEARNING_STEPS_MS)], [[MINUTE, 10 * MINUTE], [10 * MINUTE]]);

// ------------------------------------------------------------ initial stability and difficulty

// ts-fsrs packages/fsrs/__tests__/FSRS-6.test.ts, describe 'FSRS-6 ', it 'first repeat':
// a new card's first review at 2022-12-29 12:30 with each grade (toEqual on values rounded
// to 8 decimals, hence the tolerance).
const FIRST_REPEAT = {
  stability: [0.212, 1.2931, 2.3065, 8.2956],
  difficulty: [6.4133, 5.11217071, 2.11810397, 1],
  reps: [1, 1, 1, 1],
  lapses: [0, 0, 0, 0],
  scheduled_days: [0, 0, 0, 8],
  states: ['learning', 'learning', 'learning', 'review'],
};
run('first repeat', () => {
  const now = Date.UTC(2022, 11, 29, 12, 30);
  const cards = [1, 2, 3, 4].map((g) => F.init(g, now));
  cards.forEach((c, i) => {
    const g = i + 1;
    close(`first repeat, grade ${g}: initial stability`, c.stability, FIRST_REPEAT.stability[i], 1e-9);
    close(`first repeat, grade ${g}: initial difficulty`, c.difficulty, FIRST_REPEAT.difficulty[i], 1e-8);
  });
  equal('first repeat: reps', cards.map((c) => c.reps), FIRST_REPEAT.reps);
  equal('first repeat: lapses', cards.map((c) => c.lapses), FIRST_REPEAT.lapses);
  equal('first repeat: scheduled days', cards.map(ivlDays), FIRST_REPEAT.scheduled_days);
  equal('first repeat: states', cards.map((c) => c.state), FIRST_REPEAT.states);
  // init(grade, now) is the review of newCard(now).
  equal('init(g, now) = review(newCard(now), g, now)', cards, [1, 2, 3, 4].map((g) => F.review(F.newCard(now), g, now)));
});

// ts-fsrs packages/fsrs/__tests__/algorithm.test.ts, describe 'init_ds', it 'initial stability '
// (S0 = w0..w3) and it 'initial difficulty ' (D0(G) = w4 - e^((G-1) w5) + 1, 8 decimals).
run('init_ds', () => {
  equal('model.initialStability(1..4) = w0..w3', [1, 2, 3, 4].map(F.model.initialStability), PUBLISHED_W.slice(0, 4));
  [6.4133, 5.11217071, 2.11810397, 1].forEach((want, i) =>
    close(`model.initialDifficulty(${i + 1})`, F.model.initialDifficulty(i + 1), want, 1e-8));
});

// ------------------------------------------------------------ a sequence of reviews: intervals

// py-fsrs tests/test_basic.py, TestPyFSRS.test_review_card (and test_custom_scheduler_args),
// and ts-fsrs FSRS-6.test.ts, it 'ivl_history': no fuzz, each review at the card's due time,
// starting 2022-11-29 12:30 UTC; the interval is whole days from the review to the due date.
const TEST_RATINGS_1 = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
const IVL_HISTORY = [0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21];
run('ivl_history', () => {
  let card = F.newCard(T0);
  let now = T0;
  const ivls = [];
  for (const g of TEST_RATINGS_1) {
    card = F.review(card, g, now);
    ivls.push(ivlDays(card));
    now = ms(card.due);
  }
  equal('ivl_history (Good x6, Again x2, Good x5, each at its due time)', ivls, IVL_HISTORY);
  check('ivl_history: one lapse, 13 reps', card.lapses === 1 && card.reps === 13, JSON.stringify(card));
});

// ------------------------------------------------------------ a sequence of reviews: memory state

// fsrs-rs src/inference.rs, test_memory_state (assert_memory_state, |error| < 1e-4);
// py-fsrs tests/test_basic.py, TestPyFSRS.test_memo_state (pytest.approx abs=1e-4);
// ts-fsrs FSRS-6.test.ts, 'memory state[short-term]' and 'memory state using next_state'.
// Grades and the days before each review; then stability and difficulty after the last.
const MEMO_RATINGS = [1, 3, 3, 3, 3, 3];
const MEMO_INTERVALS = [0, 0, 1, 3, 8, 21];
const MEMO_SHORT_TERM = { stability: 53.62691, difficulty: 6.3574867 };
// Same test, short-term parameters frozen (w17 = w18 = w19 = 0): fsrs-rs test_memory_state
// "freeze short term"; ts-fsrs 'memory state[long-term]'.
const MEMO_LONG_TERM = { stability: 53.335106, difficulty: 6.3574867 };
run('memory state', () => {
  let card = F.newCard(T0);
  let now = T0;
  MEMO_RATINGS.forEach((g, i) => {
    now += MEMO_INTERVALS[i] * DAY;
    card = F.review(card, g, now);
  });
  close('memory state through review(): stability', card.stability, MEMO_SHORT_TERM.stability, 1e-4);
  close('memory state through review(): difficulty', card.difficulty, MEMO_SHORT_TERM.difficulty, 1e-4);

  let memory = null;
  MEMO_RATINGS.forEach((g, i) => { memory = F.model.nextState(memory, MEMO_INTERVALS[i], g); });
  close('memory state through model.nextState(): stability', memory.stability, MEMO_SHORT_TERM.stability, 1e-4);
  close('memory state through model.nextState(): difficulty', memory.difficulty, MEMO_SHORT_TERM.difficulty, 1e-4);

  const w = PUBLISHED_W.slice();
  w[17] = 0; w[18] = 0; w[19] = 0;
  const longTerm = F.makeModel(w);
  memory = null;
  MEMO_RATINGS.forEach((g, i) => { memory = longTerm.nextState(memory, MEMO_INTERVALS[i], g); });
  close('memory state, short-term frozen: stability', memory.stability, MEMO_LONG_TERM.stability, 1e-4);
  close('memory state, short-term frozen: difficulty', memory.difficulty, MEMO_LONG_TERM.difficulty, 1e-4);
});

// ------------------------------------------------------------ retrievability

// ts-fsrs algorithm.test.ts, describe 'forgetting_curve', it 'retrievability' (default
// FSRS-6 parameters, S = 1, t = 0..3 days; 8 decimals).
const FORGETTING_CURVE_S1 = [1.0, 0.9, 0.84588465, 0.8093881];
// fsrs-rs src/inference.rs, test_current_retrievability (decay 0.2, S = 1, f32).
const CURRENT_RETRIEVABILITY_DECAY_02 = [1.0, 0.9, 0.84028935, 0.7985001];
// ts-fsrs FSRS-6.test.ts, describe 'get retrievability', test 'return retrievability
// percentage for review cards': card created 2023-12-01 04:00, reviewed at 04:05 with
// each grade; retrievability at each outcome's due time.
const R_AT_DUE = [1, 1, 1, 0.9024733];
// fsrs-rs src/model.rs, test_power_forgetting_curve: [t, S, R] with the default parameters.
const FSRS_RS_FORGETTING_CURVE = [[0, 1, 1.0], [1, 2, 0.9403443], [2, 3, 0.9253786], [3, 4, 0.9185229], [4, 4, 0.9], [5, 2, 0.8261359]];
run('retrievability', () => {
  FORGETTING_CURVE_S1.forEach((want, t) => {
    close(`model.retrievability(${t} days, S = 1)`, F.model.retrievability(t, 1), want, 1e-8);
    const card = reviewCard(1, 5, T0, 1);
    close(`retrievability(card S = 1, ${t} days after its review)`, F.retrievability(card, T0 + t * DAY), want, 1e-8);
  });
  const w = PUBLISHED_W.slice();
  w[20] = 0.2;
  const decay02 = F.makeModel(w);
  CURRENT_RETRIEVABILITY_DECAY_02.forEach((want, t) =>
    close(`retrievability, decay 0.2, ${t} days, S = 1`, decay02.retrievability(t, 1), want, 1e-6));

  const created = Date.UTC(2023, 11, 1, 4, 0);
  const reviewed = Date.UTC(2023, 11, 1, 4, 5);
  [1, 2, 3, 4].forEach((g, i) => {
    const card = F.review(F.newCard(created), g, reviewed);
    close(`retrievability at the due time after a first ${['Again', 'Hard', 'Good', 'Easy'][i]}`, F.retrievability(card, ms(card.due)), R_AT_DUE[i], 1e-7);
  });
  // fsrs-rs src/model.rs, test_power_forgetting_curve: (t, S) pairs, default parameters,
  // assert_approx_eq (absolute 1e-4, src/test_helpers.rs).
  FSRS_RS_FORGETTING_CURVE.forEach(([t, s, want]) =>
    close(`model.retrievability(${t} days, S = ${s}) (fsrs-rs)`, F.model.retrievability(t, s), want, 1e-6));
  // ts-fsrs FSRS-6.test.ts, test 'return 0.00% for new cards'; py-fsrs test_retrievability.
  check('retrievability of a new card is 0', F.retrievability(F.newCard(T0), T0 + 5 * DAY) === 0);
  check('R(S, S) = 0.9 (the definition of stability)', Math.abs(F.model.retrievability(37, 37) - 0.9) < 1e-12);
});

// ------------------------------------------------------------ difficulty and stability updates

// ts-fsrs algorithm.test.ts, describe 'next_ds', it 'next_difficulty': D = 5, grades 1..4.
const NEXT_DIFFICULTY_D5 = [8.34176237, 6.66599536, 4.99022837, 3.31446137];
// fsrs-rs src/model.rs, test_next_difficulty (after mean reversion; f32, absolute 1e-4).
const FSRS_RS_NEXT_DIFFICULTY_D5 = [8.341763, 6.6659956, 4.990228, 3.3144615];
run('next_difficulty', () => {
  FSRS_RS_NEXT_DIFFICULTY_D5.forEach((want, i) =>
    close(`model.nextDifficulty(5, ${i + 1}) (fsrs-rs)`, F.model.nextDifficulty(5, i + 1), want, 1e-4));
  NEXT_DIFFICULTY_D5.forEach((want, i) => {
    const g = i + 1;
    close(`model.nextDifficulty(5, ${g})`, F.model.nextDifficulty(5, g), want, 1e-8);
    // Through the scheduler: a card in review with D = 5, reviewed on its due date.
    const after = F.review(reviewCard(10, 5, T0, 10), g, T0 + 10 * DAY);
    close(`review() of a card with D = 5, grade ${g}: difficulty`, after.difficulty, want, 1e-8);
  });
});

// ts-fsrs algorithm.test.ts, describe 'next_ds', it 'next_stability': S = 5, D = 1..4 and
// R = 0.9, 0.8, 0.7, 0.6 for grades 1..4 in turn (the recall formula at grade 1 has neither
// Hard's nor Easy's factor, like Good); same-day ("short-term") stability from S = 5.
const NEXT_STABILITY = {
  s: [5, 5, 5, 5],
  d: [1, 2, 3, 4],
  r: [0.9, 0.8, 0.7, 0.6],
  recall: [25.60252118, 28.22657096, 58.65599107, 127.2266925],
  forget: [1.05253961, 1.18943295, 1.36808387, 1.58498896],
  shortTerm: [1.596818, 5, 5, 8.12960956],
};
// fsrs-rs src/model.rs, test_next_stability: the same inputs (f32, absolute 1e-4).
const FSRS_RS_NEXT_STABILITY = {
  recall: [25.602541, 28.226582, 58.656002, 127.226685],
  forget: [1.0525396, 1.1894329, 1.3680838, 1.584989],
  shortTerm: [1.596818, 5.0, 5.0, 8.12961],
};
run('next_stability', () => {
  const N = NEXT_STABILITY;
  const R = FSRS_RS_NEXT_STABILITY;
  for (let i = 0; i < 4; i++) {
    const g = i + 1;
    close(`stability after recall, grade ${g} (fsrs-rs)`, F.model.recallStability(N.d[i], N.s[i], N.r[i], g), R.recall[i], 1e-4);
    close(`stability after forgetting, D ${N.d[i]} (fsrs-rs)`, F.model.forgetStability(N.d[i], N.s[i], N.r[i]), R.forget[i], 1e-4);
    close(`same-day stability, grade ${g} (fsrs-rs)`, F.model.shortTermStability(N.s[i], g), R.shortTerm[i], 1e-4);
  }
  for (let i = 0; i < 4; i++) {
    const g = i + 1;
    close(`stability after recall (D ${N.d[i]}, S ${N.s[i]}, R ${N.r[i]}, grade ${g})`, F.model.recallStability(N.d[i], N.s[i], N.r[i], g), N.recall[i], 1e-7);
    close(`stability after forgetting (D ${N.d[i]}, S ${N.s[i]}, R ${N.r[i]})`, F.model.forgetStability(N.d[i], N.s[i], N.r[i]), N.forget[i], 1e-7);
    close(`same-day stability (S ${N.s[i]}, grade ${g})`, F.model.shortTermStability(N.s[i], g), N.shortTerm[i], 1e-7);
  }
});

// ------------------------------------------------------------ intervals

// fsrs-rs src/inference.rs, test_next_interval; ts-fsrs algorithm.test.ts, describe
// 'next_interval', it 'next_ivl': S = 1 and desired retention 0.1, 0.2, ... 1.0, rounded,
// at least 1. At 0.1 fsrs-rs (f32) has 3116766 and ts-fsrs (f64) 3116766 + 3.
const NEXT_IVL_S1 = [[3116766, 3116769], 34793, 2508, 387, 90, 27, 9, 3, 1, 1];
run('next_interval', () => {
  NEXT_IVL_S1.forEach((want, i) => {
    const r = (i + 1) / 10;
    const got = Math.max(1, Math.round(F.model.interval(1, r)));
    if (Array.isArray(want)) check(`interval(S = 1, retention ${r})`, got >= want[0] && got <= want[1], `got ${got}, want ${want[0]}..${want[1]}`);
    else check(`interval(S = 1, retention ${r})`, got === want, `got ${got}, want ${want}`);
  });
  // fsrs-rs src/inference.rs, test_next_states: next_interval(121.01552, 0.9) = 121.01551 (f32).
  close('interval(S = 121.01552, retention 0.9)', F.model.interval(121.01552, 0.9), 121.01551, 1e-4);
  check('nextInterval never exceeds 36500 days', F.model.nextInterval(36500) === 36500 && F.model.nextInterval(0.001) === 1);
});

// ------------------------------------------------------------ learning and relearning steps

// py-fsrs tests/test_basic.py, the learning-step tests (default steps 1 min, 10 min; 10 min).
run('learning steps', () => {
  // test_good_learning_steps
  let c = F.review(F.newCard(T0), 3, T0);
  check('Good on a new card: learning, step 1, due in 10 min (test_good_learning_steps)', c.state === 'learning' && c.step === 1 && ms(c.due) - T0 === 10 * MINUTE, JSON.stringify(c));
  c = F.review(c, 3, ms(c.due));
  check('then Good: review, no step, due in a day or more', c.state === 'review' && c.step === null && ms(c.due) - T0 >= DAY, JSON.stringify(c));
  // test_again_learning_steps
  c = F.review(F.newCard(T0), 1, T0);
  check('Again on a new card: learning, step 0, due in 1 min (test_again_learning_steps)', c.state === 'learning' && c.step === 0 && ms(c.due) - T0 === MINUTE, JSON.stringify(c));
  // test_hard_learning_steps
  c = F.review(F.newCard(T0), 2, T0);
  check('Hard on a new card: learning, step 0, due in 5.5 min (test_hard_learning_steps)', c.state === 'learning' && c.step === 0 && ms(c.due) - T0 === 330 * 1000, JSON.stringify(c));
  // test_easy_learning_steps
  c = F.review(F.newCard(T0), 4, T0);
  check('Easy on a new card: review, due in a day or more (test_easy_learning_steps)', c.state === 'review' && c.step === null && ms(c.due) - T0 >= DAY, JSON.stringify(c));
  // test_learning_card_rate_hard_second_learning_step
  c = F.review(F.newCard(T0), 3, T0);
  const due1 = ms(c.due);
  c = F.review(c, 2, due1);
  check('Good then Hard: learning, step 1, due in 10 min (test_learning_card_rate_hard_second_learning_step)', c.state === 'learning' && c.step === 1 && ms(c.due) - due1 === 10 * MINUTE, JSON.stringify(c));

  // test_review_state and test_relearning
  c = F.newCard(T0);
  c = F.review(c, 3, ms(c.due));
  c = F.review(c, 3, ms(c.due));
  check('Good, Good: review (test_review_state)', c.state === 'review' && c.step === null);
  let prev = ms(c.due);
  c = F.review(c, 3, prev);
  check('then Good: due a day or more later', c.state === 'review' && ms(c.due) - prev >= DAY);
  prev = ms(c.due);
  c = F.review(c, 1, prev);
  check('then Again: relearning, step 0, due in 10 min, one lapse (test_review_state)', c.state === 'relearning' && c.step === 0 && ms(c.due) - prev === 10 * MINUTE && c.lapses === 1, JSON.stringify(c));
  prev = ms(c.due);
  c = F.review(c, 1, prev);
  check('then Again: relearning, step 0, due in 10 min, still one lapse (test_relearning)', c.state === 'relearning' && c.step === 0 && ms(c.due) - prev === 10 * MINUTE && c.lapses === 1, JSON.stringify(c));
  prev = ms(c.due);
  c = F.review(c, 3, prev);
  check('then Good: review, due a day or more later (test_relearning)', c.state === 'review' && c.step === null && ms(c.due) - prev >= DAY, JSON.stringify(c));

  // test_relearning_card_rate_hard_one_relearning_step
  c = F.newCard(T0);
  c = F.review(c, 4, ms(c.due));
  c = F.review(c, 1, ms(c.due));
  prev = ms(c.due);
  c = F.review(c, 2, prev);
  check('Easy, Again, Hard: relearning, step 0, due in 15 min (test_relearning_card_rate_hard_one_relearning_step)', c.state === 'relearning' && c.step === 0 && ms(c.due) - prev === 15 * MINUTE, JSON.stringify(c));

  // test_long_term_stability_learning_state: relearning reviewed a day late goes to review.
  c = F.newCard(T0);
  c = F.review(c, 4, ms(c.due));
  c = F.review(c, 1, ms(c.due));
  c = F.review(c, 3, ms(c.due) + DAY);
  check('Easy, Again, Good a day late: review (test_long_term_stability_learning_state)', c.state === 'review');

  // test_repeated_correct_reviews: ten Easy in a row (microseconds apart there, 1 ms here).
  c = F.newCard(T0);
  for (let i = 0; i < 10; i++) c = F.review(c, 4, T0 + i);
  check('ten Easy in a row: difficulty 1.0 (test_repeated_correct_reviews)', c.difficulty === 1, `difficulty ${c.difficulty}`);

  // test_stability_lower_bound: Again a day after each due date, 1000 times.
  c = F.newCard(T0);
  let lowest = Infinity;
  let valid = true;
  for (let i = 0; i < 1000; i++) {
    c = F.review(c, 1, ms(c.due) + DAY);
    lowest = Math.min(lowest, c.stability);
    try { F.validate(c); } catch { valid = false; }
  }
  check('1000 late Agains: stability >= 0.001, every card valid (test_stability_lower_bound)', lowest >= 0.001 && valid, `lowest ${lowest}`);
});

// ------------------------------------------------------------ properties

run('properties', () => {
  // Again brings a card back sooner than Good, whatever its state.
  const learning = F.review(F.newCard(T0), 3, T0);
  const inReview = reviewCard(20, 5, T0, 20);
  const relearning = F.review(inReview, 1, T0 + 20 * DAY);
  const samples = [
    ['new', F.newCard(T0), T0],
    ['learning', learning, ms(learning.due)],
    ['review, on time', inReview, T0 + 20 * DAY],
    ['review, early', inReview, T0 + 3 * DAY],
    ['review, same day', inReview, T0 + 2 * MINUTE],
    ['relearning', relearning, ms(relearning.due)],
  ];
  for (const [name, card, now] of samples) {
    const p = F.preview(card, now);
    check(`${name}: Again is due sooner than Good`, ms(p[1].due) < ms(p[3].due), `${p[1].due} vs ${p[3].due}`);
    check(`${name}: Hard is due no later than Good`, ms(p[2].due) <= ms(p[3].due), `${p[2].due} vs ${p[3].due}`);
    check(`${name}: Easy is due later than Good`, ms(p[4].due) > ms(p[3].due), `${p[4].due} vs ${p[3].due}`);
    equal(`${name}: preview(card, now)[g] = review(card, g, now)`, [1, 2, 3, 4].map((g) => p[g]), [1, 2, 3, 4].map((g) => F.review(card, g, now)));
  }

  // Easy later than Good and Again sooner, across stabilities and difficulties.
  let ordered = true;
  let counter = '';
  for (const s of [0.5, 2, 10, 100, 1000, 10000]) {
    for (const d of [1, 3, 5.5, 8, 10]) {
      for (const late of [0, 1, 10]) {
        const days = Math.max(1, Math.round(s));
        const card = reviewCard(s, d, T0, Math.min(days, 36500));
        const now = T0 + (Math.min(days, 36500) + late) * DAY;
        const p = F.preview(card, now);
        const [a, h, g, e] = [1, 2, 3, 4].map((k) => ms(p[k].due));
        if (!(a < g && h <= g && (e > g || ivlDays(p[3]) === 36500))) {
          ordered = false;
          counter = `S ${s} D ${d} late ${late}: ${[a, h, g, e].map((x) => (x - now) / DAY)}`;
        }
      }
    }
  }
  check('review: Again < Hard <= Good < Easy for S 0.5..10000, D 1..10 (Easy = Good only at the maximum)', ordered, counter);

  // Forgetting never leaves a card more stable than it was: stability after Again a day or
  // more later is at most S / e^(w17 * w18) (FSRS-6's bound), below S.
  const w = F.DEFAULT_W;
  let bounded = true;
  let where = '';
  for (const s of [0.001, 0.01, 0.1, 1, 10, 100, 1000, 36500]) {
    for (const d of [1, 5, 10]) {
      for (const t of [1, 2, 30, 1000]) {
        const after = F.model.nextState({ stability: s, difficulty: d }, t, 1).stability;
        if (!(after <= Math.max(0.001, s / Math.exp(w[17] * w[18])) + 1e-12 && after <= s)) {
          bounded = false;
          where = `S ${s} D ${d} t ${t}: ${after}`;
        }
      }
    }
  }
  check('Again a day or more later: stability at most S / e^(w17 w18), never above S', bounded, where);

  // Intervals never exceed the maximum: Easy on a card at the maximum, long absent.
  const huge = reviewCard(36500, 1, T0, 36500);
  const afterHuge = F.review(huge, 4, T0 + 36500 * DAY + 5000 * DAY);
  check('Easy on a card of stability 36500, long overdue: interval 36500 days exactly', ivlDays(afterHuge) === 36500 && afterHuge.stability <= 36500, JSON.stringify(afterHuge));
  // ... and along a long walk of pseudo-random grades and delays.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  let card = F.newCard(T0);
  let now = T0;
  let maxIvl = 0;
  let walkOk = true;
  for (let i = 0; i < 3000; i++) {
    const g = 1 + Math.floor(random() * 4);
    const delay = random() < 0.7 ? 0 : Math.floor(random() * 400 * DAY);
    now = Math.max(now, ms(card.due) + delay);
    if (now > Date.UTC(9000, 0, 1)) break;
    card = F.review(card, g, now);
    const ivl = (ms(card.due) - ms(card.last)) / DAY;
    maxIvl = Math.max(maxIvl, ivl);
    try { F.validate(card); } catch { walkOk = false; }
    if (!(ivl > 0 && ivl <= 36500)) walkOk = false;
    if (card.state === 'review' && !Number.isInteger(ivl)) walkOk = false;
  }
  check(`3000 reviews of random grades and delays: every interval in (0, 36500] days, whole days in review, every card valid (longest ${maxIvl})`, walkOk);
  const easyWalk = (() => {
    let c = F.newCard(T0);
    let t = T0;
    for (let i = 0; i < 40 && t < Date.UTC(9000, 0, 1); i++) {
      c = F.review(c, 4, t);
      t = ms(c.due);
    }
    return c;
  })();
  check('Easy after Easy, each on its due date: intervals reach and stay at 36500 days', ivlDays(easyWalk) === 36500, `last interval ${ivlDays(easyWalk)}`);

  // Reviewed after 10 days of absence, Good gives a longer interval than on time: lower
  // retrievability, bigger stability increase (the FSRS stabilisation curve).
  let c = F.newCard(T0);
  for (let i = 0; i < 4; i++) c = F.review(c, 3, ms(c.due));
  const due = ms(c.due);
  const onTime = F.review(c, 3, due);
  const late = F.review(c, 3, due + 10 * DAY);
  check(`Good 10 days late gets a longer interval than on time (${ivlDays(late)} > ${ivlDays(onTime)} days)`, ivlDays(late) > ivlDays(onTime) && late.stability > onTime.stability);
  check('the late card was less likely to be recalled', F.retrievability(c, due + 10 * DAY) < F.retrievability(c, due));

  // Same inputs, same outputs (no fuzz); the input card is left as it was.
  const before = JSON.stringify(c);
  const one = F.review(c, 3, due);
  const two = F.review(JSON.parse(before), 3, due);
  check('deterministic: the same card, grade and time give the same card', JSON.stringify(one) === JSON.stringify(two));
  check('review() leaves its argument unchanged', JSON.stringify(c) === before);
  check('a card survives a JSON round trip', JSON.stringify(F.validate(JSON.parse(JSON.stringify(one)))) === JSON.stringify(one));
  check('due and last are ISO strings; dueDate() gives milliseconds', typeof one.due === 'string' && F.dueDate(one) === ms(one.due) && F.dueDate({ ...one, due: ms(one.due), last: ms(one.last) }) === ms(one.due));
  check('isDue before and at the due time', !F.isDue(one, ms(one.due) - 1) && F.isDue(one, ms(one.due)));
  check('now as a Date is accepted', JSON.stringify(F.review(c, 3, new sandbox.Date(due))) === JSON.stringify(one));
  const skewed = F.review(c, 3, ms(c.last) - 2 * DAY);
  check('a clock set back (now before the last review) counts as a same-day review', skewed.state === 'review' && ms(skewed.last) === ms(c.last) - 2 * DAY);
});

// ------------------------------------------------------------ validation

run('validation', () => {
  const good = F.review(F.review(F.newCard(T0), 3, T0), 3, T0 + 10 * MINUTE);
  const tamper = (changes) => ({ ...good, ...changes });
  const Y30000 = Date.UTC(30000, 0, 1);
  check('the untampered card is valid', JSON.stringify(F.validate(good)) === JSON.stringify(good));
  refuses('due in year 30000 (milliseconds)', () => F.review(tamper({ due: Y30000 }), 3, T0 + DAY), /due.*9999/);
  refuses('due in year 30000 (ISO string)', () => F.review(tamper({ due: '+030000-01-01T00:00:00.000Z' }), 3, T0 + DAY), /due/);
  refuses('due 30000-01-01T00:00:00Z (not ISO-8601)', () => F.dueDate(tamper({ due: '30000-01-01T00:00:00Z' })), /due/);
  refuses('due not a time', () => F.dueDate(tamper({ due: 'tomorrow' })), /due/);
  refuses('due missing', () => F.dueDate(tamper({ due: undefined })), /due/);
  refuses('last review in year 30000', () => F.retrievability(tamper({ last: Y30000 }), T0), /last review/);
  refuses('last review after due', () => F.validate(tamper({ last: good.due, due: good.last })), /before the last review/);
  refuses('due 200 years after the last review', () => F.validate(tamper({ due: ms(good.last) + 200 * 366 * DAY })), /36500 days/);
  refuses('negative stability', () => F.review(tamper({ stability: -3 }), 3, T0 + DAY), /stability/);
  refuses('zero stability', () => F.retrievability(tamper({ stability: 0 }), T0 + DAY), /stability/);
  refuses('stability 1e9', () => F.review(tamper({ stability: 1e9 }), 3, T0 + DAY), /stability/);
  refuses('NaN stability', () => F.review(tamper({ stability: NaN }), 3, T0 + DAY), /stability.*NaN/);
  refuses('Infinity stability', () => F.review(tamper({ stability: Infinity }), 3, T0 + DAY), /stability/);
  refuses('stability as a string', () => F.review(tamper({ stability: '5' }), 3, T0 + DAY), /stability/);
  refuses('difficulty 0.5', () => F.review(tamper({ difficulty: 0.5 }), 3, T0 + DAY), /difficulty/);
  refuses('difficulty 11', () => F.review(tamper({ difficulty: 11 }), 3, T0 + DAY), /difficulty/);
  refuses('NaN difficulty', () => F.retrievability(tamper({ difficulty: NaN }), T0 + DAY), /difficulty/);
  refuses('difficulty null on a card in review', () => F.validate(tamper({ difficulty: null })), /difficulty/);
  refuses('unknown state', () => F.validate(tamper({ state: 'mastered' })), /state/);
  refuses('negative reps', () => F.validate(tamper({ reps: -1 })), /reps/);
  refuses('fractional reps', () => F.validate(tamper({ reps: 2.5 })), /reps/);
  refuses('more lapses than reps', () => F.validate(tamper({ lapses: 99 })), /lapses/);
  refuses('NaN lapses', () => F.validate(tamper({ lapses: NaN })), /lapses/);
  refuses('a step on a card in review', () => F.validate(tamper({ step: 1 })), /step/);
  refuses('a learning card with step 1.5', () => F.validate({ ...F.init(3, T0), step: 1.5 }), /step/);
  refuses('a learning card with step -1', () => F.validate({ ...F.init(3, T0), step: -1 }), /step/);
  refuses('a new card with a stability', () => F.validate({ ...F.newCard(T0), stability: 4 }), /new card/);
  refuses('a new card with reps', () => F.validate({ ...F.newCard(T0), reps: 3 }), /new card/);
  refuses('a card that is null', () => F.review(null, 3, T0), /card must be an object/);
  refuses('a card that is an array', () => F.validate([good]), /card must be an object/);
  refuses('grade 0', () => F.review(good, 0, T0 + DAY), /grade/);
  refuses('grade 5', () => F.review(good, 5, T0 + DAY), /grade/);
  refuses('grade "3"', () => F.review(good, '3', T0 + DAY), /grade/);
  refuses('grade 2.5', () => F.init(2.5, T0), /grade/);
  refuses('now NaN', () => F.review(good, 3, NaN), /now/);
  refuses('now missing', () => F.review(good, 3), /now/);
  refuses('now in year 30000', () => F.review(good, 3, Y30000), /now/);
  refuses('now before 1970', () => F.init(3, -DAY), /now/);
  refuses('parameters: 20 numbers', () => F.makeModel(PUBLISHED_W.slice(0, 20)), /21 parameters/);
  refuses('parameters: w20 = 2 (out of bounds)', () => F.makeModel([...PUBLISHED_W.slice(0, 20), 2]), /w20/);
  refuses('parameters: NaN', () => F.makeModel([NaN, ...PUBLISHED_W.slice(1)]), /w0/);
  refuses('model: nextState from a negative stability', () => F.model.nextState({ stability: -1, difficulty: 5 }, 1, 3), /stability/);
  refuses('model: negative elapsed days', () => F.model.retrievability(-1, 5), /elapsed days/);
  check('the API and DEFAULT_W are frozen', Object.isFrozen(F) && Object.isFrozen(F.DEFAULT_W) && Object.isFrozen(F.model));
});

console.log(`fsrs: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
