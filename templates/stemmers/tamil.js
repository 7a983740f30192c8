/* syllabus: the Tamil stemmer for search: Snowball's tamil algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
// This is Damodharan Rajalingam's algorithm in its 2018 Snowball form (found_wrong_ending
// flag, remove_tense_suffixes repeating while anything matched). Snowball has since removed
// rules that can never fire and reordered some, so stems can differ from newer versions.
// Suffixes are written below with the Snowball source's letter names: {ka} is க, {vs_u} the
// vowel sign ு, {pulli} the virama ்.
(function (stemmers) {
  'use strict';

  var LETTERS = {
    a: 0xb85, aa: 0xb86, i: 0xb87, ii: 0xb88, u: 0xb89, uu: 0xb8a, e: 0xb8e, ee: 0xb8f,
    ai: 0xb90, o: 0xb92, oo: 0xb93, au: 0xb94,
    ka: 0xb95, nga: 0xb99, ca: 0xb9a, ja: 0xb9c, nya: 0xb9e, tta: 0xb9f, nna: 0xba3,
    ta: 0xba4, na: 0xba8, nnna: 0xba9, pa: 0xbaa, ma: 0xbae, ya: 0xbaf, ra: 0xbb0,
    rra: 0xbb1, la: 0xbb2, lla: 0xbb3, zha: 0xbb4, va: 0xbb5,
    vs_aa: 0xbbe, vs_i: 0xbbf, vs_ii: 0xbc0, vs_u: 0xbc1, vs_uu: 0xbc2, vs_e: 0xbc6,
    vs_ee: 0xbc7, vs_ai: 0xbc8, vs_o: 0xbca, vs_oo: 0xbcb, pulli: 0xbcd
  };
  // '{ka}{vs_u}' -> 'கு'; a list is several such strings separated by spaces.
  function t(x) {
    return x.replace(/\{(\w+)\}/g, function (m, k) { return String.fromCharCode(LETTERS[k]); });
  }
  function list(x) {
    return t(x).split(' ').sort(function (a, b) { return b.length - a.length; });
  }

  // The Snowball machine: the word, the cursor, the limits and the slice [bra, ket); plus
  // the algorithm's flags and its length (in characters, as rust-stemmers counts them).
  var s, c, l, lb, bra, ket, len, foundMatch, vetrumai, wrongEnding;

  function length() { return s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '_').length; }
  function hasMinLength() { len = length(); return len > 4; }

  function eq(x) { // forwards; like rust-stemmers, only the start is checked against the limit
    if (c >= l || s.substring(c, c + x.length) !== x) return false;
    c += x.length;
    return true;
  }
  function among(xs) { // forwards, longest first
    for (var i = 0; i < xs.length; i++) {
      if (c + xs[i].length <= l && s.substring(c, c + xs[i].length) === xs[i]) {
        c += xs[i].length;
        return true;
      }
    }
    return false;
  }
  function eqB(x) {
    if (c - x.length < lb || s.substring(c - x.length, c) !== x) return false;
    c -= x.length;
    return true;
  }
  function amongB(xs) {
    for (var i = 0; i < xs.length; i++) if (eqB(xs[i])) return true;
    return false;
  }
  // Snowball's `test` and `not`: look behind the cursor without moving it.
  function test(f) { var v = l - c, ok = f(); c = l - v; return ok; }
  function notB(f) { return !test(f); }
  // The first of the alternatives that matches (an or, not a longest match); an alternative is
  // a string, or [string, condition on what comes before it].
  function oneOf(alts) {
    var v = l - c;
    for (var i = 0; i < alts.length; i++) {
      c = l - v;
      var a = alts[i];
      if (typeof a === 'string' ? eqB(a) : eqB(a[0]) && a[1]()) return true;
    }
    return false;
  }
  function alts(x) { return t(x).split(' '); }

  function slice(x) {
    var adj = x.length - (ket - bra);
    s = s.slice(0, bra) + x + s.slice(ket);
    l += adj;
    if (c >= ket) c += adj; else if (c > bra) c = bra;
  }
  function to(x) { bra = c; slice(x); return true; } // ] <- x
  function del() { return to(''); }

  var PULLI = t('{pulli}');
  var HARD = list('{ka} {ca} {tta} {ta} {pa} {rra}');
  var SOFT = list('{ya} {ra} {la} {va} {zha} {lla}');
  var NASAL = list('{nga} {nya} {nna} {na} {ma} {nnna}');
  var SIGNS = list('{vs_aa} {vs_i} {vs_ii} {vs_e} {vs_ee} {vs_u} {vs_uu} {vs_ai}');
  var VOWELS = list('{a} {aa} {i} {ii} {u} {uu} {e} {ee} {ai} {o} {oo} {au}');
  var PREFIX_CONSONANTS = list('{ka} {ca} {ta} {va} {na} {pa} {ma} {ya} {nga} {nya}');
  function noSign() { return notB(function () { return amongB(SIGNS); }); }
  function notLetter(x) { return function () { return notB(function () { return eqB(t(x)); }); }; }

  var VA_START = [['{va}{vs_oo}', '{oo}'], ['{va}{vs_o}', '{o}'], ['{va}{vs_u}', '{u}'],
    ['{va}{vs_uu}', '{uu}']].map(function (p) { return [t(p[0]), t(p[1])]; });
  function fixVaStart() {
    var v = c;
    for (var i = 0; i < VA_START.length; i++) {
      c = v; bra = c;
      if (eq(VA_START[i][0])) { ket = c; slice(VA_START[i][1]); return true; }
    }
    return false;
  }

  // fix_ending's alternatives, tried in order at the end of the word; each is
  // [suffixes (first that matches), condition on what comes before, replacement].
  function before(xs) { return function () { return amongB(xs); }; }
  var FIX = [
    [list('{na}{pulli} {na}{pulli}{ta} {na}{pulli}{ta}{pulli}'), null, ''],
    [alts('{ya}{pulli}'), function () { return test(before(list('{vs_ai} {vs_i} {vs_ii}'))); }, ''],
    [alts('{tta}{pulli}{pa}{pulli} {tta}{pulli}{ka}{pulli}'), null, '{lla}{pulli}'],
    [alts('{nnna}{pulli}{rra}{pulli}'), null, '{la}{pulli}'],
    [alts('{rra}{pulli}{ka}{pulli}'), null, '{la}{pulli}'],
    [alts('{tta}{pulli}{tta}{pulli}'), null, '{tta}{vs_u}'],
    'vetrumai', // [ '{ta}{pulli}{ta}{pulli}' (test not '{vs_ai}') ] <- '{ma}{pulli}', when set
    [alts('{vs_u}{ka}{pulli} {vs_u}{ka}{pulli}{ka}{pulli}'), null, '{pulli}'],
    [alts('{pulli}'), function () { return amongB(HARD) && eqB(PULLI) && amongB(HARD); }, ''],
    [alts('{vs_u}{ka}{pulli}'), null, '{pulli}'],
    [alts('{pulli}'), before(HARD), ''],
    [alts('{pulli}'), function () {
      return (amongB(SOFT) || amongB(NASAL)) && eqB(PULLI);
    }, '{pulli}'],
    [list('{va} {ya} {va}{pulli}'), null, ''],
    [alts('{nnna}{vs_u}'), noSign, ''],
    [alts('{nga}{pulli}'), notLetter('{vs_ai}'), '{ma}{pulli}'],
    [alts('{nga}{pulli}'), null, ''],
    [alts('{pulli}'), function () {
      return test(function () { return amongB(SIGNS) || eqB(PULLI); });
    }, '']
  ].map(function (r) { return typeof r === 'string' ? r : [r[0], r[1], t(r[2])]; });
  var TT = t('{ta}{pulli}{ta}{pulli}'), MA = t('{ma}{pulli}'), AI = t('{vs_ai}');

  function fixEnding() {
    wrongEnding = false;
    len = length();
    if (!(len > 3)) return false;
    lb = c; c = l;
    var v = l - c, done = false;
    for (var i = 0; i < FIX.length && !done; i++) {
      c = l - v;
      ket = c;
      var r = FIX[i];
      if (r === 'vetrumai') {
        if (vetrumai && eqB(TT) && notB(function () { return eqB(AI); })) {
          to(MA); bra = c; done = true;
        }
      } else if (amongB(r[0]) && (!r[1] || r[1]())) {
        to(r[2]); done = true;
      }
    }
    if (!done) return false;
    c = lb;
    wrongEnding = true;
    return true;
  }

  function fixEndings() {
    wrongEnding = true;
    while (wrongEnding) { var v = c; fixEnding(); c = v; }
    return true;
  }

  function removeQuestionPrefixes() {
    bra = c;
    if (!(eq(t('{e}')) && among(PREFIX_CONSONANTS) && eq(PULLI))) return false;
    ket = c;
    slice('');
    var v = c; fixVaStart(); c = v;
    return true;
  }

  function removePronounPrefixes() {
    foundMatch = false;
    bra = c;
    if (!(among(list('{a} {i} {u}')) && among(PREFIX_CONSONANTS) && eq(PULLI))) return false;
    ket = c;
    slice('');
    foundMatch = true;
    var v = c; fixVaStart(); c = v;
    return true;
  }

  var PLURAL = [
    [t('{vs_u}{nga}{pulli}{ka}{lla}{pulli}'), function () { return notB(before(HARD)); }, PULLI],
    [t('{rra}{pulli}{ka}{lla}{pulli}'), null, t('{la}{pulli}')],
    [t('{tta}{pulli}{ka}{lla}{pulli}'), null, t('{lla}{pulli}')],
    [t('{ka}{lla}{pulli}'), null, '']
  ];
  function removePluralSuffix() {
    foundMatch = false;
    lb = c; c = l;
    var v = l - c;
    for (var i = 0; i < PLURAL.length; i++) {
      c = l - v;
      ket = c;
      var r = PLURAL[i];
      if (eqB(r[0]) && (!r[1] || r[1]())) {
        to(r[2]);
        foundMatch = true;
        c = lb;
        return true;
      }
    }
    return false;
  }

  var QUESTION = list('{vs_oo} {vs_ee} {vs_aa}');
  function removeQuestionSuffixes() {
    if (!hasMinLength()) return false;
    foundMatch = false;
    lb = c; c = l;
    ket = c;
    if (amongB(QUESTION)) { to(PULLI); foundMatch = true; }
    c = lb;
    var v = c; fixEndings(); c = v;
    return true;
  }

  function removeCommandSuffixes() {
    if (!hasMinLength()) return false;
    foundMatch = false;
    lb = c; c = l;
    ket = c;
    if (!amongB(list('{pa}{vs_i} {va}{vs_i}'))) return false;
    del();
    foundMatch = true;
    c = lb;
    return true;
  }

  function removeUm() {
    foundMatch = false;
    if (!hasMinLength()) return false;
    lb = c; c = l;
    ket = c;
    if (!eqB(t('{vs_u}{ma}{pulli}'))) return false;
    to(PULLI);
    foundMatch = true;
    c = lb;
    var v = c; fixEnding(); c = v;
    return true;
  }

  // [ one of the alternatives ] <- x (or delete), leaving the cursor at the end (test).
  function replaceEnding(xs, x) {
    return test(function () {
      ket = c;
      return oneOf(xs) && to(x);
    });
  }

  var COMMON = alts('{vs_u}{tta}{nnna}{pulli} {vs_i}{la}{pulli}{la}{vs_ai} ' +
    '{vs_i}{tta}{ma}{pulli} {vs_i}{nnna}{pulli}{rra}{vs_i} {vs_aa}{ka}{vs_i} ' +
    '{vs_aa}{ka}{vs_i}{ya} {vs_e}{nnna}{pulli}{rra}{vs_u} {vs_u}{lla}{pulli}{lla} ' +
    '{vs_u}{tta}{vs_ai}{ya} {vs_u}{tta}{vs_ai} {vs_e}{nnna}{vs_u}{ma}{pulli} {la}{pulli}{la} ' +
    '{vs_e}{nnna} {vs_aa}{ka}{vs_i}');
  COMMON[11] = [COMMON[11], noSign];
  var COMMON_DELETE = list('{pa}{tta}{vs_u} {pa}{tta}{pulli}{tta} {pa}{tta}{pulli}{tta}{vs_u} ' +
    '{pa}{tta}{pulli}{tta}{ta}{vs_u} {pa}{tta}{pulli}{tta}{nna} {ka}{vs_u}{ra}{vs_i}{ya} ' +
    '{pa}{rra}{pulli}{rra}{vs_i} {va}{vs_i}{tta}{vs_u} {va}{vs_i}{tta}{pulli}{tta}{vs_u} ' +
    '{pa}{tta}{vs_i}{ta}{vs_aa}{nnna} {pa}{tta}{vs_i} {ta}{vs_aa}{nnna} ' +
    '{vs_e}{la}{pulli}{la}{vs_aa}{ma}{pulli}');

  function removeCommonWordEndings() {
    foundMatch = false;
    if (!hasMinLength()) return false;
    lb = c; c = l;
    if (replaceEnding(COMMON, PULLI) ||
        test(function () { ket = c; return amongB(COMMON_DELETE) && del(); })) {
      foundMatch = true;
    } else {
      return false;
    }
    c = lb;
    var v = c; fixEndings(); c = v;
    return true;
  }

  var NNNA_AI = [t('{nnna}{vs_ai}')], INAI = t('{vs_i}{nnna}{vs_ai}');
  var CASE_PULLI = alts('{vs_o}{tta}{vs_u} {vs_oo}{tta}{vs_u} {vs_i}{la}{pulli} ' +
    '{vs_i}{rra}{pulli} {vs_i}{nnna}{pulli} {vs_i}{nnna}{pulli}{rra}{vs_u} ' +
    '{vs_i}{ra}{vs_u}{na}{pulli}{ta}{vs_u} {va}{vs_i}{tta} {vs_i}{tta}{ma}{pulli} ' +
    '{vs_aa}{la}{pulli} {vs_u}{tta}{vs_ai} {vs_aa}{ma}{la}{pulli} {la}{pulli} {vs_u}{lla}{pulli}');
  CASE_PULLI[4] = [CASE_PULLI[4], notLetter('{ma}')];
  CASE_PULLI[8] = [CASE_PULLI[8], function () { return len >= 7; }]; // len: at the step's start
  CASE_PULLI[12] = [CASE_PULLI[12], noSign];
  var CASE_DELETE = alts('{ka}{nna}{pulli} {ma}{vs_u}{nnna}{pulli} {ma}{vs_ee}{la}{pulli} ' +
    '{ma}{vs_ee}{rra}{pulli} {ka}{vs_ii}{zha}{pulli} {pa}{vs_i}{nnna}{pulli} {ta}{vs_u}');
  CASE_DELETE[6] = [CASE_DELETE[6], noSign];

  function removeVetrumaiUrupukal() {
    foundMatch = false;
    vetrumai = false;
    if (!hasMinLength()) return false;
    lb = c; c = l;
    var ok = replaceEnding(NNNA_AI, '') ||
      test(function () {
        ket = c;
        var v = l - c;
        // (('{vs_i}{nnna}{vs_ai}' or '{vs_ai}') not before a hard consonant) or
        // ('{vs_ai}' after a hard consonant with pulli): no going back into the first or
        var m = (eqB(INAI) || eqB(AI)) && notB(before(HARD));
        if (!m) {
          c = l - v;
          m = eqB(AI) && test(function () { return amongB(HARD) && eqB(PULLI); });
        }
        return m && to(PULLI);
      }) ||
      replaceEnding(CASE_PULLI, PULLI) ||
      replaceEnding(CASE_DELETE, '') ||
      replaceEnding(alts('{vs_ii}'), t('{vs_i}'));
    if (!ok) return false;
    foundMatch = true;
    vetrumai = true;
    ket = c;
    if (eqB(t('{vs_i}{nnna}{pulli}'))) to(PULLI);
    c = lb;
    var v = c; fixEndings(); c = v;
    return true;
  }

  var TENSE_DELETE = alts('{ma}{vs_aa}{ra}{pulli} {ma}{vs_i}{nnna}{pulli} ' +
    '{nnna}{nnna}{pulli} {nnna}{vs_aa}{nnna}{pulli} {nnna}{vs_aa}{lla}{pulli} ' +
    '{nnna}{vs_aa}{ra}{pulli} {va}{nnna}{pulli} {nnna}{lla}{pulli} {va}{lla}{pulli} ' +
    '{nnna}{ra}{pulli} {va}{ra}{pulli} {nnna} {pa} {ka} {ta} {ya} {pa}{nnna}{pulli} ' +
    '{pa}{lla}{pulli} {pa}{ra}{pulli} {ta}{vs_u} {vs_i}{rra}{pulli}{rra}{vs_u} ' +
    '{pa}{ma}{pulli} {nnna}{ma}{pulli} {ta}{vs_u}{ma}{pulli} {rra}{vs_u}{ma}{pulli} ' +
    '{ka}{vs_u}{ma}{pulli} {nnna}{vs_e}{nnna}{pulli} {nnna}{vs_ai} {va}{vs_ai}');
  TENSE_DELETE[6] = [TENSE_DELETE[6], function () { return notB(before(VOWELS)); }];
  TENSE_DELETE[19] = [TENSE_DELETE[19], noSign];
  var TENSE_PULLI = alts('{vs_aa}{nnna}{pulli} {vs_aa}{lla}{pulli} {vs_aa}{ra}{pulli} ' +
    '{vs_ee}{nnna}{pulli} {vs_aa} {vs_aa}{ma}{pulli} {vs_e}{ma}{pulli} {vs_ee}{ma}{pulli} ' +
    '{vs_oo}{ma}{pulli} {ka}{vs_u}{ma}{pulli} {ta}{vs_u}{ma}{pulli} {tta}{vs_u}{ma}{pulli} ' +
    '{rra}{vs_u}{ma}{pulli} {vs_aa}{ya}{pulli} {nnna}{vs_e}{nnna}{pulli} ' +
    '{nnna}{vs_i}{ra}{pulli} {vs_ii}{ra}{pulli} {vs_ii}{ya}{ra}{pulli}');
  TENSE_PULLI[0] = [TENSE_PULLI[0], notLetter('{ca}')];
  var TENSE_FIRST = list('{pa}{tta}{vs_u} {ka}{vs_o}{nna}{pulli}{tta}{vs_i}{ra}{pulli}');
  var TENSE_LAST = list('{vs_aa}{na}{vs_i}{nnna}{pulli}{rra} {vs_aa}{na}{vs_i}{nnna}{pulli}{rra}{pulli} ' +
    '{ka}{vs_i}{nnna}{pulli}{rra} {ka}{vs_i}{nnna}{pulli}{rra}{pulli} {ka}{vs_i}{rra} ' +
    '{ka}{vs_i}{rra}{pulli}');
  var KU_TU = alts('{ka}{vs_u} {ta}{vs_u}');

  function removeTenseSuffix() {
    foundMatch = false;
    if (!hasMinLength()) return false;
    lb = c; c = l;
    var v = l - c;
    if (test(function () { ket = c; return amongB(TENSE_FIRST) && del(); }) ||
        replaceEnding(TENSE_DELETE, '') ||
        replaceEnding(TENSE_PULLI, PULLI) ||
        test(function () {
          ket = c;
          return oneOf(KU_TU) && test(function () { return eqB(PULLI); }) && del();
        })) {
      foundMatch = true;
    }
    c = l - v;
    ket = c;
    if (amongB(TENSE_LAST)) { del(); foundMatch = true; }
    c = lb;
    var w = c; fixEndings(); c = w;
    return true;
  }

  function removeTenseSuffixes() {
    foundMatch = true;
    while (foundMatch) { var v = c; removeTenseSuffix(); c = v; }
    return true;
  }

  var STEPS = [removeQuestionPrefixes, removePronounPrefixes, removeQuestionSuffixes, removeUm,
    removeCommonWordEndings, removeVetrumaiUrupukal, removePluralSuffix, removeCommandSuffixes,
    removeTenseSuffixes];

  stemmers.tamil = function (word) {
    s = word; c = 0; l = s.length; lb = 0; bra = 0; ket = l;
    len = 0; foundMatch = false; vetrumai = false; wrongEnding = false;
    var v = c; fixEnding(); c = v;
    if (!hasMinLength()) return s;
    for (var i = 0; i < STEPS.length; i++) { v = c; STEPS[i](); c = v; }
    return s;
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
