/* syllabus: the Portuguese stemmer for search: Snowball's portuguese algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';
  // The Portuguese algorithm has not changed in Snowball since 2015, so this matches
  // today's description too. Nasal vowels are written a~ and o~ while stemming.

  var V = 'aeiouáâéêíóôú';         // vowels

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

  var STANDARD = among({
    1: 'ica ância adora osa ista eza ante ável ível ico ismo oso amento imento aça~o ador ' +
       'icas adoras osas istas ezas adores antes aço~es icos ismos osos amentos imentos',
    2: 'logia logias', 3: 'uça~o uço~es', 4: 'ência ências', 5: 'amente', 6: 'mente',
    7: 'idade idades', 8: 'iva ivo ivas ivos', 9: 'ira iras'
  });
  var AFTER_AMENTE = among({ 1: 'iv', 2: 'ic ad os' });
  var AFTER_MENTE = among({ 1: 'ante avel ível' });
  var AFTER_IDADE = among({ 1: 'ic abil iv' });
  var VERB = among({ 1: 'ada ida ia aria eria iria ara era ira ava asse esse isse aste este ' +
    'iste ei arei erei irei am iam ariam eriam iriam aram eram iram avam em arem erem irem ' +
    'assem essem issem ado ido ando endo indo ara~o era~o ira~o ar er ir as adas idas ias ' +
    'arias erias irias aras eras iras avas es ardes erdes irdes ares eres ires asses esses ' +
    'isses astes estes istes is ais eis areis ereis ireis áreis éreis íreis ásseis ésseis ' +
    'ísseis áveis íeis aríeis eríeis iríeis ados idos amos áramos éramos íramos ávamos ' +
    'íamos aríamos eríamos iríamos emos aremos eremos iremos ássemos êssemos íssemos imos ' +
    'armos ermos irmos ámos arás erás irás eu iu ou ará erá irá' });
  var RESIDUAL = among({ 1: 'a i o os á í ó' });
  var FORM = among({ 1: 'e é ê', 2: 'ç' });

  function standard() {
    ket = c;
    var a = findB(STANDARD);
    if (!a) return false;
    bra = c;
    if (a === 9) {                 // -eira(s) -> -eir, in RV
      if (!RV() || !eqB('e')) return false;
      slice('ir');
      return true;
    }
    if (a === 5 ? !R1() : !R2()) return false;
    switch (a) {
      case 2: slice('log'); break;
      case 3: slice('u'); break;
      case 4: slice('ente'); break;
      default:
        del();
        if (a === 5) {
          ket = c;
          var b = findB(AFTER_AMENTE);
          if (b) { bra = c; if (R2()) { del(); if (b === 1) dropR2('at'); } }
        } else if (a === 6) dropR2(AFTER_MENTE);
        else if (a === 7) dropR2(AFTER_IDADE);
        else if (a === 8) dropR2('at');
    }
    return true;
  }

  function verb() {
    if (c < pV) return false;
    var keep = lb;
    lb = pV;
    ket = c;
    var ok = findB(VERB) > 0;
    if (ok) { bra = c; del(); }
    lb = keep;
    return ok;
  }

  function residualSuffix() {
    ket = c;
    if (!findB(RESIDUAL)) return;
    bra = c;
    if (RV()) del();
  }

  function residualForm() {
    ket = c;
    var a = findB(FORM);
    if (!a) return;
    bra = c;
    if (a === 2) { slice('c'); return; }
    if (!RV()) return;
    del();
    ket = c;                       // then the u of gu or the i of ci, in RV
    var t = c, ok = false;
    if (eqB('u')) { bra = c; ok = eqB('g'); }
    if (!ok) {
      c = t;
      if (!eqB('i')) return;
      bra = c;
      if (!eqB('c')) return;
    }
    c = bra;
    if (RV()) del();
  }

  stemmers.portuguese = function (word) {
    s = Array.from(word.replace(/[ãõ]/g, function (m) { return m === 'ã' ? 'a~' : 'o~'; }));
    l = s.length;
    marks();
    lb = 0;
    c = l;
    if (standard() || (c = l, verb())) {
      c = l;
      ket = c;
      if (eqB('i')) { bra = c; if (eqB('c')) { c = bra; if (RV()) del(); } }
    } else {
      c = l;
      residualSuffix();
    }
    c = l;
    residualForm();
    return s.join('').replace(/[ao]~/g, function (m) { return m === 'a~' ? 'ã' : 'õ'; });
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
