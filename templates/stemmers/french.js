/* syllabus: the French stemmer for search: Snowball's french algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';
  // This is the French algorithm as it stood before mid-2018, which is what rust-stemmers
  // 1.2.0 was generated from. Later Snowball versions differ: they strip elisions (l', qu'),
  // protect ë/ï with an 'H' mark, add the -oux rule, the 'ni' exception and the verb
  // endings -aise(s), and no longer delete a final ë after 'gu'. Change both sides or none.

  var V = 'aeiouyàâèéêëîïôùû';    // vowels
  var KEEP_S = 'aiosuè';           // a final s after one of these stays

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
  function inB(g) { if (c > lb && g.indexOf(s[c - 1]) >= 0) { c--; return true; } return false; }
  function outB(g) { if (c > lb && g.indexOf(s[c - 1]) < 0) { c--; return true; } return false; }
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

  // Just past the first vowel (want true) or non-vowel (want false) at or after i; -1 if none.
  function past(i, want) {
    while (i < l && isV(s[i]) !== want) i++;
    return i < l ? i + 1 : -1;
  }
  function region(i) { i = past(i, true); return i < 0 ? -1 : past(i, false); }

  function prelude() {             // mark u, i, y that act as consonants by upper-casing them
    for (var i = 0; i < l; i++) {
      var a = s[i], b = s[i + 1];
      if (isV(a) && (b === 'u' || b === 'i') && isV(s[i + 2])) s[i + 1] = b.toUpperCase();
      else if (isV(a) && b === 'y') s[i + 1] = 'Y';
      else if (a === 'y' && isV(b)) s[i] = 'Y';
      else if (a === 'q' && b === 'u') s[i + 1] = 'U';
    }
  }

  function marks() {
    pV = p1 = p2 = l;
    var head = s.slice(0, 3).join('');
    if (l >= 3 && isV(s[0]) && isV(s[1])) pV = 3;
    else if (head === 'par' || head === 'col' || head === 'tap') pV = 3;
    else if (l >= 1 && past(1, true) >= 0) pV = past(1, true);
    var a = region(0);
    if (a >= 0) { p1 = a; a = region(a); if (a >= 0) p2 = a; }
  }

  var STANDARD = among({
    1: 'iqUe ance able isme iste iqUes ances ables ismes istes eux',
    2: 'atrice ation ateur atrices ations ateurs', 3: 'logie logies',
    4: 'usion ution usions utions', 5: 'ence ences', 6: 'ements ement', 7: 'ités ité',
    8: 'ive if ives ifs', 9: 'eaux', 10: 'aux', 11: 'euse euses',
    12: 'issements issement', 13: 'amment', 14: 'emment', 15: 'ments ment'
  });
  var AFTER_EMENT = among({ 1: 'iv', 2: 'eus', 3: 'iqU abl', 4: 'Ièr ièr' });
  var AFTER_ITE = among({ 1: 'abil', 2: 'ic', 3: 'iv' });
  var I_VERB = among({ 1: 'ira ie isse issante i irai ir iras ies îmes isses issantes îtes ' +
    'is irais issais irions issions irons issons issants it irait issait issant iraIent ' +
    'issaIent irent issent iront ît iriez issiez irez issez' });
  var VERB = among({
    1: 'ions',
    2: 'era ée erai er eras ées erais erions erons és erait eraIent èrent eront ez iez ' +
       'eriez erez é',
    3: 'a asse ante ai as âmes asses antes âtes ais assions ants ait ant aIent assent ât assiez'
  });
  var RESIDUAL = among({ 1: 'ion', 2: 'Ière ière Ier ier', 3: 'e', 4: 'ë' });
  var DOUBLE = among({ 1: 'ell eill enn onn ett' });

  function icOrIqU() {             // try ( ['ic'] (R2 delete) or <- 'iqU' )
    ket = c;
    if (eqB('ic')) { bra = c; if (R2()) del(); else slice('iqU'); }
  }

  function standard() {
    ket = c;
    var a = findB(STANDARD);
    if (!a) return false;
    bra = c;
    switch (a) {
      case 1: if (!R2()) return false; del(); break;
      case 2: if (!R2()) return false; del(); icOrIqU(); break;
      case 3: if (!R2()) return false; slice('log'); break;
      case 4: if (!R2()) return false; slice('u'); break;
      case 5: if (!R2()) return false; slice('ent'); break;
      case 6:
        if (!RV()) return false;
        del();
        ket = c;
        a = findB(AFTER_EMENT);
        if (!a) break;
        bra = c;
        if (a === 1) {
          if (R2()) { del(); ket = c; if (eqB('at')) { bra = c; if (R2()) del(); } }
        } else if (a === 2) {
          if (R2()) del(); else if (R1()) slice('eux');
        } else if (a === 3) {
          if (R2()) del();
        } else if (RV()) slice('i');
        break;
      case 7:
        if (!R2()) return false;
        del();
        ket = c;
        a = findB(AFTER_ITE);
        if (!a) break;
        bra = c;
        if (a === 1) { if (R2()) del(); else slice('abl'); }
        else if (a === 2) { if (R2()) del(); else slice('iqU'); }
        else if (R2()) del();
        break;
      case 8:
        if (!R2()) return false;
        del();
        ket = c;
        if (eqB('at')) { bra = c; if (R2()) { del(); icOrIqU(); } }
        break;
      case 9: slice('eau'); break;
      case 10: if (!R1()) return false; slice('al'); break;
      case 11: if (R2()) del(); else if (R1()) slice('eux'); else return false; break;
      case 12: if (!R1() || !outB(V)) return false; del(); break;
      // The next three change the word but then fail, so that the verb steps still run.
      case 13: if (RV()) slice('ant'); return false;
      case 14: if (RV()) slice('ent'); return false;
      case 15:
        var t = c;
        if (inB(V) && RV()) { c = t; del(); }
        return false;
    }
    return true;
  }

  function iVerb() {               // setlimit tomark pV for ( [among] non-v delete )
    if (c < pV) return false;
    var keep = lb;
    lb = pV;
    ket = c;
    var ok = findB(I_VERB) > 0;
    if (ok) { bra = c; ok = outB(V); if (ok) del(); }
    lb = keep;
    return ok;
  }

  function verb() {
    if (c < pV) return false;
    var keep = lb;
    lb = pV;
    ket = c;
    var a = findB(VERB), ok = a > 0;
    if (ok) {
      bra = c;
      if (a === 1) { ok = R2(); if (ok) del(); }
      else {
        del();
        if (a === 3) { ket = c; if (eqB('e')) { bra = c; del(); } }
      }
    }
    lb = keep;
    return ok;
  }

  function residual() {
    var t = c;
    ket = c;
    if (eqB('s')) { bra = c; if (outB(KEEP_S)) { c = bra; del(); } else c = t; }
    if (c < pV) return;
    var keep = lb;
    lb = pV;
    ket = c;
    var a = findB(RESIDUAL);
    if (a) {
      bra = c;
      if (a === 1) { if (R2() && (eqB('s') || eqB('t'))) del(); }
      else if (a === 2) slice('i');
      else if (a === 3) del();
      else if (eqB('gu')) del();
    }
    lb = keep;
  }

  function unDouble() {            // enn, onn, ett, ell, eill lose their last letter
    if (!findB(DOUBLE)) return;
    c = l;
    ket = c;
    if (c > lb) { c--; bra = c; del(); }
  }

  function unAccent() {            // é or è before the final consonants becomes e
    var n = 0;
    while (outB(V)) n++;
    if (!n) return;
    ket = c;
    if (eqB('é') || eqB('è')) { bra = c; slice('e'); }
  }

  var LOWER = { I: 'i', U: 'u', Y: 'y' };

  stemmers.french = function (word) {
    s = Array.from(word);
    l = s.length;
    prelude();
    marks();
    lb = 0;
    c = l;
    var done = standard();
    if (!done) { c = l; done = iVerb(); }
    if (!done) { c = l; done = verb(); }
    c = l;
    if (done) {
      ket = c;
      if (eqB('Y')) { bra = c; slice('i'); }
      else if (eqB('ç')) { bra = c; slice('c'); }
    } else {
      residual();
    }
    c = l;
    unDouble();
    c = l;
    unAccent();
    return s.map(function (ch) { return LOWER[ch] || ch; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
