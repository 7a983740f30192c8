/* syllabus: the German stemmer for search: Snowball's german algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * This is the older Snowball German (as shipped before Snowball 2.x/3.x): the prelude only
 * turns "ß" into "ss" (no "ae"/"oe"/"ue" -> umlaut folding, which newer Snowball took over
 * from german2), step 1 has no "-em after syst", "-ln/-lns" or "-erin/-erinnen" rules.
 * Umlauts are folded to a/o/u at the very end, after the suffix rules ran. */
(function (stemmers) {
  'use strict';

  var VOWELS = 'aeiouyäöü';
  var S_ENDING = 'bdfghklmnrt';  // letters that may stand before a removable -s
  var ST_ENDING = 'bdfghklmnt';  // ... and before a removable -st
  var POSTLUDE = { Y: 'y', U: 'u', 'ä': 'a', 'ö': 'o', 'ü': 'u' };

  // Word is an array of characters (code points); positions are indexes into it.
  function isIn(group, c) { return c !== undefined && group.indexOf(c) >= 0; }
  function isV(c) { return isIn(VOWELS, c); }

  // Does w[0..end) end with the string s?
  function endsWith(w, end, s) {
    if (end < s.length) return false;
    for (var i = 0; i < s.length; i++) if (w[end - s.length + i] !== s.charAt(i)) return false;
    return true;
  }

  // The longest key of `table` that w ends with, or null (Snowball's "among").
  function longest(w, table) {
    var best = null;
    for (var s in table) {
      if ((best === null || s.length > best.length) && endsWith(w, w.length, s)) best = s;
    }
    return best;
  }

  // Index just past the first character at or after i that is (vowel=true) or is not a
  // vowel, or -1 ("gopast").
  function gopast(w, i, vowel) {
    for (; i < w.length; i++) if (isV(w[i]) === vowel) return i + 1;
    return -1;
  }

  var STEP1 = { em: 1, ern: 1, er: 1, e: 2, en: 2, es: 2, s: 3 };
  var STEP2 = { en: 1, er: 1, est: 1, st: 2 };
  var STEP3 = { end: 1, ung: 1, ig: 2, ik: 2, isch: 2, lich: 3, heit: 3, keit: 4 };
  var AFTER_KEIT = { lich: 1, ig: 1 };

  stemmers.german = function (word) {
    var w = [], i, c, s, bra;
    Array.from(word).forEach(function (ch) {
      if (ch === 'ß') w.push('s', 's'); else w.push(ch);
    });

    // Prelude: u and y between vowels are consonants; mark them U and Y.
    for (i = 0; i < w.length; i++) {
      if (!isV(w[i]) || !isV(w[i + 2])) continue;
      if (w[i + 1] === 'u') w[i + 1] = 'U';
      else if (w[i + 1] === 'y') w[i + 1] = 'Y';
    }

    // Regions: R1 starts after the first non-vowel following a vowel, but at least 3
    // letters in; R2 is the same thing again inside R1.
    var p1 = w.length, p2 = w.length;
    if (w.length >= 3) {
      i = gopast(w, 0, true);
      if (i >= 0) i = gopast(w, i, false);
      if (i >= 0) {
        p1 = Math.max(i, 3);
        i = gopast(w, i, true);
        if (i >= 0) i = gopast(w, i, false);
        if (i >= 0) p2 = i;
      }
    }
    function del(from) { w.length = from; }

    // Step 1 (in R1): -em -ern -er; -e -en -es (then -niss -> -nis); -s after an s-ending.
    s = longest(w, STEP1);
    bra = s === null ? -1 : w.length - s.length;
    if (s !== null && bra >= p1) {
      if (STEP1[s] === 1) del(bra);
      else if (STEP1[s] === 2) {
        del(bra);
        if (endsWith(w, w.length, 'niss')) del(w.length - 1);
      } else if (bra > 0 && isIn(S_ENDING, w[bra - 1])) del(bra);
    }

    // Step 2 (in R1): -en -er -est; -st after an st-ending with 3 more letters before it.
    s = longest(w, STEP2);
    bra = s === null ? -1 : w.length - s.length;
    if (s !== null && bra >= p1) {
      if (STEP2[s] === 1) del(bra);
      else if (bra > 0 && isIn(ST_ENDING, w[bra - 1]) && bra - 4 >= 0) del(bra);
    }

    // Step 3 (derivational suffixes, in R2)
    s = longest(w, STEP3);
    bra = s === null ? -1 : w.length - s.length;
    if (s !== null && bra >= p2) {
      switch (STEP3[s]) {
        case 1:
          del(bra);
          if (endsWith(w, w.length, 'ig') && w[w.length - 3] !== 'e' && w.length - 2 >= p2) {
            del(w.length - 2);
          }
          break;
        case 2:
          if (w[bra - 1] !== 'e') del(bra);
          break;
        case 3:
          del(bra);
          if ((endsWith(w, w.length, 'er') || endsWith(w, w.length, 'en')) &&
              w.length - 2 >= p1) del(w.length - 2);
          break;
        case 4:
          del(bra);
          c = longest(w, AFTER_KEIT);
          if (c !== null && w.length - c.length >= p2) del(w.length - c.length);
          break;
      }
    }

    // Postlude: back to lower case, umlauts folded.
    return w.map(function (ch) { return POSTLUDE[ch] || ch; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
