/* syllabus: the Danish stemmer for search: Snowball's danish algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * Differs from today's Snowball danish in one place: the final undoubling step treats any
 * non-vowel (digits, accented letters...) as a consonant, where newer Snowball only
 * undoubles the consonants b-z. */
(function (stemmers) {
  'use strict';

  var VOWELS = 'aeiouyæåø';
  var S_ENDING = 'abcdfghjklmnoprtvyzå';  // letters that may stand before a removable -s
  var MAIN = ('hed ethed ered e erede ende erende ene erne ere en heden eren er heder erer ' +
              'heds es endes erendes enes ernes eres ens hedens erens ers ets erets et eret s')
    .split(' ');
  var PAIRS = ['gd', 'dt', 'gt', 'kt'];
  var OTHER = ['ig', 'lig', 'elig', 'els', 'løst'];

  // Word is an array of characters (code points); positions are indexes into it.
  function isIn(group, c) { return c !== undefined && group.indexOf(c) >= 0; }
  function isV(c) { return isIn(VOWELS, c); }

  // Does w end with the string s?
  function endsWith(w, s) {
    if (w.length < s.length) return false;
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

  stemmers.danish = function (word) {
    var w = Array.from(word), i, s;

    // R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
    var p1 = w.length;
    if (w.length >= 3) {
      for (i = 0; i < w.length && !isV(w[i]); i++);
      for (; i < w.length && isV(w[i]); i++);
      if (i < w.length) p1 = Math.max(i + 1, 3);
    }

    // Remove the last letter of a final gd/dt/gt/kt inside R1.
    function consonantPair() {
      if (longest(w, PAIRS, p1) !== null) w.length -= 1;
    }

    // Main suffixes (inside R1)
    s = longest(w, MAIN, p1);
    if (s === 's') {
      if (w.length >= 2 && isIn(S_ENDING, w[w.length - 2])) w.length -= 1;
    } else if (s !== null) {
      w.length -= s.length;
    }

    consonantPair();

    // Other suffixes: -igst loses its -st anywhere; -ig, -lig, -elig, -els, -løst in R1.
    if (endsWith(w, 'igst')) w.length -= 2;
    s = longest(w, OTHER, p1);
    if (s === 'løst') {
      w.length -= 1;
    } else if (s !== null) {
      w.length -= s.length;
      consonantPair();
    }

    // Undouble a final consonant whose last letter is in R1.
    var n = w.length;
    if (n > p1 && n >= 2 && !isV(w[n - 1]) && w[n - 2] === w[n - 1]) w.length -= 1;

    return w.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
