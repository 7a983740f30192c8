/* syllabus: the Romanian stemmer for search: Snowball's romanian algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';
  // rust-stemmers 1.2.0 has the Romanian algorithm from before 2023, which knows only the
  // cedilla letters ş (U+015F) and ţ (U+0163). Modern text uses the comma-below letters
  // ș (U+0219) and ț (U+021B); this version treats those as ordinary consonants and leaves
  // suffixes containing them alone (today's Snowball normalises the two forms).

  var V = 'aeiouâîă';              // vowels

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

  function prelude() {             // mark u, i between vowels by upper-casing them
    for (var i = 0; i < l; i++) {
      var b = s[i + 1];
      if (isV(s[i]) && (b === 'u' || b === 'i') && isV(s[i + 2])) s[i + 1] = b.toUpperCase();
    }
  }

  var STEP_0 = among({
    1: 'ului ul', 2: 'aua', 3: 'ea ele elor', 4: 'iua iile iei ii ilor iilor', 5: 'ile',
    6: 'atei', 7: 'aţia aţie'
  });
  var COMBO = among({
    1: 'abilitate abilitati abilităi abilităţi', 2: 'ibilitate',
    3: 'ivitate ivitati ivităi ivităţi',
    4: 'icala iciva icale icitate icive icali icatori icitati icivi icităi icităţi ical ' +
       'icator iciv icală icivă',
    5: 'ativa aţiune atoare ătoare ative atori ători ativi ator ător ativ ativă',
    6: 'itiva iţiune itoare itive itori itivi itor itiv itivă'
  });
  var COMBO_TO = ['', 'abil', 'ibil', 'iv', 'ic', 'at', 'it'];
  var STANDARD = among({
    1: 'ica abila ibila oasa ata ita anta uta iva ic ice abile ibile oase ate itate ite ante ' +
       'ute ive ici abili ibili atori osi ati itati iti anti uti ivi ităi oşi ităţi abil ibil ' +
       'ator os at it ant ut iv ică abilă ibilă oasă ată ită antă ută ivă',
    2: 'iune iuni',
    3: 'ista isme iste isti işti ism ist istă'
  });
  var VERB = among({
    1: 'ea ia esc ăsc ind ând are ere ire âre ase ise use âse eşte ăşte eze ai eai iai eşti ' +
       'ăşti ui ezi aşi aseşi iseşi useşi âseşi işi uşi âşi âi eaţi iaţi arăţi aserăţi ' +
       'iserăţi userăţi âserăţi irăţi urăţi ârăţi am eam iam asem isem usem âsem arăm ' +
       'aserăm iserăm userăm âserăm irăm urăm ârăm au eau iau indu ându ez ească ară aseră ' +
       'iseră useră âseră iră ură âră ează',
    2: 'se sese sei seşi seseşi aţi eţi iţi serăţi seserăţi âţi em sesem im ăm serăm ' +
       'seserăm âm seră seseră'
  });
  var VOWEL = among({ 1: 'a e ie i ă' });

  var removed;                     // did standard_suffix (or a combination) remove something?

  function step0() {               // plurals and articles
    ket = c;
    var a = findB(STEP_0);
    if (!a) return;
    bra = c;
    if (!R1()) return;
    if (a === 5 && eqB('ab')) return;
    slice(['', 'a', 'e', 'i', 'i', 'at', 'aţi'][a - 1]);
  }

  function combo() {               // reduce combined suffixes, e.g. -icitate -> -ic
    ket = c;
    var a = findB(COMBO);
    if (!a) return false;
    bra = c;
    if (!R1()) return false;
    slice(COMBO_TO[a]);
    removed = true;
    c = l;
    return true;
  }

  function standard() {
    removed = false;
    while (combo()) { /* repeat */ }
    c = l;
    ket = c;
    var a = findB(STANDARD);
    if (!a) return;
    bra = c;
    if (!R2()) return;
    if (a === 1) del();
    else if (a === 2) {            // -ţiune -> -t
      if (!eqB('ţ')) return;
      bra = c;
      slice('t');
    } else slice('ist');
    removed = true;
  }

  function verb() {
    if (c < pV) return;
    var keep = lb;
    lb = pV;
    ket = c;
    var a = findB(VERB);
    if (a) {
      bra = c;
      if (a === 2 || outB(V) || eqB('u')) del();
    }
    lb = keep;
  }

  function vowelSuffix() {
    ket = c;
    if (!findB(VOWEL)) return;
    bra = c;
    if (RV()) del();
  }

  var LOWER = { I: 'i', U: 'u' };

  stemmers.romanian = function (word) {
    s = Array.from(word);
    l = s.length;
    prelude();
    marks();
    lb = 0;
    c = l;
    step0();
    c = l;
    standard();
    c = l;
    if (!removed) verb();
    c = l;
    vowelSuffix();
    return s.map(function (ch) { return LOWER[ch] || ch; }).join('');
  };
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
