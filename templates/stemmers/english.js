/* syllabus: the English stemmer for search: Snowball's english (Porter2) algorithm as the
 * rust-stemmers crate (1.2.0) compiles it, written again here so that a query stems in the
 * browser exactly as the page's words did when the index was built. */
(function (stemmers) {
  'use strict';

  var EXCEPTIONS = {
    skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl',
    ugly: 'ugli', early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe',
    atlas: 'atlas', cosmos: 'cosmos', bias: 'bias', andes: 'andes',
  };
  var INVARIANT_AFTER_1A = ['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed'];
  var STEP_2 = [
    ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
    ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
    ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'],
    ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'], ['alli', 'al'], ['bli', 'ble'],
    ['ogi', 'og'], ['li', ''],
  ];
  var STEP_3 = [
    ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''],
    ['ical', 'ic'], ['ness', ''], ['ful', ''],
  ];
  var STEP_4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous',
    'ive', 'ize', 'ion', 'al', 'er', 'ic'];

  function isV(c) { return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u' || c === 'y'; }
  function isVWXY(c) { return isV(c) || c === 'w' || c === 'x' || c === 'Y'; }

  function ends(w, suffix) {
    if (suffix.length > w.length) return false;
    for (var i = 0; i < suffix.length; i++) if (w[w.length - suffix.length + i] !== suffix[i]) return false;
    return true;
  }
  /** The longest of `list` (strings, or [string, ...] pairs) that `w` ends with. */
  function longest(w, list) {
    var best = null;
    for (var i = 0; i < list.length; i++) {
      var s = typeof list[i] === 'string' ? list[i] : list[i][0];
      if (ends(w, s) && (best === null || s.length > (typeof best === 'string' ? best : best[0]).length)) best = list[i];
    }
    return best;
  }
  function replaceEnd(w, n, by) { w.length -= n; for (var i = 0; i < by.length; i++) w.push(by[i]); }
  /** Whether w[..end] ends in a short syllable. */
  function shortV(w, end) {
    if (end >= 3 && !isVWXY(w[end - 1]) && isV(w[end - 2]) && !isV(w[end - 3])) return true;
    return end === 2 && !isV(w[1]) && isV(w[0]);
  }
  function gopast(w, from, vowel) {
    for (var i = from; i < w.length; i++) if (isV(w[i]) === vowel) return i + 1;
    return -1;
  }

  function stemEnglish(word) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, word)) return EXCEPTIONS[word];
    var w = Array.from(word);
    if (w.length < 3) return word;
    if (w[0] === "'") w.shift();
    var yFound = false;
    for (var i = 0; i < w.length; i++) {
      if (w[i] === 'y' && (i === 0 || isV(w[i - 1]))) { w[i] = 'Y'; yFound = true; }
    }
    // Regions R1 and R2.
    var p1 = w.length, p2 = w.length, c;
    var s = w.join('');
    var pre = ['gener', 'commun', 'arsen'].filter(function (p) { return s.indexOf(p) === 0; })[0];
    c = pre ? pre.length : gopast(w, 0, true);
    if (!pre && c >= 0) c = gopast(w, c, false);
    if (c >= 0) {
      p1 = c;
      c = gopast(w, c, true);
      if (c >= 0) c = gopast(w, c, false);
      if (c >= 0) p2 = c;
    }
    step1a(w);
    if (INVARIANT_AFTER_1A.indexOf(w.join('')) < 0) {
      step1b(w, p1);
      step1c(w);
      step2(w, p1);
      step3(w, p1, p2);
      step4(w, p2);
      step5(w, p1, p2);
    }
    var out = w.join('');
    return yFound ? out.replace(/Y/g, 'y') : out;
  }

  function step1a(w) {
    var apostrophe = longest(w, ["'", "'s", "'s'"]);
    if (apostrophe) w.length -= apostrophe.length;
    var sfx = longest(w, ['sses', 'ied', 'ies', 's', 'us', 'ss']);
    var at = sfx ? w.length - sfx.length : 0;
    if (sfx === 'sses') replaceEnd(w, 4, 'ss');
    else if (sfx === 'ied' || sfx === 'ies') replaceEnd(w, 3, at >= 2 ? 'i' : 'ie');
    else if (sfx === 's' && at >= 1) {
      for (var i = at - 2; i >= 0; i--) if (isV(w[i])) { w.length -= 1; break; }
    }
  }

  function step1b(w, p1) {
    var sfx = longest(w, ['eed', 'eedly', 'ed', 'edly', 'ing', 'ingly']);
    if (!sfx) return;
    var at = w.length - sfx.length;
    if (sfx === 'eed' || sfx === 'eedly') {
      if (p1 <= at) replaceEnd(w, sfx.length, 'ee');
      return;
    }
    var vowel = false;
    for (var i = 0; i < at; i++) if (isV(w[i])) { vowel = true; break; }
    if (!vowel) return;
    w.length = at;
    var end = longest(w, ['at', 'bl', 'iz', 'bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
    if (end === 'at' || end === 'bl' || end === 'iz') w.push('e');
    else if (end) w.length -= 1;
    else if (p1 === w.length && shortV(w, w.length)) w.push('e');
  }

  function step1c(w) {
    var n = w.length;
    if (n >= 3 && (w[n - 1] === 'y' || w[n - 1] === 'Y') && !isV(w[n - 2])) w[n - 1] = 'i';
  }

  function step2(w, p1) {
    var rule = longest(w, STEP_2);
    if (!rule) return;
    var at = w.length - rule[0].length;
    if (p1 > at) return;
    if (rule[0] === 'ogi') { if (w[at - 1] === 'l') replaceEnd(w, 3, 'og'); }
    else if (rule[0] === 'li') { if ('cdeghkmnrt'.indexOf(w[at - 1]) >= 0 && at >= 1) w.length -= 2; }
    else replaceEnd(w, rule[0].length, rule[1]);
  }

  function step3(w, p1, p2) {
    var rule = longest(w, STEP_3);
    if (!rule) return;
    var at = w.length - rule[0].length;
    if (p1 > at) return;
    if (rule[0] === 'ative') { if (p2 <= at) w.length = at; }
    else replaceEnd(w, rule[0].length, rule[1]);
  }

  function step4(w, p2) {
    var sfx = longest(w, STEP_4);
    if (!sfx) return;
    var at = w.length - sfx.length;
    if (p2 > at) return;
    if (sfx === 'ion') { if (w[at - 1] === 's' || w[at - 1] === 't') w.length = at; }
    else w.length = at;
  }

  function step5(w, p1, p2) {
    var n = w.length, at = n - 1;
    if (w[at] === 'e') {
      if (p2 <= at || (p1 <= at && !shortV(w, at))) w.length = at;
    } else if (w[at] === 'l') {
      if (p2 <= at && w[at - 1] === 'l') w.length = at;
    }
  }

  stemmers.english = stemEnglish;
})(globalThis.syllabusStemmers = globalThis.syllabusStemmers || {});
