/* The queue's live pages (issue 19): a ticket's page and the hall display follow their
   server-sent events and swap in the values the server rendered; a status change
   reloads the ticket's page. Without JavaScript the pages refresh (<noscript> meta). */
(function () {
  "use strict";
  var follow = function (url, name, onData) {
    if (!window.EventSource) { setTimeout(function () { location.reload(); }, 30000); return; }
    var source = new EventSource(url), failed = 0;
    source.addEventListener(name, function (e) { failed = 0; onData(JSON.parse(e.data)); });
    source.onerror = function () {
      failed += 1;
      // The stream is gone for good (a link that stopped working, a proxy without SSE):
      // back to what the page does without JavaScript.
      if (source.readyState === EventSource.CLOSED || failed > 5) { source.close(); setTimeout(function () { location.reload(); }, 30000); }
    };
    return source;
  };
  var ticket = document.getElementById("ticket");
  if (ticket && ticket.dataset.events) {
    var live = document.getElementById("suivi");
    follow(ticket.dataset.events, "ticket", function (data) {
      if (data.status !== ticket.dataset.status) { location.reload(); return; }
      if (live.innerHTML.trim() !== data.html.trim()) live.innerHTML = data.html;
    });
  }
  var screen = document.getElementById("ecran");
  if (screen && screen.dataset.events) {
    var board = document.getElementById("tableau"), announce = document.getElementById("annonce");
    var audio = null, button = document.getElementById("activer-son");
    if (screen.dataset.sound && (window.AudioContext || window.webkitAudioContext)) {
      audio = new (window.AudioContext || window.webkitAudioContext)();
      if (button && audio.state === "suspended") {
        button.hidden = false;
        button.addEventListener("click", function () { audio.resume(); button.hidden = true; });
      }
    }
    var chime = function () {
      if (!audio || audio.state !== "running") return;
      [660, 880].forEach(function (hz, i) {
        var tone = audio.createOscillator(), gain = audio.createGain(), at = audio.currentTime + i * 0.35;
        tone.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.3, at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.32);
        tone.connect(gain).connect(audio.destination);
        tone.start(at);
        tone.stop(at + 0.33);
      });
    };
    follow(screen.dataset.events, "board", function (data) {
      board.innerHTML = data.html;
      if (data.announce) { announce.textContent = data.announce; if (data.calls) chime(); }
    });
  }
})();
