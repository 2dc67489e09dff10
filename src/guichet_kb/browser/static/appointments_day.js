/* « Rendez-vous du jour » (@@rendez-vous-du-jour): the marks without reloading the page.
   Each button is a POST form that works without JavaScript; here it is sent as
   POST @bookings/<code>/status (JSON, the staff's session and plone.protect's
   X-CSRF-TOKEN) and the row is redrawn from the answer (its status and the marks the
   rules allow now). Keys on a focused appointment: 1 Arrivé, 2 Absent, 3 Terminé;
   up and down arrows move from one appointment to the next. */
(function () {
  "use strict";
  const root = document.getElementById("guichet-day");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const status = document.getElementById("day-status");
  const rows = () => [...root.querySelectorAll(".day-appointment")];

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "alert alert-danger" : "alert alert-success";
  }

  function redraw(row, booking) {
    row.dataset.status = booking.status;
    row.querySelector(".day-status").textContent = booking.status_title;
    row.querySelectorAll("form.day-mark").forEach((form) => {
      form.querySelector("button").disabled = !booking.marks.includes(form.dataset.status);
    });
  }

  function send(form) {
    const row = form.closest(".day-appointment");
    const code = row.dataset.code;
    return fetch(config.portal + "/@bookings/" + encodeURIComponent(code) + "/status", {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-TOKEN": root.dataset.token },
      body: JSON.stringify({ status: form.dataset.status }),
    }).then((response) => response.json().catch(() => ({})).then((data) => {
      if (!response.ok) throw new Error((data.error && data.error.message) || response.status + " " + response.statusText);
      redraw(row, data);
      say(config.marked.replace("${code}", data.code).replace("${status}", data.status_title));
      row.focus();
    })).catch((error) => say(error.message, true));
  }

  root.querySelectorAll("form.day-mark").forEach((form) => form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form);
  }));

  root.addEventListener("keydown", (event) => {
    const row = event.target.closest && event.target.closest(".day-appointment");
    if (!row || event.ctrlKey || event.metaKey || event.altKey) return;
    const all = rows(), at = all.indexOf(row);
    const found = /^(?:Digit|Numpad)([1-3])$/.exec(event.code || "") || /^([1-3])$/.exec(event.key);
    if (found) {
      const button = row.querySelectorAll("form.day-mark button")[Number(found[1]) - 1];
      event.preventDefault();
      if (button && !button.disabled) button.form.requestSubmit();
    } else if (event.key === "ArrowDown" && at < all.length - 1) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp" && at > 0) {
      event.preventDefault();
      all[at - 1].focus();
    }
  });

  const print = document.getElementById("day-print");
  print.hidden = false;
  print.addEventListener("click", () => window.print());
})();
