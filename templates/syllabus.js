/* syllabus: progressive enhancement for the built-in theme.
 * Plain JavaScript, no framework, no request to any other host.
 * Every page works without it; this file only adds to what is there. */
(function () {
  'use strict';

  var root = document.documentElement;

  /** The theme's words in the course's language (strings.js, loaded first). */
  function t(name, values) {
    return window.syllabusStrings ? window.syllabusStrings.t(name, values) : name;
  }

  // CSS can tell whether the script runs: <html class="no-js"> becomes "js".
  root.classList.remove('no-js');
  root.classList.add('js');

  /* Concept previews -------------------------------------------------------
   * Hovering, focusing or tapping a link to a concept (a[data-concept]) shows its
   * term and definition, taken from the page's "Concepts on this page" list. The
   * preview is a role=tooltip element the link points to with aria-describedby, so
   * screen readers announce the definition. Escape closes it. On a touch screen the
   * first tap shows the preview and a second tap follows the link. */
  function initPreviews() {
    var sources = {};
    var items = document.querySelectorAll('[data-definition-of]');
    for (var i = 0; i < items.length; i++) {
      sources[items[i].getAttribute('data-definition-of')] = items[i];
    }
    if (!items.length) return;

    var tip = document.createElement('div');
    tip.id = 'concept-tip';
    tip.className = 'concept-tip';
    tip.setAttribute('role', 'tooltip');
    tip.hidden = true;
    document.body.appendChild(tip);

    var current = null;
    var hideTimer = null;
    var lastPointer = 'mouse';
    // Whether the link a touch landed on was already previewed (then the tap opens it).
    var tapOnShown = false;

    function linkOf(node) {
      while (node && node !== document) {
        if (node.nodeType === 1 && node.matches('a[data-concept]')) return node;
        node = node.parentNode;
      }
      return null;
    }

    function fill(source) {
      tip.textContent = '';
      var term = document.createElement('strong');
      term.textContent = source.querySelector('dt').textContent.trim();
      var text = document.createElement('span');
      text.textContent = source.querySelector('dd').textContent.trim();
      tip.appendChild(term);
      tip.appendChild(text);
      if (lastPointer === 'touch') {
        var more = document.createElement('span');
        more.className = 'tip-more';
        more.textContent = t('tap_again');
        tip.appendChild(more);
      }
    }

    function place(link) {
      var r = link.getBoundingClientRect();
      var width = tip.offsetWidth;
      var left = Math.min(Math.max(8, r.left), document.documentElement.clientWidth - width - 8);
      var below = r.bottom + 8;
      var top = below + tip.offsetHeight > window.innerHeight && r.top - tip.offsetHeight - 8 > 0
        ? r.top - tip.offsetHeight - 8
        : below;
      tip.style.left = Math.max(8, left) + window.scrollX + 'px';
      tip.style.top = top + window.scrollY + 'px';
    }

    function show(link) {
      var source = sources[link.getAttribute('data-concept')];
      if (!source) return;
      clearTimeout(hideTimer);
      if (current && current !== link) current.removeAttribute('aria-describedby');
      current = link;
      fill(source);
      tip.hidden = false;
      place(link);
      link.setAttribute('aria-describedby', 'concept-tip');
    }

    function hide() {
      clearTimeout(hideTimer);
      tip.hidden = true;
      if (current) current.removeAttribute('aria-describedby');
      current = null;
    }

    function hideSoon() {
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hide, 150);
    }

    document.addEventListener('pointerdown', function (e) {
      lastPointer = e.pointerType || 'mouse';
      var link = linkOf(e.target);
      tapOnShown = !!link && link === current && !tip.hidden;
      if (!link && !tip.contains(e.target)) hide();
    });
    document.addEventListener('mouseover', function (e) {
      var link = linkOf(e.target);
      if (link && lastPointer !== 'touch') show(link);
      else if (tip.contains(e.target)) clearTimeout(hideTimer);
    });
    document.addEventListener('mouseout', function (e) {
      if (linkOf(e.target) || tip.contains(e.target)) hideSoon();
    });
    document.addEventListener('focusin', function (e) {
      var link = linkOf(e.target);
      if (link) show(link);
      else hide();
    });
    document.addEventListener('focusout', function (e) {
      if (linkOf(e.target)) hideSoon();
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && current) hide();
    });
    document.addEventListener('click', function (e) {
      var link = linkOf(e.target);
      if (!link || lastPointer !== 'touch' || !sources[link.getAttribute('data-concept')]) return;
      if (!tapOnShown) {
        e.preventDefault();
        show(link);
      }
    });
    window.addEventListener('resize', function () {
      if (current) place(current);
    });
  }

  /* Copy buttons (citations) and paragraph links ----------------------------
   * A button with data-copy="ID" copies the text of element ID; a paragraph's ¶
   * link also copies its own address. Both say so in the nearest status region. */
  function initCopy() {
    function announce(from, message) {
      var section = from.closest('section, article') || document.body;
      var status = section.querySelector('.copy-status, [role="status"]');
      if (status) status.textContent = message;
    }
    function copy(text, from, message) {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(text).then(function () {
        announce(from, message);
      }, function () {});
    }
    var buttons = document.querySelectorAll('button[data-copy]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function (e) {
        var source = document.getElementById(e.currentTarget.getAttribute('data-copy'));
        if (source) copy(source.textContent.trim(), e.currentTarget, t('citation_copied'));
      });
    }
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a.para-link');
      if (link) copy(link.href, link, t('paragraph_link_copied'));
    });
  }

  /* Copying code ----------------------------------------------------------
   * Each code block's [data-action="copy"] button, hidden until this script runs,
   * copies the block's text as written (a console session: its commands only, without
   * their "$ " prompts) and says "Copied" on the button and through a live region. */
  function writeClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Pages served over plain http from another machine have no clipboard API.
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('copy refused'));
    });
  }

  function codeText(block) {
    var code = block.querySelector('pre code');
    if (!code) return '';
    if (block.getAttribute('data-lang') === 'console') {
      var commands = code.querySelectorAll('.cmd');
      var lines = [];
      for (var i = 0; i < commands.length; i++) lines.push(commands[i].textContent);
      return lines.join('\n');
    }
    return code.textContent.replace(/\n$/, '');
  }

  function initCodeCopy() {
    var buttons = document.querySelectorAll('.code > [data-action="copy"]');
    if (!buttons.length) return;
    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('data-copy-status', '');
    document.body.appendChild(status);
    function done(button, copied) {
      var message = copied ? t('copied') : t('copy_failed');
      status.textContent = '';
      // A fresh text each time, so that a second copy is announced too.
      window.setTimeout(function () { status.textContent = message; }, 50);
      button.setAttribute('data-copied', '');
      button.textContent = copied ? t('copied') : t('copy');
      window.clearTimeout(button._reset);
      button._reset = window.setTimeout(function () {
        button.removeAttribute('data-copied');
        button.textContent = t('copy');
      }, 2000);
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener('click', function (e) {
        var button = e.currentTarget;
        writeClipboard(codeText(button.parentNode)).then(function () {
          done(button, true);
        }, function () {
          done(button, false);
        });
      });
    }
  }

  /* The outline ---------------------------------------------------------------
   * "On this page" (nav[data-outline]): open beside the text on wide screens, folded
   * above it on a phone (and folded again once a section is chosen there); the link to
   * the section being read is marked with aria-current as the reader scrolls. */
  function initOutline() {
    var nav = document.querySelector('nav[data-outline]');
    if (!nav) return;
    var details = nav.querySelector('details');
    var wide = window.matchMedia('(min-width: 60.01rem)');
    function fit() { details.open = wide.matches; }
    fit();
    if (wide.addEventListener) wide.addEventListener('change', fit);
    var links = Array.prototype.slice.call(nav.querySelectorAll('a[href^="#"]'));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
    nav.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a') && !wide.matches) details.open = false;
    });
    var current = null, pending = false;
    function mark() {
      pending = false;
      var line = Math.min(window.innerHeight * 0.25, 160), at = -1;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && targets[i].getBoundingClientRect().top <= line) at = i;
      }
      var link = at >= 0 ? links[at] : null;
      if (link === current) return;
      if (current) current.removeAttribute('aria-current');
      if (link) link.setAttribute('aria-current', 'location');
      current = link;
    }
    window.addEventListener('scroll', function () {
      if (!pending) { pending = true; window.requestAnimationFrame(mark); }
    }, { passive: true });
    mark();
  }

  /* Cards due ---------------------------------------------------------------
   * The navigation's link to the review page, and the home page, show how many review
   * cards are due by the end of the learner's day ([data-review-due] holds the number),
   * read from the progress progress.js keeps (only the cards' due dates: this runs on
   * every page). The review page asks for a new count after each grade. */
  var storeKey = 'syllabus-progress:' + basePath(document.currentScript);

  function basePath(script) {
    var path = script && script.src ? new URL(script.src, location.href).pathname : '/';
    var at = path.lastIndexOf('/assets/');
    return at >= 0 ? path.slice(0, at + 1) : '/';
  }

  function dueCount() {
    var cards;
    try {
      cards = JSON.parse(window.localStorage.getItem(storeKey) || '{}').review;
    } catch (e) {
      return 0;
    }
    if (!cards || typeof cards !== 'object') return 0;
    var end = new Date();
    end.setHours(23, 59, 59, 999);
    var n = 0;
    for (var id in cards) {
      if (Object.prototype.hasOwnProperty.call(cards, id) && cards[id] && Date.parse(cards[id].due) <= end.getTime()) n++;
    }
    return n;
  }

  /** Shows the number of cards due: `known` when the caller has counted them. */
  function showDue(known) {
    var badges = document.querySelectorAll('[data-review-due]');
    var lines = document.querySelectorAll('[data-review-due-line]');
    if (!badges.length && !lines.length) return;
    var count = typeof known === 'number' ? known : dueCount();
    var number = window.syllabusStrings ? window.syllabusStrings.number(count) : String(count);
    var due = t('review_due_today', { count: count });
    for (var i = 0; i < badges.length; i++) {
      var badge = badges[i];
      if (badge.closest('[data-review-due-line]')) continue;
      badge.textContent = number;
      badge.hidden = count === 0;
      var link = badge.closest('a');
      if (link && count) link.setAttribute('aria-label', t('label_title', { label: t('review'), title: due }));
      else if (link) link.removeAttribute('aria-label');
    }
    for (var j = 0; j < lines.length; j++) {
      var line = lines[j];
      var a = line.querySelector('a');
      var text = line.querySelector('[data-review-due-text]');
      if (!text) continue;
      text.textContent = '';
      var pieces = due.split(number);
      text.appendChild(document.createTextNode(pieces[0]));
      if (pieces.length > 1) {
        var strong = document.createElement('strong');
        strong.setAttribute('data-review-due', '');
        strong.textContent = number;
        text.appendChild(strong);
        text.appendChild(document.createTextNode(pieces.slice(1).join(number)));
      }
      line.hidden = !a;
    }
  }

  window.syllabusDue = { refresh: showDue };

  function init() {
    showDue();
    window.addEventListener('storage', function (e) {
      if (e.key === storeKey) showDue();
    });
    initOutline();
    initPreviews();
    initCopy();
    initCodeCopy();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
