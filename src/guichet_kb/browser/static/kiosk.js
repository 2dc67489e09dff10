/* The kiosk page (browser/kiosk.py): once a ticket is shown, back to the buttons after
   the seconds the page says (data-reset-seconds), so the next citizen never sees it. */
(function () {
  "use strict";
  var ticket = document.getElementById("kiosk-ticket");
  if (!ticket) {
    return;
  }
  var seconds = parseInt(ticket.getAttribute("data-reset-seconds"), 10) || 20;
  var url = ticket.getAttribute("data-reset-url");
  window.setTimeout(function () {
    window.location.replace(url);
  }, seconds * 1000);
})();
