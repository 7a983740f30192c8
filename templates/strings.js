/* syllabus: the theme's words for its scripts, in the course's language. Loaded before
 * the other scripts; the build writes the course's table of strings (src/i18n) in place
 * of the empty one below. Each script reads them through window.syllabusStrings:
 *   t(name, values)  a string with its {placeholders} filled in; values.count, a number,
 *                    also picks the plural form (Intl.PluralRules, the rules the build
 *                    used: CLDR's);
 *   number(n)        a number in the language's digits, two decimals at most;
 *   date(iso)        a YYYY-MM-DD date (or the date of a timestamp) as the language
 *                    writes dates. */
(function () {
  'use strict';

  var data = { lang: 'en', plural: 'en', dir: 'ltr', texts: {} };
  var rules = null;

  function category(n) {
    if (data.plural === 'none') return 'other';
    if (!rules) {
      try {
        rules = new Intl.PluralRules(data.plural);
      } catch (e) {
        rules = { select: function (x) { return x === 1 ? 'one' : 'other'; } };
      }
    }
    return rules.select(n);
  }

  function raw(name, count) {
    var v = data.texts[name];
    if (v === undefined || v === null) return name;
    if (typeof v === 'string') return v;
    var form = count === undefined ? 'other' : category(count);
    return typeof v[form] === 'string' ? v[form] : v.other;
  }

  function number(n) {
    var digits = Array.from(raw('digits'));
    var decimal = raw('decimal_separator');
    var plain = String(Math.round(n * 100) / 100);
    var out = '';
    for (var i = 0; i < plain.length; i++) {
      var c = plain.charAt(i);
      out += c >= '0' && c <= '9' && digits.length === 10 ? digits[c.charCodeAt(0) - 48] : c === '.' ? decimal : c;
    }
    return out;
  }

  function t(name, values) {
    values = values || {};
    var count = typeof values.count === 'number' ? values.count : undefined;
    return raw(name, count).replace(/\{([A-Za-z0-9_]+)\}|[[\]]/g, function (match, key) {
      if (!key) return '';
      var v = values[key];
      if (v === undefined || v === null) return '';
      return typeof v === 'number' ? number(v) : String(v);
    });
  }

  function date(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(iso));
    if (!m || +m[2] < 1 || +m[2] > 12) return String(iso);
    return t('date', { day: +m[3], month: raw('month_' + +m[2]), year: +m[1] });
  }

  (typeof window !== 'undefined' ? window : globalThis).syllabusStrings = {
    lang: data.lang,
    dir: data.dir,
    t: t,
    number: number,
    date: date,
    category: category,
  };
})();
