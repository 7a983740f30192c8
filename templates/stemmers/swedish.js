/* syllabus: the Swedish stemmer for search: Snowball's swedish algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * Differs from today's Snowball swedish: -löst always becomes -lös (newer Snowball turns
 * any -öst after one of i k l n p r t u v into -ös), and there is no extra -et/-en step. */
(function (stemmers) {
  'use strict';

  var VOWELS = 'aeiouyäåö';
  var S_ENDING = 'bcdfghjklmnoprtvy';  // letters that may stand before a removable -s
  var MAIN = ('a arna erna heterna orna ad e ade ande arne are aste en anden aren heten ern ' +
              'ar er heter or as arnas ernas ornas es ades andes ens arens hetens erns at ' +
              'andet het ast s').split(' ');
  var PAIRS = ['dd', 'gd', 'nn', 'dt', 'gt', 'kt', 'tt'];
  var OTHER = { ig: '', lig: '', els: '', 'löst': 'lös', fullt: 'full' };

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

  stemmers.swedish = function (word) {
    var w = Array.from(word), i, s;

    // R1: after the first non-vowel that follows a vowel, but at least 3 letters in.
    var p1 = w.length;
    if (w.length >= 3) {
      for (i = 0; i < w.length && !isV(w[i]); i++);
      for (; i < w.length && isV(w[i]); i++);
      if (i < w.length) p1 = Math.max(i + 1, 3);
    }

    // Main suffixes (inside R1)
    s = longest(w, MAIN, p1);
    if (s === 's') {
      if (w.length >= 2 && isIn(S_ENDING, w[w.length - 2])) w.length -= 1;
    } else if (s !== null) {
      w.length -= s.length;
    }

    // Consonant pairs inside R1 lose their last letter.
    if (longest(w, PAIRS, p1) !== null) w.length -= 1;

    // Other suffixes (inside R1)
    s = longest(w, Object.keys(OTHER), p1);
    if (s !== null) {
      w.length -= s.length;
      w.push.apply(w, Array.from(OTHER[s]));
    }

    return w.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
