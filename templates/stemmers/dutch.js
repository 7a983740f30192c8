/* syllabus: the Dutch stemmer for search: Snowball's dutch algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * This is Martin Porter's original Dutch stemmer, which Snowball 3.0 renamed "dutch_porter"
 * when its "dutch" became a different (Kraaij-Pohlmann based) algorithm; results differ
 * from today's Snowball "dutch". One quirk is kept on purpose: the compiled code puts R1 at
 * least 3 *bytes* (of UTF-8) into the word, not 3 letters. */
(function (stemmers) {
  'use strict';

  var VOWELS = 'aeiouyè';
  var V_J = 'aeijouyè';   // letters that may not stand before a removable -s / -se
  var V_I = 'Iaeiouyè';   // letters that block undoubling of a final vowel pair
  var ACCENTS = { 'á': 'a', 'ä': 'a', 'é': 'e', 'ë': 'e', 'í': 'i', 'ï': 'i',
                  'ó': 'o', 'ö': 'o', 'ú': 'u', 'ü': 'u' };

  // Word is an array of characters (code points); positions are indexes into it.
  function isIn(group, c) { return c !== undefined && group.indexOf(c) >= 0; }
  function isV(c) { return isIn(VOWELS, c); }
  function utf8Length(c) {
    var u = c.codePointAt(0);
    return u < 0x80 ? 1 : u < 0x800 ? 2 : u < 0x10000 ? 3 : 4;
  }

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

  var STEP1 = { heden: 1, en: 2, ene: 2, s: 3, se: 3 };
  var STEP3B = { end: 1, ing: 1, ig: 2, lijk: 3, baar: 4, bar: 5 };

  stemmers.dutch = function (word) {
    var w = Array.from(word).map(function (c) { return ACCENTS[c] || c; });
    var i, s, bra, eFound = false;

    // Prelude: initial y, y after a vowel, and i between vowels are consonants (Y, I).
    if (w[0] === 'y') w[0] = 'Y';
    for (i = 0; i < w.length; i++) {
      if (!isV(w[i])) continue;
      if (w[i + 1] === 'i' && isV(w[i + 2])) w[i + 1] = 'I';
      else if (w[i + 1] === 'y') w[i + 1] = 'Y';
    }

    // Regions: R1 after the first non-vowel following a vowel, R2 the same inside R1.
    var p1 = w.length, p2 = w.length;
    i = gopast(w, 0, true);
    if (i >= 0) i = gopast(w, i, false);
    if (i >= 0) {
      // "at least 3": the first position at or past byte 3 of the UTF-8 word.
      var b = 0, at3 = 0;
      while (at3 < w.length && b < 3) b += utf8Length(w[at3++]);
      if (b < 3) at3 = w.length + 1;
      p1 = Math.max(i, at3);
      i = gopast(w, i, true);
      if (i >= 0) i = gopast(w, i, false);
      if (i >= 0) p2 = i;
    }

    function del(from) { w.length = from; }
    function end(s) { return endsWith(w, w.length, s); }
    // Drop the last letter of a final dd, kk or tt.
    function undouble() {
      if (end('dd') || end('kk') || end('tt')) del(w.length - 1);
    }
    // -en, -ene: in R1, after a non-vowel, not after "gem".
    function enEnding(bra) {
      if (bra < p1 || bra === 0 || isV(w[bra - 1]) || endsWith(w, bra, 'gem')) return;
      del(bra);
      undouble();
    }
    function eEnding() {
      eFound = false;
      var bra = w.length - 1;
      if (!end('e') || bra < p1 || bra === 0 || isV(w[bra - 1])) return;
      del(bra);
      eFound = true;
      undouble();
    }

    // Step 1
    s = longest(w, STEP1);
    if (s !== null) {
      bra = w.length - s.length;
      if (STEP1[s] === 1) {
        if (bra >= p1) { del(bra); w.push('h', 'e', 'i', 'd'); }
      } else if (STEP1[s] === 2) {
        enEnding(bra);
      } else if (bra >= p1 && bra > 0 && !isIn(V_J, w[bra - 1])) {
        del(bra);
      }
    }

    // Step 2
    eEnding();

    // Step 3a: -heid
    bra = w.length - 4;
    if (end('heid') && bra >= p2 && w[bra - 1] !== 'c') {
      del(bra);
      if (end('en')) enEnding(w.length - 2);
    }

    // Step 3b: derivational suffixes, in R2
    s = longest(w, STEP3B);
    bra = s === null ? -1 : w.length - s.length;
    if (s !== null && bra >= p2) {
      switch (STEP3B[s]) {
        case 1:
          del(bra);
          if (end('ig') && w.length - 2 >= p2 && w[w.length - 3] !== 'e') del(w.length - 2);
          else undouble();
          break;
        case 2:
          if (w[bra - 1] !== 'e') del(bra);
          break;
        case 3:
          del(bra);
          eEnding();
          break;
        case 4:
          del(bra);
          break;
        case 5:
          if (eFound) del(bra);
          break;
      }
    }

    // Step 4: undouble a vowel pair before a final consonant (-aaC, -eeC, -ooC, -uuC).
    var n = w.length, v = w[n - 2];
    if (n >= 4 && !isIn(V_I, w[n - 1]) && 'aeou'.indexOf(v) >= 0 && w[n - 3] === v &&
        !isV(w[n - 4])) {
      w.splice(n - 2, 1);
    }

    // Postlude
    return w.map(function (c) { return c === 'Y' ? 'y' : c === 'I' ? 'i' : c; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
