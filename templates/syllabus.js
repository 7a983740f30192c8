/* syllabus: progressive enhancement for the built-in theme.
 * Plain JavaScript, no framework, no request to any other host.
 * Every page works without it; this file only adds to what is there. */
(function () {
  'use strict';

  var root = document.documentElement;

  // CSS can tell whether the script runs: <html class="no-js"> becomes "js".
  root.classList.remove('no-js');
  root.classList.add('js');
})();
