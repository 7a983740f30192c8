/* syllabus: the Spanish stemmer for search: Snowball's spanish algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';
  // rust-stemmers 1.2.0 has the Spanish algorithm from before 2025: -ación/-ución count as
  // suffixes only when written with the accent (later Snowball also takes -acion, -ucion).

  var V = 'aeiouáéíóúü';           // vowels

  // The word being stemmed, as an array of characters (code points), with the Snowball
  // cursor c, the limits l and lb, the slice [bra, ket), and the region starts.
  var s, c, l, lb, bra, ket, pV, p1, p2;

  function among(spec) {           // {result: 'suffix suffix ...'} -> lookup table
    var t = { map: Object.create(null), max: 0 };
    Object.keys(spec).forEach(function (r) {
      spec[r].split(' ').forEach(function (w) {
        t.map[w] = +r;
        t.max = Math.max(t.max, w.length);
      });
    });
    return t;
  }
  function findB(t) {              // the longest suffix of t ending at c (not before lb)
    for (var n = Math.min(t.max, c - lb); n > 0; n--) {
      var r = t.map[s.slice(c - n, c).join('')];
      if (r) { c -= n; return r; }
    }
    return 0;
  }
  function eqB(w) {
    if (c - lb < w.length || s.slice(c - w.length, c).join('') !== w) return false;
    c -= w.length;
    return true;
  }
  function isV(ch) { return ch !== undefined && V.indexOf(ch) >= 0; }
  function slice(w) {              // replace s[bra, ket) by w; cursor and limit follow
    var d = w.length - (ket - bra);
    s.splice.apply(s, [bra, ket - bra].concat(w ? w.split('') : []));
    l += d;
    if (c >= ket) c += d; else if (c > bra) c = bra;
  }
  function del() { slice(''); }
  function RV() { return pV <= c; }
  function R1() { return p1 <= c; }
  function R2() { return p2 <= c; }
  function dropR2(x) {             // try ( [x] R2 delete ), x a suffix or a table
    ket = c;
    if (!(typeof x === 'string' ? eqB(x) : findB(x))) return false;
    bra = c;
    if (!R2()) return false;
    del();
    return true;
  }

  // Just past the first vowel (want true) or non-vowel (want false) at or after i; -1 if none.
  function past(i, want) {
    while (i < l && isV(s[i]) !== want) i++;
    return i < l ? i + 1 : -1;
  }
  function region(i) { i = past(i, true); return i < 0 ? -1 : past(i, false); }

  function marks() {               // RV, R1 and R2 as the Romance stemmers define them
    pV = p1 = p2 = l;
    var p = -1;
    if (l >= 2) {
      if (isV(s[0])) p = past(2, !isV(s[1]));
      else if (isV(s[1])) p = l >= 3 ? 3 : -1;
      else p = past(2, true);
    }
    if (p >= 0) pV = p;
    var a = region(0);
    if (a >= 0) { p1 = a; a = region(a); if (a >= 0) p2 = a; }
  }

  var PRONOUN = among({ 1: 'la sela le me se lo selo las selas les los selos nos' });
  var BEFORE_PRONOUN = among({
    1: 'iéndo', 2: 'ándo', 3: 'ár', 4: 'ér', 5: 'ír', 6: 'ando iendo ar er ir', 7: 'yendo'
  });
  var STANDARD = among({
    1: 'ica osa ista anza able ible ico ismo oso amiento imiento icas osas istas anzas ables ' +
       'ibles icos ismos osos amientos imientos',
    2: 'ancia adora ante ación ador ancias adoras aciones adores antes',
    3: 'logía logías', 4: 'ución uciones', 5: 'encia encias', 6: 'amente', 7: 'mente',
    8: 'idad idades', 9: 'iva ivo ivas ivos'
  });
  var AFTER_AMENTE = among({ 1: 'iv', 2: 'ic ad os' });
  var AFTER_MENTE = among({ 1: 'able ible ante' });
  var AFTER_IDAD = among({ 1: 'ic abil iv' });
  var Y_VERB = among({ 1: 'ya ye yan yen yeron yendo yo yas yes yais yamos yó' });
  var VERB = among({
    1: 'en es éis emos',
    2: 'aba ada ida ara iera ía aría ería iría ad ed id ase iese aste iste an aban aran ieran ' +
       'ían arían erían irían asen iesen aron ieron arán erán irán ado ido ando iendo ar er ir ' +
       'as abas adas idas aras ieras ías arías erías irías ases ieses abais arais ierais íais ' +
       'aríais eríais iríais aseis ieseis asteis isteis áis aréis eréis iréis ados idos amos ' +
       'ábamos áramos iéramos íamos aríamos eríamos iríamos aremos eremos iremos ásemos ' +
       'iésemos imos arás erás irás ís ará erá irá aré eré iré ió'
  });
  var RESIDUAL = among({ 1: 'a o os á í ó', 2: 'e é' });

  function pronoun() {             // an enclitic pronoun after a gerund or an infinitive
    ket = c;
    if (!findB(PRONOUN)) return;
    bra = c;
    var a = findB(BEFORE_PRONOUN);
    if (!a || !RV()) return;
    if (a <= 5) { bra = c; slice(['iendo', 'ando', 'ar', 'er', 'ir'][a - 1]); }
    else if (a === 6) del();
    else if (eqB('u')) del();
  }

  function standard() {
    ket = c;
    var a = findB(STANDARD);
    if (!a) return false;
    bra = c;
    if (a === 6 ? !R1() : !R2()) return false;
    switch (a) {
      case 3: slice('log'); break;
      case 4: slice('u'); break;
      case 5: slice('ente'); break;
      default:
        del();
        if (a === 2) dropR2('ic');
        else if (a === 6) {
          ket = c;
          var b = findB(AFTER_AMENTE);
          if (b) { bra = c; if (R2()) { del(); if (b === 1) dropR2('at'); } }
        } else if (a === 7) dropR2(AFTER_MENTE);
        else if (a === 8) dropR2(AFTER_IDAD);
        else if (a === 9) dropR2('at');
    }
    return true;
  }

  function yVerb() {               // forms of verbs whose stem ends in -uy
    if (c < pV) return false;
    var keep = lb;
    lb = pV;
    ket = c;
    var a = findB(Y_VERB);
    lb = keep;
    if (!a) return false;
    bra = c;
    if (!eqB('u')) return false;
    del();
    return true;
  }

  function verb() {
    if (c < pV) return false;
    var keep = lb;
    lb = pV;
    ket = c;
    var a = findB(VERB);
    lb = keep;
    if (!a) return false;
    bra = c;
    if (a === 1) {                 // a 'u' after 'g' goes too (gu-en -> g)
      var t = c;
      c = eqB('u') && eqB('g') ? t - 1 : t;
      bra = c;
    }
    del();
    return true;
  }

  function residual() {
    ket = c;
    var a = findB(RESIDUAL);
    if (!a) return;
    bra = c;
    if (!RV()) return;
    del();
    if (a === 2) {
      ket = c;
      if (eqB('u')) { bra = c; if (eqB('g')) { c = bra; if (RV()) del(); } }
    }
  }

  var PLAIN = { 'á': 'a', 'é': 'e', 'í': 'i', 'ó': 'o', 'ú': 'u' };

  stemmers.spanish = function (word) {
    s = Array.from(word);
    l = s.length;
    marks();
    lb = 0;
    c = l;
    pronoun();
    c = l;
    if (!standard()) { c = l; if (!yVerb()) { c = l; verb(); } }
    c = l;
    residual();
    return s.map(function (ch) { return PLAIN[ch] || ch; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
