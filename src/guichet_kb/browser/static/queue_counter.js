/* « Appeler le suivant » (@@guichet-appel): one counter's screen without reloading.
   Every action is a POST form that works without JavaScript; here it is sent as
   POST @queue-counter (JSON, the staff's session and plone.protect's X-CSRF-TOKEN) and
   the screen is redrawn from the answer; GET @queue-counter is polled every few seconds
   (config.poll_s, not while the tab is hidden). Keys outside a field: o open or close,
   n next, r recall, a absent, t done; x and p go to the transfer's and the priority's
   choice (then Enter). Nothing about the people called is kept in the browser. */
(function () {
  "use strict";
  const root = document.getElementById("guichet-appel");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const t = config.messages;
  const $ = (id) => document.getElementById(id);
  const status = $("appel-status");
  if (!config.place) return;
  const KEYS = { o: "open-close", n: "next", r: "recall", a: "no_show", t: "done" };
  let busy = false;

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "alert alert-danger" : "alert alert-success";
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (value !== null && value !== undefined) node.setAttribute(key, value);
    });
    (children || []).forEach((child) => child && node.appendChild(typeof child === "string" ? document.createTextNode(child) : child));
    return node;
  }

  function options(select, pairs) {
    const kept = select.value;
    select.replaceChildren(...pairs.map(([value, text]) => el("option", { value: value, text: text })));
    if (pairs.some(([value]) => value === kept)) select.value = kept;
  }

  function redraw(data) {
    const open = data.counter.open;
    const state = $("appel-state");
    state.dataset.open = open ? "true" : "false";
    state.textContent = open ? t.opened : t.closed;
    const toggle = root.querySelector("form.appel-action[data-action=open], form.appel-action[data-action=close]");
    toggle.dataset.action = open ? "close" : "open";
    toggle.querySelector("input[name=action]").value = toggle.dataset.action;
    toggle.querySelector("button").lastChild.textContent = " " + (open ? t.close : t.open);
    const current = data.current;
    $("appel-number").textContent = current ? current.number : "—";
    $("appel-current-detail").textContent = current ? current.service.title + (current.name ? " — " + current.name : "") : t.nobody;
    $("appel-waiting-count").textContent = String(data.waiting.length);
    $("appel-waiting").replaceChildren(...data.waiting.map((ticket) => el("li", { "data-number": ticket.number, "data-priority": ticket.priority }, [
      el("strong", { text: ticket.number }), " " + ticket.service.title + " ",
      ticket.priority ? el("span", { class: "badge bg-warning text-dark", text: config.priorities[ticket.priority] || ticket.priority }) : null,
    ])));
    $("appel-waiting-none").hidden = data.waiting.length > 0;
    $("appel-arrived").replaceChildren(...data.appointments.map((item) => el("li", { "data-code": item.code }, [
      el("strong", { text: item.time }), " " + item.name + " — " + item.service.title,
    ])));
    $("appel-arrived-none").hidden = data.appointments.length > 0;
    options($("appel-priority-ticket"), data.waiting.map((ticket) => [ticket.number, ticket.number]));
    const at = current && current.service ? current.service.uid : null;
    const targets = [];
    data.queues.forEach((queue) => queue.services.forEach((service) => {
      if (service.uid !== at) targets.push([queue.uid + " " + service.uid, service.title + " (" + queue.title + ")"]);
    }));
    options($("appel-target"), targets);
  }

  function placeQuery() {
    return "desk=" + encodeURIComponent(config.place.desk) + "&counter=" + encodeURIComponent(config.place.counter);
  }

  function call(method, body) {
    const headers = { Accept: "application/json" };
    if (body) {
      headers["Content-Type"] = "application/json";
      headers["X-CSRF-TOKEN"] = root.dataset.token;
    }
    const url = config.portal + "/@queue-counter" + (body ? "" : "?" + placeQuery());
    return fetch(url, { method: method, credentials: "same-origin", headers: headers, body: body ? JSON.stringify(body) : undefined })
      .then((response) => response.json().catch(() => ({})).then((data) => {
        if (!response.ok) throw new Error((data.error && data.error.message) || response.status + " " + response.statusText);
        return data;
      }));
  }

  function send(form) {
    const body = { desk: config.place.desk, counter: config.place.counter, action: form.dataset.action };
    const target = form.querySelector("select[name=target]");
    if (target) {
      const [queue, service] = target.value.split(" ");
      Object.assign(body, { queue: queue, service: service });
    }
    const ticket = form.querySelector("select[name=ticket]");
    if (ticket) Object.assign(body, { ticket: ticket.value, reason: form.querySelector("select[name=reason]").value });
    busy = true;
    return call("POST", body).then((answer) => {
      redraw(answer.screen);
      const what = answer.called ? answer.called.number : answer.counter.label;
      say(t.done.replace("${action}", what));
    }).catch((error) => say(error.message, true)).finally(() => { busy = false; });
  }

  function refresh() {
    if (busy || document.hidden) return;
    call("GET").then(redraw).catch((error) => say(t.refresh_failed + " " + error.message, true));
  }

  root.querySelectorAll("form.appel-action").forEach((form) => form.addEventListener("submit", (event) => {
    event.preventDefault();
    send(form);
  }));

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, select, textarea, [contenteditable]");
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === "x" || key === "p") {
      event.preventDefault();
      $(key === "x" ? "appel-target" : "appel-priority-ticket").focus();
      say(key === "x" ? t.transfer_choose : t.priority_choose);
      return;
    }
    const action = KEYS[key];
    if (!action) return;
    event.preventDefault();
    const form = action === "open-close"
      ? root.querySelector("form.appel-action[data-action=open], form.appel-action[data-action=close]")
      : root.querySelector("form.appel-action[data-action=" + action + "]");
    if (form) send(form);
  });

  setInterval(refresh, config.poll_s * 1000);
})();
