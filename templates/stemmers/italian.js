/* syllabus: the Italian stemmer for search: Snowball's italian algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';
  // rust-stemmers 1.2.0 has the Italian algorithm from before 2022: later Snowball versions
  // guard against overstemming words like 'divano' and strip elisions (l', dell'); this
  // one does neither. The verb suffix 'Yamo' can only match a 'Y' in the input; it is kept.

  var V = 'aeiouàèìòù';            // vowels
  var AEIO = 'aeioàèìò';
  var CG = 'cg';

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

  var GRAVE = { 'á': 'à', 'é': 'è', 'í': 'ì', 'ó': 'ò', 'ú': 'ù', 'qu': 'qU' };

  function prelude(word) {         // acute accents become grave; u, i between vowels marked
    s = Array.from(word.replace(/qu|[áéíóú]/g, function (m) { return GRAVE[m]; }));
    l = s.length;
    for (var i = 0; i < l; i++) {
      var b = s[i + 1];
      if (isV(s[i]) && (b === 'u' || b === 'i') && isV(s[i + 2])) s[i + 1] = b.toUpperCase();
    }
  }

  var PRONOUN = among({ 1: 'la cela gliela mela tela vela le cele gliele mele tele vele ne ' +
    'cene gliene mene sene tene vene ci li celi glieli meli teli veli gli mi si ti vi lo ' +
    'celo glielo melo telo velo' });
  var BEFORE_PRONOUN = among({ 1: 'ando endo', 2: 'ar er ir' });
  var STANDARD = among({
    1: 'ica osa ista anza ice atrice iche abile ibile ose ante mente iste anze ici atrici ' +
       'ichi abili ibili ismi osi anti isti ico ismo oso istà istè istì',
    2: 'azione atore azioni atori', 3: 'logia logie', 4: 'usione uzione usioni uzioni',
    5: 'enza enze', 6: 'amenti imenti amento imento', 7: 'amente', 8: 'ità',
    9: 'iva ive ivi ivo'
  });
  var AFTER_AMENTE = among({ 1: 'iv', 2: 'ic abil os' });
  var AFTER_ITA = among({ 1: 'ic abil iv' });
  var VERB = among({ 1: 'isca enda ata ita uta ava eva iva erebbe irebbe isce ende are ere ' +
    'ire asse ate avate evate ivate ete erete irete ite ereste ireste ute erai irai isci ' +
    'endi erei irei assi ati iti eresti iresti uti avi evi ivi isco ando endo Yamo iamo ' +
    'avamo evamo ivamo eremo iremo assimo ammo emmo eremmo iremmo immo ano iscano avano ' +
    'evano ivano eranno iranno ono iscono arono erono irono erebbero irebbero assero ' +
    'essero issero ato ito uto avo evo ivo ar ir erà irà erò irò' });

  function pronoun() {             // an enclitic pronoun after a gerund or an infinitive
    ket = c;
    if (!findB(PRONOUN)) return;
    bra = c;
    var a = findB(BEFORE_PRONOUN);
    if (!a || !RV()) return;
    if (a === 1) del(); else slice('e');
  }

  function standard() {
    ket = c;
    var a = findB(STANDARD);
    if (!a) return false;
    bra = c;
    if (a === 6 ? !RV() : a === 7 ? !R1() : !R2()) return false;
    switch (a) {
      case 3: slice('log'); break;
      case 4: slice('u'); break;
      case 5: slice('ente'); break;
      default:
        del();
        if (a === 2) dropR2('ic');
        else if (a === 7) {
          ket = c;
          var b = findB(AFTER_AMENTE);
          if (b) { bra = c; if (R2()) { del(); if (b === 1) dropR2('at'); } }
        } else if (a === 8) dropR2(AFTER_ITA);
        else if (a === 9) { if (dropR2('at')) dropR2('ic'); }
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

  function vowelSuffix() {
    ket = c;
    if (inB(AEIO)) {
      bra = c;
      if (RV()) { del(); ket = c; if (eqB('i')) { bra = c; if (RV()) del(); } }
    }
    c = l;
    ket = c;
    if (eqB('h')) { bra = c; if (inB(CG) && RV()) del(); }
  }

  var LOWER = { I: 'i', U: 'u' };

  stemmers.italian = function (word) {
    prelude(word);
    marks();
    lb = 0;
    c = l;
    pronoun();
    c = l;
    if (!standard()) { c = l; verb(); }
    c = l;
    vowelSuffix();
    return s.map(function (ch) { return LOWER[ch] || ch; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
