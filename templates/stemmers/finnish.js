/* syllabus: the Finnish stemmer for search: Snowball's finnish algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * Differs from today's Snowball finnish in the final tidy-up: this version drops a final
 * a/ä/e/i after any non-vowel and undoubles any non-vowel (newer Snowball requires a
 * consonant b-z in both places). Note also that the case-ending conditions of -siin, -den,
 * -tten (preceded by i + vowel) and -seen (preceded by a long vowel) are looked for inside
 * R1 only, as the compiled code does. */
(function (stemmers) {
  'use strict';

  var V1 = 'aeiouyäö';
  var V2 = 'aeiouäö';
  var PARTICLE_END = 'aeinotuyäö';
  var AEI = 'aeiä';
  var LONG = ['aa', 'ee', 'ii', 'oo', 'uu', 'ää', 'öö'];

  // Particles: 1 = after a vowel, n or t; 2 = in R2.
  var PARTICLES = { kin: 1, kaan: 1, 'kään': 1, ko: 1, 'kö': 1, han: 1, 'hän': 1, pa: 1,
                    'pä': 1, sti: 2 };
  // Possessive suffixes: 'si' = not after k; 'ni' = also -kse becomes -ksi; 3 = just remove;
  // a list = only after one of these.
  var POSSESSIVES = { si: 'si', ni: 'ni', nsa: 3, 'nsä': 3, mme: 3, nne: 3,
                      an: ['ta', 'ssa', 'sta', 'lla', 'lta', 'na'],
                      'än': ['tä', 'ssä', 'stä', 'llä', 'ltä', 'nä'],
                      en: ['lle', 'ine'] };
  // Case endings: a letter = only after that letter; 'VI' / 'LONG' = only after i + vowel or
  // a long vowel (else taken as -n); 'n' = with a long vowel or "ie" before it, remove that
  // vowel too; 'V1C' = only after a vowel that follows a non-vowel; 0 = just remove.
  var CASES = { han: 'a', hen: 'e', hin: 'i', hon: 'o', 'hän': 'ä', 'hön': 'ö',
                siin: 'VI', den: 'VI', tten: 'VI', seen: 'LONG', n: 'n',
                a: 'V1C', 'ä': 'V1C', tta: 'e', 'ttä': 'e',
                ta: 0, 'tä': 0, ssa: 0, 'ssä': 0, sta: 0, 'stä': 0, lla: 0, 'llä': 0,
                lta: 0, 'ltä': 0, lle: 0, na: 0, 'nä': 0, ksi: 0, ine: 0 };
  // Other endings in R2: 1 = not after "po".
  var OTHERS = { mpi: 1, mpa: 1, 'mpä': 1, mmi: 1, mma: 1, 'mmä': 1, impi: 0, impa: 0,
                 'impä': 0, immi: 0, imma: 0, 'immä': 0, eja: 0, 'ejä': 0 };
  var T_PLURAL = { mma: 1, imma: 0 };  // after -t, in R2; 1 = not after "po"

  // Word is an array of characters (code points); positions are indexes into it.
  function isIn(group, c) { return c !== undefined && group.indexOf(c) >= 0; }

  // Does w[0..end) end with the string s?
  function endsWith(w, end, s) {
    if (end < s.length) return false;
    for (var i = 0; i < s.length; i++) if (w[end - s.length + i] !== s.charAt(i)) return false;
    return true;
  }

  // The suffixes of w among the keys of `table` that lie at or after `from`, longest first.
  function suffixes(w, table, from) {
    return Object.keys(table).filter(function (s) {
      return w.length - s.length >= from && endsWith(w, w.length, s);
    }).sort(function (a, b) { return b.length - a.length; });
  }
  function longest(w, table, from) { return suffixes(w, table, from)[0] || null; }
  function endsWithAny(w, end, list, from) {
    return list.some(function (s) { return end - s.length >= from && endsWith(w, end, s); });
  }

  // Index just past the first character at or after i that is (vowel=true) or is not a
  // vowel, or -1 ("gopast").
  function gopast(w, i, vowel) {
    for (; i < w.length; i++) if (isIn(V1, w[i]) === vowel) return i + 1;
    return -1;
  }

  stemmers.finnish = function (word) {
    var w = Array.from(word), i, s, a, bra, endingRemoved = false;

    // R1 after the first non-vowel that follows a vowel; R2 the same inside R1.
    var p1 = w.length, p2 = w.length;
    i = gopast(w, 0, true);
    if (i >= 0) i = gopast(w, i, false);
    if (i >= 0) {
      p1 = i;
      i = gopast(w, i, true);
      if (i >= 0) i = gopast(w, i, false);
      if (i >= 0) p2 = i;
    }
    function del(from) { w.length = from; }

    // Particles and clitics (-kin, -ko, -han, -pa, -sti ...)
    s = longest(w, PARTICLES, p1);
    if (s !== null) {
      bra = w.length - s.length;
      if (PARTICLES[s] === 1 ? isIn(PARTICLE_END, w[bra - 1]) : bra >= p2) del(bra);
    }

    // Possessive suffixes
    s = longest(w, POSSESSIVES, p1);
    if (s !== null) {
      bra = w.length - s.length;
      a = POSSESSIVES[s];
      if (a === 'si') {
        if (w[bra - 1] !== 'k') del(bra);
      } else if (a === 'ni') {
        del(bra);
        if (endsWith(w, bra, 'kse')) w[bra - 1] = 'i';
      } else if (a === 3 || endsWithAny(w, bra, a, 0)) {
        del(bra);
      }
    }

    // Case endings (inside R1); a failed -siin/-den/-tten/-seen condition falls back to -n.
    s = null;
    suffixes(w, CASES, p1).some(function (c) {
      var at = w.length - c.length;
      if (CASES[c] === 'VI') {
        if (!(w[at - 1] === 'i' && at - 2 >= p1 && isIn(V2, w[at - 2]))) return false;
      } else if (CASES[c] === 'LONG') {
        if (!endsWithAny(w, at, LONG, p1)) return false;
      }
      s = c;
      return true;
    });
    if (s !== null) {
      bra = w.length - s.length;
      a = CASES[s];
      var ok = true;
      if (a === 'n') {
        if (endsWithAny(w, bra, LONG, 0) || endsWith(w, bra, 'ie')) bra -= 1;
      } else if (a === 'V1C') {
        ok = isIn(V1, w[bra - 1]) && bra >= 2 && !isIn(V1, w[bra - 2]);
      } else if (a && a.length === 1) {
        ok = w[bra - 1] === a;
      }
      if (ok) { del(bra); endingRemoved = true; }
    }

    // Other endings (comparatives, superlatives, -eja), in R2
    s = longest(w, OTHERS, p2);
    if (s !== null) {
      bra = w.length - s.length;
      if (!OTHERS[s] || !endsWith(w, bra, 'po')) del(bra);
    }

    // Plurals: -i/-j after a case ending was removed, else -t (then -mma/-imma in R2).
    if (endingRemoved) {
      if (w.length - 1 >= p1 && isIn('ij', w[w.length - 1])) del(w.length - 1);
    } else if (w.length - 2 >= p1 && w[w.length - 1] === 't' && isIn(V1, w[w.length - 2])) {
      del(w.length - 1);
      s = longest(w, T_PLURAL, p2);
      if (s !== null) {
        bra = w.length - s.length;
        if (s === 'imma' || !endsWith(w, bra, 'po')) del(bra);
      }
    }

    // Tidy up (only if the word still reaches R1).
    if (w.length >= p1) {
      var n = w.length;
      if (endsWithAny(w, n, LONG, p1)) del(--n);                            // -aa -> -a
      if (n - 2 >= p1 && isIn(AEI, w[n - 1]) && !isIn(V1, w[n - 2])) del(--n);  // -Ca -> -C
      if (n - 2 >= p1 && w[n - 1] === 'j' && isIn('ou', w[n - 2])) del(--n);    // -oj -> -o
      if (n - 2 >= p1 && w[n - 1] === 'o' && w[n - 2] === 'j') del(--n);        // -jo -> -j
      // Undouble the last non-vowel of the word, wherever it is.
      for (i = n - 1; i >= 0 && isIn(V1, w[i]); i--);
      if (i >= 1 && w[i - 1] === w[i]) w.splice(i, 1);
    }

    return w.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
