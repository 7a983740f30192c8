/* syllabus: the Norwegian stemmer for search: Snowball's norwegian algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * This version already has -erte/-ert -> -er, -s after k plus a non-vowel, and the
 * -leg/-eig/-lov family of other suffixes; unlike today's Snowball norwegian it still lets
 * -s go after r, and it removes -ers everywhere (no -ers exception list). */
(function (stemmers) {
  'use strict';

  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'bcdfghjlmnoprtvyz';  // letters that may stand before a removable -s
  var MAIN = ('a e ede ande ende ane ene hetene en heten ar er heter as es edes endes enes ' +
              'hetenes ens hetens ers ets et het ast s erte ert').split(' ');
  var PAIRS = ['dt', 'vt'];
  var OTHER = 'leg eleg ig eig lig elig els lov elov slov hetslov'.split(' ');

  // Word is an array of characters (code points); positions are indexes into it.
  function isIn(group, c) { return c !== undefined && group.indexOf(c) >= 0; }
  function isV(c) { return isIn(VOWELS, c); }

  // Does w end with the string s? (Callers make sure w is long enough.)
  function endsWith(w, s) {
    for (var i = 0; i < s.length; i++) if (w[w.length - s.length + i] !== s.charAt(i)) return false;
    return true;
  }

  // The longest suffix in `list` that w ends with and that lies at or after `from`.
  function longest(w, list, from) {
    var best = null;
    list.forEach(function (s) {
      if ((best === null || s.length > best.length) && w.length - s.length >= from &&
          endsWith(w, s)) best = s;
    });
    return best;
  }

  stemmers.norwegian = function (word) {
    var w = Array.from(word), i, s, n;

    // R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
    var p1 = w.length;
    if (w.length >= 3) {
      for (i = 0; i < w.length && !isV(w[i]); i++);
      for (; i < w.length && isV(w[i]); i++);
      if (i < w.length) p1 = Math.max(i + 1, 3);
    }

    // Main suffixes (inside R1)
    s = longest(w, MAIN, p1);
    n = w.length;
    if (s === 's') {
      if ((n >= 2 && isIn(S_ENDING, w[n - 2])) ||
          (n >= 3 && w[n - 2] === 'k' && !isV(w[n - 3]))) w.length -= 1;
    } else if (s === 'erte' || s === 'ert') {
      w.length = n - s.length + 2;  // keep "er"
    } else if (s !== null) {
      w.length -= s.length;
    }

    // -dt and -vt inside R1 lose the t.
    if (longest(w, PAIRS, p1) !== null) w.length -= 1;

    // Other suffixes (inside R1)
    s = longest(w, OTHER, p1);
    if (s !== null) w.length -= s.length;

    return w.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
