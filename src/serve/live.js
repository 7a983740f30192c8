/* syllabus serve: the reload script added to every served page (never to a built site).
 * It listens to the server's events: "reload" reloads the page, "css" swaps the
 * stylesheet without a reload. */
(function () {
  'use strict';
  if (!window.EventSource) return;
  var source = new EventSource('/__syllabus/events');
  source.addEventListener('reload', function () {
    window.location.reload();
  });
  source.addEventListener('css', function () {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set('t', String(Date.now()));
      links[i].href = url.toString();
    }
  });
})();
