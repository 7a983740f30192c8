/* syllabus: the Arabic stemmer for search: Snowball's arabic algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built.
 *
 * rust-stemmers ships the Arabic stemmer as Snowball had it before December 2016: its
 * Normalize_pre also DELETES punctuation (. , ; : ? ! / * % \ " and Arabic comma, semicolon,
 * question mark, percent, decimal and thousands signs), which today's arabic.sbl keeps.
 * Otherwise the rules match today's version. Conditions on "len" count every character of the
 * whole word, and a rule whose condition fails does not fall back to a shorter suffix. */
(function (stemmers) {
  'use strict';

  // A word is held as an array of characters (code points), as Rust's chars() sees it.
  function chars(s) {
    return s.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g) || [];
  }

  // A table of prefixes or suffixes: 'text minLength [replacement]|...'. A rule applies only
  // if the whole word has at least minLength characters; without a replacement it deletes.
  function table(spec) {
    var t = { max: 0, rules: Object.create(null) };
    spec.split('|').forEach(function (rule) {
      var p = rule.split(' ');
      t.rules[p[0]] = { min: +p[1], to: p[2] || '' };
      t.max = Math.max(t.max, p[0].length);
    });
    return t;
  }

  // Snowball's "among": the longest entry that matches at the cursor (forwards or backwards).
  // On a match the cursor moves over it and [bra, ket] brackets it.
  function among(e, t, back) {
    for (var n = t.max; n > 0; n--) {
      var from = back ? e.c - n : e.c, to = from + n;
      if (from < e.lb || to > e.l) continue;
      var rule = t.rules[e.s.slice(from, to).join('')];
      if (rule) {
        e.bra = from; e.ket = to; e.c = back ? from : to;
        return rule;
      }
    }
    return null;
  }

  // Replace [bra, ket) as Snowball's slice_from does, moving the cursor and limit along.
  function replace(e, s) {
    var add = chars(s), delta = add.length - (e.ket - e.bra);
    Array.prototype.splice.apply(e.s, [e.bra, e.ket - e.bra].concat(add));
    e.l += delta;
    if (e.c >= e.ket) e.c += delta;
    else if (e.c > e.bra) e.c = e.bra;
  }

  // One step: find the longest rule at the cursor; it fails if the word is too short for that
  // rule (a shorter rule is NOT tried instead), else it replaces or deletes the match.
  function step(e, t, back) {
    var len = e.s.length, rule = among(e, t, back);
    if (!rule || len < rule.min) return false;
    replace(e, rule.to);
    return true;
  }

  function startsWith(e, s) {
    return e.c + s.length <= e.l && e.s.slice(e.c, e.c + s.length).join('') === s;
  }

  var ARTICLE = table('ال 4|لل 4|بال 5|كال 5');
  var NOUN_1A = table('ك 4|ه 4|ي 4|كم 5|هم 5|هن 5|نا 5|ها 5|كما 6|هما 6');
  var NOUN_1B = table('ن 6');
  var NOUN_2A = table('و 5|ي 5|ا 5');
  var NOUN_2B = table('ات 5');
  var NOUN_2C1 = table('ت 4');
  var NOUN_2C2 = table('ة 4');
  var NOUN_3 = table('ي 3');
  var VERB_1 = table('ك 4|ه 4|كم 5|هم 5|كن 5|هن 5|ني 5|نا 5|ها 5|كمو 6|كما 6|هما 6');
  var VERB_2A = table('ت 4|ن 4|ي 4|ا 4|تن 5|نا 5|تا 5|ون 6|ين 6|ان 6|تما 6');
  var VERB_2B = table('تم 5|وا 5');
  var VERB_2C = table('و 4|تمو 6');
  var ALEF_MAQSURA = table('ى 0 ي');
  var PREFIX_1 = table('أآ 4 آ|أأ 4 أ|أؤ 4 أ|أإ 4 إ|أا 4 ا');
  var PREFIX_2 = table('ف 4|و 4');
  var PREFIX_3A = table('ال 5|لل 5|بال 6|كال 6');
  var PREFIX_3B = table('ب 4|بب 4 ب|كك 4 ك');
  var PREFIX_3_VERB = table('سأ 5 أ|ست 5 ت|سن 5 ن|سي 5 ي');
  var PREFIX_4_VERB = table('تست 5 است|نست 5 است|يست 5 است');
  var HAMZA_END = table('آ 0 ء|أ 0 ء|ؤ 0 ء|إ 0 ء|ئ 0 ء');
  var HAMZA_SEAT = table('آ 0 ا|أ 0 ا|إ 0 ا|ؤ 0 و|ئ 0 ي');

  // Normalize_pre: what each character becomes ('' deletes it; absent: kept). Deleted are
  // ASCII punctuation, Arabic punctuation, tatweel, harakat, the Arabic percent/decimal/
  // thousands signs; Arabic-Indic digits become ASCII digits; presentation forms
  // (U+FE80..U+FEFC) become the plain letter.
  var PRE = Object.create(null);
  '!"%*,./:;?\\\u060C\u061B\u061F\u0640\u066A\u066B\u066C'.split('').forEach(function (ch) {
    PRE[ch] = '';
  });
  for (var i = 0; i < 10; i++) {
    PRE[String.fromCharCode(0x0660 + i)] = String(i);
    if (i < 8) PRE[String.fromCharCode(0x064B + i)] = '';
  }
  // Each letter with how many presentation forms it has, in Unicode order from U+FE80.
  var FORM_LETTERS = 'ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي';
  var FORM_COUNTS = '122224242444442222444444444444444224';
  var FORM_LAM_ALEF = ['لآ', 'لأ', 'لإ', 'لا'];
  var code = 0xFE80;
  FORM_LETTERS.split('').forEach(function (letter, k) {
    for (var n = +FORM_COUNTS.charAt(k); n > 0; n--) PRE[String.fromCharCode(code++)] = letter;
  });
  FORM_LAM_ALEF.forEach(function (pair) {
    PRE[String.fromCharCode(code++)] = pair;
    PRE[String.fromCharCode(code++)] = pair;
  });

  function suffixVerb(e) {
    // at least one Suffix_Verb_Step1, then Step2a or Step2c or one character
    var v5 = e.l - e.c, n = 0, v;
    for (;;) {
      v = e.l - e.c;
      if (step(e, VERB_1, true)) { n++; continue; }
      e.c = e.l - v;
      break;
    }
    if (n > 0) {
      v = e.l - e.c;
      if (step(e, VERB_2A, true)) return true;
      e.c = e.l - v;
      if (step(e, VERB_2C, true)) return true;
      e.c = e.l - v;
      if (e.c > e.lb) { e.c--; return true; } // quirk: "next" only moves the cursor
    }
    e.c = e.l - v5;
    if (step(e, VERB_2B, true)) return true;
    e.c = e.l - v5;
    return step(e, VERB_2A, true);
  }

  function suffixNoun2(e) { // Step2a or Step2b or Step2c1
    var v = e.l - e.c;
    if (step(e, NOUN_2A, true)) return true;
    e.c = e.l - v;
    if (step(e, NOUN_2B, true)) return true;
    e.c = e.l - v;
    return step(e, NOUN_2C1, true);
  }

  function suffixNoun(e, defined) {
    var v = e.l - e.c;
    var ok = step(e, NOUN_2C2, true);
    if (!ok) {
      e.c = e.l - v;
      if (!defined && step(e, NOUN_1A, true)) {
        var v2 = e.l - e.c;
        ok = suffixNoun2(e);
        if (!ok) {
          e.c = e.l - v2;
          // quirk: "next" steps back one character, so Step3 below then looks one
          // character before the end of the word
          if (e.c > e.lb) { e.c--; ok = true; }
        }
      }
    }
    if (!ok) {
      e.c = e.l - v;
      ok = step(e, NOUN_1B, true) && suffixNoun2(e);
    }
    if (!ok) {
      e.c = e.l - v;
      ok = !defined && step(e, NOUN_2A, true);
    }
    if (!ok) {
      e.c = e.l - v;
      if (!step(e, NOUN_2B, true)) e.c = e.l - v;
    }
    return step(e, NOUN_3, true);
  }

  stemmers.arabic = function (word) {
    var s = chars(word);
    var e = { s: s, c: 0, l: s.length, lb: 0, bra: 0, ket: s.length };
    var isNoun = true, isVerb = true, defined = false;

    // Checks1: a definite article on the word as given (before normalisation)
    var art = among(e, ARTICLE, false);
    if (art && s.length >= art.min) {
      isVerb = false;
      defined = true;
    }

    // Normalize_pre
    var out = [];
    s.forEach(function (ch) {
      out.push.apply(out, chars(ch in PRE ? PRE[ch] : ch));
    });
    e = { s: out, c: 0, l: out.length, lb: 0, bra: 0, ket: out.length };

    // suffixes, backwards over the whole word
    e.c = e.l;
    if (!(isVerb && suffixVerb(e))) {
      e.c = e.l;
      if (!(isNoun && suffixNoun(e, defined))) {
        e.c = e.l;
        step(e, ALEF_MAQSURA, true);
      }
    }

    // prefixes, forwards from the start; a successful step leaves the cursor after its
    // replacement, and the next step looks from there (quirk kept)
    e.c = 0;
    var v = e.c;
    if (!step(e, PREFIX_1, false)) e.c = v;
    v = e.c;
    if (startsWith(e, 'فا') || startsWith(e, 'وا') || !step(e, PREFIX_2, false)) e.c = v;
    v = e.c;
    if (!step(e, PREFIX_3A, false)) {
      e.c = v;
      if (!(isNoun && !startsWith(e, 'با') && step(e, PREFIX_3B, false))) {
        e.c = v;
        if (isVerb) {
          if (!step(e, PREFIX_3_VERB, false)) e.c = v;
          step(e, PREFIX_4_VERB, false);
        }
      }
    }

    // Normalize_post: a hamza carrier at the very end becomes a plain hamza, then every
    // other carrier of hamza becomes its bare letter. (The crate loops "word_len" times, the
    // length seen by the last prefix step; prefix steps never lengthen the word, so that
    // always reaches the end.)
    e.c = e.l;
    step(e, HAMZA_END, true);
    for (e.c = 0; e.c < e.l;) {
      if (!step(e, HAMZA_SEAT, false)) e.c++;
    }
    return e.s.join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
