/* syllabus: the Hungarian stemmer for search: Snowball's hungarian algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
// This is the 2018 Snowball form: a word starting with a vowel has R1 after its first
// consonant counted as a digraph when it is one (cs, dzs, gy, ly, ny, sz, ty, zs), so
// 'asztal' has R1 'tal'; Snowball has since (2025) dropped the digraphs. As in the original,
// case_other never fires ('ul'/'ül' are removed by case first) and the plural-owner endings
// in -m, -d and -nk are taken by sing_owner before plur_owner sees them.
(function (stemmers) {
  'use strict';

  // The Snowball machine: the word, the cursor, the limits and the slice [bra, ket).
  // Positions are UTF-16 indexes; steps over characters treat a surrogate pair as one.
  var s, c, l, lb, bra, ket, p1;

  function isHi(i) { var u = s.charCodeAt(i); return u >= 0xd800 && u < 0xdc00; }
  function isLo(i) { var u = s.charCodeAt(i); return u >= 0xdc00 && u < 0xe000; }
  function next() { c += isHi(c) && isLo(c + 1) ? 2 : 1; }
  function prev() { c -= isLo(c - 1) && isHi(c - 2) ? 2 : 1; }

  var VOWELS = 'aeiouáéíóöúüőű';
  function isV(i) { return VOWELS.indexOf(s.charAt(i)) >= 0; }

  // Longest entry of list (sorted longest first) that ends at the cursor (going backwards)
  // or starts at it (going forwards); moves the cursor over it.
  function byLength(list) { return list.slice().sort(function (a, b) { return b.length - a.length; }); }
  function amongB(list) {
    for (var i = 0; i < list.length; i++) {
      var t = list[i];
      if (c - t.length >= lb && s.substring(c - t.length, c) === t) { c -= t.length; return t; }
    }
    return null;
  }
  function among(list) {
    for (var i = 0; i < list.length; i++) {
      var t = list[i];
      if (c + t.length <= l && s.substring(c, c + t.length) === t) { c += t.length; return t; }
    }
    return null;
  }

  // Replace the slice with t, moving the limit and cursor as Snowball does.
  function slice(t) {
    var adj = t.length - (ket - bra);
    s = s.slice(0, bra) + t + s.slice(ket);
    l += adj;
    if (c >= ket) c += adj; else if (c > bra) c = bra;
  }

  // R1 is after the first consonant (or digraph) following a leading vowel, or after the
  // first vowel following a leading consonant.
  function markRegions() {
    p1 = l;
    if (c < l && isV(c)) {
      next();
      while (c < l && isV(c)) next(); // goto non-v
      if (c < l) {
        if (among(DIGRAPHS) === null) next();
        p1 = c;
        return;
      }
      c = 0;
      return; // the other branch needs a leading consonant, and this word has a vowel
    }
    if (c >= l) return;
    next();
    while (c < l && !isV(c)) next(); // gopast v
    if (c >= l) return;
    next();
    p1 = c;
  }

  var DIGRAPHS = byLength(['cs', 'dzs', 'gy', 'ly', 'ny', 'sz', 'ty', 'zs']);
  var DOUBLES = byLength(['bb', 'cc', 'ccs', 'dd', 'ff', 'gg', 'ggy', 'jj', 'kk', 'll', 'lly',
    'mm', 'nn', 'nny', 'pp', 'rr', 'ss', 'ssz', 'tt', 'tty', 'vv', 'zz', 'zzs']);

  // [substring] R1 among(...): each suffix maps to its replacement ('' deletes).
  function table(map) { var t = byLength(Object.keys(map)); t.map = map; return t; }
  function replaceIn(t) {
    ket = c;
    var m = amongB(t);
    if (m === null) return false;
    bra = c;
    if (p1 > c) return false;
    slice(t.map[m]);
    return true;
  }

  var V_ENDING = table({ 'á': 'a', 'é': 'e' });
  var CASE = table(words('ban ben ba be ra re nak nek val vel tól től ról ről ból ből hoz hez ' +
    'höz nál nél ig at et ot öt ért képp képpen kor ul ül vá vé onként enként anként ként ' +
    'en on an ön n t'));
  var CASE_SPECIAL = table({ 'én': 'e', 'án': 'a', 'ánként': 'a' });
  var CASE_OTHER = table({ 'astul': '', 'estül': '', 'stul': '', 'stül': '', 'ástul': 'a',
    'éstül': 'e' });
  var PLURAL = table({ 'ák': 'a', 'ék': 'e', 'ök': '', 'ak': '', 'ok': '', 'ek': '', 'k': '' });
  var OWNED = table({ 'oké': '', 'öké': '', 'aké': '', 'eké': '', 'éké': 'e', 'áké': 'a',
    'ké': '', 'ééi': 'e', 'áéi': 'a', 'éi': '', 'éé': 'e', 'é': '' });
  var SING_OWNER = table({ 'ünk': '', 'unk': '', 'ánk': 'a', 'énk': 'e', 'nk': '',
    'ájuk': 'a', 'éjük': 'e', 'juk': '', 'jük': '', 'uk': '', 'ük': '', 'em': '', 'om': '',
    'am': '', 'ám': 'a', 'ém': 'e', 'm': '', 'od': '', 'ed': '', 'ad': '', 'öd': '', 'ád': 'a',
    'éd': 'e', 'd': '', 'ja': '', 'je': '', 'a': '', 'e': '', 'o': '', 'á': 'a', 'é': 'e' });
  var PLUR_OWNER = table({ 'jaim': '', 'jeim': '', 'áim': 'a', 'éim': 'e', 'aim': '',
    'eim': '', 'im': '', 'jaid': '', 'jeid': '', 'áid': 'a', 'éid': 'e', 'aid': '', 'eid': '',
    'id': '', 'jai': '', 'jei': '', 'ái': 'a', 'éi': 'e', 'ai': '', 'ei': '', 'i': '',
    'jaink': '', 'jeink': '', 'eink': '', 'aink': '', 'áink': 'a', 'éink': 'e', 'ink': '',
    'jaitok': '', 'jeitek': '', 'aitok': '', 'eitek': '', 'áitok': 'a', 'éitek': 'e',
    'itek': '', 'jeik': '', 'jaik': '', 'aik': '', 'eik': '', 'áik': 'a', 'éik': 'e', 'ik': '' });

  function words(list) { var map = {}; list.split(' ').forEach(function (w) { map[w] = ''; }); return map; }

  // A double consonant (test only) before the cursor.
  function isDouble() { var v = c, ok = amongB(DOUBLES) !== null; c = v; return ok; }

  // next [hop 1] delete: drop the second-last character, so 'tt' becomes 't', 'ccs' 'cs'.
  function undouble() {
    if (c <= lb) return false;
    prev();
    ket = c;
    if (c <= lb) return false;
    prev();
    bra = c;
    slice('');
    return true;
  }

  // instrum ('al', 'el') and factive ('á', 'é') need a double consonant before them.
  function afterDouble(list) {
    ket = c;
    if (amongB(list) === null) return false;
    bra = c;
    if (p1 > c || !isDouble()) return false;
    slice('');
    return undouble();
  }
  var INSTRUM = byLength(['al', 'el']);
  var FACTIVE = byLength(['á', 'é']);

  function caseEnding() {
    ket = c;
    if (amongB(CASE) === null) return false;
    bra = c;
    if (p1 > c) return false;
    slice('');
    return replaceIn(V_ENDING);
  }

  var STEPS = [
    function () { return afterDouble(INSTRUM); },
    caseEnding,
    function () { return replaceIn(CASE_SPECIAL); },
    function () { return replaceIn(CASE_OTHER); },
    function () { return afterDouble(FACTIVE); },
    function () { return replaceIn(OWNED); },
    function () { return replaceIn(SING_OWNER); },
    function () { return replaceIn(PLUR_OWNER); },
    function () { return replaceIn(PLURAL); }
  ];

  stemmers.hungarian = function (word) {
    s = word; c = 0; l = s.length; lb = 0; bra = 0; ket = l;
    markRegions();
    c = 0;
    lb = c; c = l; // backwards
    for (var i = 0; i < STEPS.length; i++) {
      var v = l - c; // do: each step starts where the last one started, from the end
      STEPS[i]();
      c = l - v;
    }
    return s;
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
