/* syllabus: the Turkish stemmer for search: Snowball's turkish algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
// This is the 2007 algorithm (Evren Çilden) in its 2018 Snowball form. Snowball has since
// (2024-25) added a first step that drops leading apostrophes and cuts a word at an apostrophe
// ("türkiye'dir"); this one does not, so such words stem differently. As in every version,
// words of one syllable are left alone, and a word whose nominal verb step took off a plural
// -lAr stops there (no noun suffixes, no d/g/b/c fixing).
(function (stemmers) {
  'use strict';

  // The Snowball machine: the word, the cursor, the limits and the slice [bra, ket).
  // Positions are UTF-16 indexes; steps over characters treat a surrogate pair as one.
  // Nearly everything runs backwards from the end of the word.
  var s, c, l, lb, bra, ket, goOn;

  function isHi(i) { var u = s.charCodeAt(i); return u >= 0xd800 && u < 0xdc00; }
  function isLo(i) { var u = s.charCodeAt(i); return u >= 0xdc00 && u < 0xe000; }
  function next() { c += isHi(c) && isLo(c + 1) ? 2 : 1; }
  function prev() { c -= isLo(c - 1) && isHi(c - 2) ? 2 : 1; }

  var VOWEL = 'aeıioöuü';
  var U = 'ıiuü';
  // For check_vowel_harmony: the last vowel of the word, and the vowels one of which must
  // come somewhere before it.
  var HARMONY = { a: 'aıou', e: 'eiöü', 'ı': 'aı', i: 'ei', o: 'ou', 'ö': 'öü', u: 'ou', 'ü': 'öü' };

  // A letter of the group just before the cursor (inB) or not (outB); moves over it.
  function inB(group) {
    if (c <= lb || group.indexOf(s.charAt(c - 1)) < 0) return false;
    c--;
    return true;
  }
  function outB(group) {
    if (c <= lb || group.indexOf(s.charAt(c - 1)) >= 0) return false;
    prev();
    return true;
  }
  // goto group: move back until a letter of the group is just before the cursor.
  function gotoB(group) {
    for (;;) {
      if (c > lb && group.indexOf(s.charAt(c - 1)) >= 0) return true;
      if (c <= lb) return false;
      prev();
    }
  }
  function eqB(t) {
    if (c - t.length < lb || s.substring(c - t.length, c) !== t) return false;
    c -= t.length;
    return true;
  }
  // The longest suffix of the list (sorted longest first) that ends at the cursor.
  function amongB(list) {
    for (var i = 0; i < list.length; i++) if (eqB(list[i])) return true;
    return false;
  }
  function list(words) {
    return words.split(' ').sort(function (a, b) { return b.length - a.length; });
  }

  // Replace the slice with t, moving the limit and cursor as Snowball does.
  function slice(t) {
    var adj = t.length - (ket - bra);
    s = s.slice(0, bra) + t + s.slice(ket);
    l += adj;
    if (c >= ket) c += adj; else if (c > bra) c = bra;
  }
  function del() { bra = c; slice(''); return true; } // ] delete

  // Snowball's or and try; positions are kept from the end, which is what stays put.
  function or() {
    var v = l - c;
    for (var i = 0; i < arguments.length; i++) {
      c = l - v;
      if (arguments[i]()) return true;
    }
    return false;
  }
  function attempt(f) {
    var v = l - c;
    if (!f()) c = l - v;
    return true;
  }

  function checkVowelHarmony() {
    var v = l - c;
    if (!gotoB(VOWEL)) return false;
    var last = s.charAt(c - 1);
    c--;
    if (!gotoB(HARMONY[last])) return false;
    c = l - v;
    return true;
  }

  // ('y' (test vowel)) or ((not(test 'y')) test(next vowel)), and the same for n, s and U.
  function optional(ok1, bad, ok2) {
    var v = l - c;
    if (ok1()) { var w = l - c; if (ok2()) { c = l - w; return true; } }
    c = l - v;
    if (bad()) return false;
    c = l - v;
    if (c <= lb) return false;
    prev();
    if (!ok2()) return false;
    c = l - v;
    return true;
  }
  function optLetter(x) {
    function lit() { return eqB(x); }
    return optional(lit, lit, function () { return inB(VOWEL); });
  }
  function optU() {
    function u() { return inB(U); }
    return optional(u, u, function () { return outB(VOWEL); });
  }

  // mark_X: check vowel harmony (h), match one of the suffixes, then the optional letter.
  function mark(h, suffixes, opt) {
    var sorted = list(suffixes);
    return function () {
      return (!h || checkVowelHarmony()) && amongB(sorted) && (!opt || opt());
    };
  }
  function y() { return optLetter('y'); }
  function n() { return optLetter('n'); }
  var possessives = mark(false, 'm n miz niz muz nuz mız nız müz nüz', optU);
  var lArI = mark(false, 'leri ları');
  var nU = mark(true, 'ni nu nı nü');
  var nUn = mark(true, 'in un ın ün', n);
  var yA = mark(true, 'a e', y);
  var nA = mark(true, 'na ne');
  var DA = mark(true, 'da ta de te');
  var ndA = mark(true, 'nda nde');
  var DAn = mark(true, 'dan tan den ten');
  var ndAn = mark(true, 'ndan nden');
  var ylA = mark(true, 'la le', y);
  var ncA = mark(true, 'ca ce', n);
  var yUm = mark(true, 'im um ım üm', y);
  var sUn = mark(true, 'sin sun sın sün');
  var yUz = mark(true, 'iz uz ız üz', y);
  var sUnUz = mark(false, 'siniz sunuz sınız sünüz');
  var lAr = mark(true, 'lar ler');
  var nUz = mark(true, 'niz nuz nız nüz');
  var DUr = mark(true, 'dir tir dur tur dır tır dür tür');
  var cAsInA = mark(false, 'casına cesine');
  var yDU = mark(true, 'di ti dik tik duk tuk dık tık dük tük dim tim dum tum dım tım düm tüm ' +
    'din tin dun tun dın tın dün tün du tu dı tı dü tü', y);
  var ysA = mark(false, 'sa se sak sek sam sem san sen', y);
  var ymUs = mark(true, 'miş muş mış müş', y);
  function yken() { return eqB('ken') && y(); }
  function sU() { return checkVowelHarmony() && inB(U) && optLetter('s'); }
  function yU() { return checkVowelHarmony() && inB(U) && y(); }
  function ki() { return eqB('ki'); }
  function yes() { return true; }

  function nominalVerbSuffixes() {
    ket = c;
    goOn = true;
    if (!or(
      function () { return or(ymUs, yDU, ysA, yken); },
      function () { return cAsInA() && or(sUnUz, lAr, yUm, sUn, yUz, yes) && ymUs(); },
      function () {
        if (!(lAr() && del())) return false;
        attempt(function () { ket = c; return or(DUr, yDU, ysA, ymUs); });
        goOn = false;
        return true;
      },
      function () { return nUz() && or(yDU, ysA); },
      function () {
        return or(sUnUz, yUz, sUn, yUm) && del() &&
          attempt(function () { ket = c; return ymUs(); });
      },
      function () {
        return DUr() && del() && attempt(function () {
          ket = c;
          return or(sUnUz, lAr, yUm, sUn, yUz, yes) && ymUs();
        });
      })) return false;
    return del();
  }

  // [mark_lAr] delete stem_suffix_chain_before_ki, a common tail.
  function lArKi() { ket = c; return lAr() && del() && chainBeforeKi(); }
  // [mark_possessives or mark_sU] delete try(lArKi), another.
  function possessiveKi() {
    ket = c;
    return or(possessives, sU) && del() && attempt(lArKi);
  }

  function chainBeforeKi() {
    ket = c;
    if (!ki()) return false;
    return or(
      function () {
        return DA() && del() && attempt(function () {
          ket = c;
          return or(
            function () { return lAr() && del() && attempt(chainBeforeKi); },
            function () { return possessives() && del() && attempt(lArKi); });
        });
      },
      function () {
        return nUn() && del() && attempt(function () {
          ket = c;
          return or(
            function () { return lArI() && del(); },
            possessiveKi,
            chainBeforeKi);
        });
      },
      function () {
        return ndA() && or(
          function () { return lArI() && del(); },
          function () { return sU() && del() && attempt(lArKi); },
          chainBeforeKi);
      });
  }

  function nounSuffixes() {
    return or(
      function () { ket = c; return lAr() && del() && attempt(chainBeforeKi); },
      function () {
        ket = c;
        return ncA() && del() && attempt(function () {
          return or(
            function () { ket = c; return lArI() && del(); },
            possessiveKi,
            lArKi);
        });
      },
      function () {
        ket = c;
        return or(ndA, nA) && or(
          function () { return lArI() && del(); },
          function () { return sU() && del() && attempt(lArKi); },
          chainBeforeKi);
      },
      function () {
        ket = c;
        return or(ndAn, nU) && or(
          function () { return sU() && del() && attempt(lArKi); },
          lArI);
      },
      function () {
        ket = c;
        return DAn() && del() && attempt(function () {
          ket = c;
          return or(
            function () { return possessives() && del() && attempt(lArKi); },
            function () { return lAr() && del() && attempt(chainBeforeKi); },
            chainBeforeKi);
        });
      },
      function () {
        ket = c;
        return or(nUn, ylA) && del() && attempt(function () {
          return or(lArKi, possessiveKi, chainBeforeKi);
        });
      },
      function () { ket = c; return lArI() && del(); },
      chainBeforeKi,
      function () {
        ket = c;
        return or(DA, yU, yA) && del() && attempt(function () {
          ket = c;
          return or(
            function () {
              return possessives() && del() && attempt(function () { ket = c; return lAr(); });
            },
            lAr) && del() && (ket = c, chainBeforeKi());
        });
      },
      possessiveKi);
  }

  // A stem left ending in d or g gets back the vowel (harmonising with its last vowel)
  // that was probably taken off with a suffix; then a final b, c, d, ğ becomes p, ç, t, k.
  var LAST_VOWEL = { a: 'ı', 'ı': 'ı', e: 'i', i: 'i', o: 'u', u: 'u', 'ö': 'ü', 'ü': 'ü' };
  var DEVOICE = { b: 'p', c: 'ç', d: 't', 'ğ': 'k' };
  function postlude() {
    // is_reserved_word: the whole word is 'ad' or 'soyad' (the Snowball code finds the
    // string and then compares the word's length).
    if (s === 'ad' || s === 'soyad') return;
    lb = c; c = l;
    var last = s.charAt(c - 1);
    if (c > lb && (last === 'd' || last === 'g') && gotoB(VOWEL)) {
      bra = ket = l;
      slice(LAST_VOWEL[s.charAt(c - 1)]);
    }
    c = l;
    last = s.charAt(c - 1);
    if (c > lb && DEVOICE[last]) {
      ket = c; bra = c - 1;
      slice(DEVOICE[last]);
    }
  }

  function moreThanOneSyllable() {
    for (var vowels = 0, i = 0; i < l; i++) if (VOWEL.indexOf(s.charAt(i)) >= 0) vowels++;
    return vowels >= 2;
  }

  stemmers.turkish = function (word) {
    s = word; c = 0; l = s.length; lb = 0; bra = 0; ket = l; goOn = false;
    if (!moreThanOneSyllable()) return s;
    lb = c; c = l; // backwards
    var v = l - c;
    nominalVerbSuffixes();
    c = l - v;
    if (!goOn) return s;
    v = l - c;
    nounSuffixes();
    c = l - v;
    c = lb;
    postlude();
    return s;
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
