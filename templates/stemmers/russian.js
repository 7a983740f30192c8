/* syllabus: the Russian stemmer for search: Snowball's russian algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * rust-stemmers has the version from before Snowball 2.0: it does NOT first turn "ё" into "е"
 * (today's russian.sbl does), so "ё" is kept and, not being one of the vowels
 * а е и о у ы э ю я, counts as a consonant when the regions RV and R2 are found. */
(function (stemmers) {
  'use strict';

  // A word is held as an array of characters (code points), as Rust's chars() sees it.
  function chars(s) {
    return s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || [];
  }

  function isVowel(ch) {
    return 'аеиоуыэюя'.indexOf(ch) >= 0;
  }

  // A suffix table: { group: 'suffix suffix ...' } -> suffix => group.
  function table(groups) {
    var t = { max: 0, rules: Object.create(null) };
    Object.keys(groups).forEach(function (g) {
      groups[g].split(' ').forEach(function (suffix) {
        t.rules[suffix] = +g;
        t.max = Math.max(t.max, suffix.length);
      });
    });
    return t;
  }

  // Snowball's backward "among": the longest suffix in the table that ends at the cursor and
  // lies inside the region (after e.lb). Sets [bra, ket) around it, moves the cursor to its
  // start and returns its group, or 0.
  function among(e, t) {
    for (var n = Math.min(t.max, e.c - e.lb); n > 0; n--) {
      var g = t.rules[e.s.slice(e.c - n, e.c).join('')];
      if (g) {
        e.ket = e.c;
        e.c -= n;
        e.bra = e.c;
        return g;
      }
    }
    return 0;
  }

  // The literal s just before the cursor (inside the region): step back over it.
  function eq(e, s) {
    if (e.c - e.lb < s.length || e.s.slice(e.c - s.length, e.c).join('') !== s) return false;
    e.c -= s.length;
    return true;
  }

  // delete [bra, ket) as Snowball's slice_del does
  function del(e) {
    e.s.splice(e.bra, e.ket - e.bra);
    var n = e.ket - e.bra;
    if (e.c >= e.ket) e.c -= n;
    else if (e.c > e.bra) e.c = e.bra;
  }

  // Suffixes of group 1 are removed only after "а" or "я" (which stays); group 2 always.
  var PERFECTIVE_GERUND = table({ 1: 'в вши вшись', 2: 'ив ыв ивши ывши ившись ывшись' });
  var ADJECTIVE = table({
    1: 'ее ие ые ое ими ыми ей ий ый ой ем им ым ом его ого ему ому их ых ую юю ая яя ою ею'
  });
  var PARTICIPLE = table({ 1: 'ем нн вш ющ щ', 2: 'ивш ывш ующ' });
  var REFLEXIVE = table({ 1: 'ся сь' });
  var VERB = table({
    1: 'ла на ете йте ли й л ем н ло но ет ют ны ть ешь нно',
    2: 'ила ыла ена ейте уйте ите или ыли ей уй ил ыл им ым ен ило ыло ено ят ует уют ит ыт ' +
      'ены ить ыть ишь ую ю'
  });
  var NOUN = table({
    1: 'а ев ов ие ье е иями ями ами еи ии и ией ей ой ий й иям ям ием ем ам ом о у ах иях ' +
      'ях ы ь ию ью ю ия ья я'
  });
  var DERIVATIONAL = table({ 1: 'ост ость' });
  var TIDY_UP = table({ 1: 'ейш ейше', 2: 'н', 3: 'ь' });

  // Remove a suffix of one of the tables above with the group-1 "а/я" rule.
  function removeWithGroups(e, t) {
    var g = among(e, t);
    if (!g) return false;
    if (g === 1 && !eq(e, 'а') && !eq(e, 'я')) return false;
    del(e);
    return true;
  }

  function adjectival(e) {
    var g = among(e, ADJECTIVE);
    if (!g) return false;
    del(e);
    var v = e.c;
    if (!removeWithGroups(e, PARTICIPLE)) e.c = v;
    return true;
  }

  function tidyUp(e) {
    var g = among(e, TIDY_UP);
    if (g === 1) {
      del(e); // -ейш(е), then "нн" -> "н"
      e.ket = e.c;
      if (!eq(e, 'н')) return;
      e.bra = e.c;
      if (eq(e, 'н')) del(e);
    } else if (g === 2) {
      if (eq(e, 'н')) del(e); // "нн" -> "н"
    } else if (g === 3) {
      del(e);
    }
  }

  // Position just after the first character at or after i that is (or is not) a vowel, or -1.
  function gopast(s, i, vowel) {
    while (i < s.length && isVowel(s[i]) !== vowel) i++;
    return i < s.length ? i + 1 : -1;
  }

  stemmers.russian = function (word) {
    var s = chars(word);
    var e = { s: s, c: 0, lb: 0, bra: 0, ket: 0 };

    // RV starts after the first vowel; R2 is R1 of R1 (vowel, then non-vowel, twice)
    var pV = s.length, p2 = s.length, i = gopast(s, 0, true);
    if (i >= 0) {
      pV = i;
      i = gopast(s, i, false);
      if (i >= 0) i = gopast(s, i, true);
      if (i >= 0) i = gopast(s, i, false);
      if (i >= 0) p2 = i;
    }

    // everything below works backwards inside RV
    e.lb = pV;
    e.c = s.length;
    if (!removeWithGroups(e, PERFECTIVE_GERUND)) {
      e.c = s.length;
      if (among(e, REFLEXIVE)) del(e);
      else e.c = s.length;
      var v = e.c;
      if (!adjectival(e)) {
        e.c = v;
        if (!removeWithGroups(e, VERB)) {
          e.c = v;
          if (among(e, NOUN)) del(e);
        }
      }
    }

    e.c = s.length;
    if (eq(e, 'и')) {
      e.bra = e.c;
      e.ket = e.c + 1;
      del(e);
    }

    e.c = s.length;
    if (among(e, DERIVATIONAL) && e.c >= p2) del(e);

    e.c = s.length;
    tidyUp(e);
    return s.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
