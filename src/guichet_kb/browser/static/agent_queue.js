/* The agent console's queue (issue 19): the virtual queue of the agent's desk. A desk
   picker lists the desks with a queue (GET @queues), remembered in the browser
   (localStorage: a desk UID, nothing about callers), the first desk with a queue by
   default; each of its queues shows the people waiting, the estimated wait for a ticket
   taken now and the counters open, refreshed every 30 seconds. The agent takes a ticket
   for a caller (POST @queue-tickets: channel "agent", plone.protect's token), the e-mail
   optional (the notices go there; the address is not kept in the page). Key `f` (outside
   a field) goes to the service to take a ticket for. */
(function () {
  "use strict";
  const root = document.getElementById("agent-console");
  const box = document.getElementById("agent-queue");
  if (!root || !box) return;
  const config = JSON.parse(root.dataset.config);
  const t = config.messages;
  const api = GuichetConsole.client(root, config), el = GuichetConsole.el;
  const $ = (id) => document.getElementById(id);
  const picker = $("agent-queue-desk"), list = $("agent-queue-list"), form = $("agent-queue-take"), choice = $("agent-queue-service");
  const result = $("agent-queue-result");
  const KEY = "guichet-agent-queue-desk", REFRESH_S = 30;
  let queues = [];

  function recall() { try { return localStorage.getItem(KEY); } catch (e) { return null; } }
  function remember(value) { try { localStorage.setItem(KEY, value); } catch (e) { /* private mode */ } }

  function wait(queue) {
    if (!queue.open) return t.queue_closed;
    return queue.wait_minutes === null ? t.queue_no_estimate : t.queue_wait + " " + queue.wait_minutes + " " + t.minutes;
  }

  function render() {
    const mine = queues.filter((queue) => queue.desk.uid === picker.value);
    list.replaceChildren(...mine.map((queue) => el("li", { "data-queue": queue.uid }, [
      el("strong", { text: queue.title }),
      el("span", { class: "agent-queue-figures", text: " — " + queue.waiting + " " + t.queue_waiting + " · " + wait(queue) + " · " + queue.counters_open + " " + t.queue_counters }),
    ])));
    const kept = choice.value;
    choice.replaceChildren(...mine.flatMap((queue) => queue.services.map((service) =>
      el("option", { value: queue.uid + " " + service.uid, text: service.title + (mine.length > 1 ? " (" + queue.title + ")" : "") }))));
    if ([...choice.options].some((option) => option.value === kept)) choice.value = kept;
    form.hidden = !mine.some((queue) => queue.open && queue.services.length);
  }

  function load() {
    return api("@queues").then((data) => {
      queues = data.items;
      const desks = new Map(queues.map((queue) => [queue.desk.uid, queue.desk.title]));
      box.hidden = desks.size === 0;
      const chosen = picker.value || recall();
      picker.replaceChildren(...[...desks].map(([uid, title]) => el("option", { value: uid, text: title })));
      if (desks.has(chosen)) picker.value = chosen;
      render();
    }).catch(() => { box.hidden = true; });
  }

  picker.addEventListener("change", () => { remember(picker.value); render(); });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const [queue, service] = choice.value.split(" ");
    const body = { queue: queue, service: service };
    const email = $("agent-queue-email").value.trim();
    if (email) body.email = email;
    api("@queue-tickets", { json: body }).then((ticket) => {
      form.reset();
      const estimate = ticket.wait_minutes === null || ticket.wait_minutes === undefined ? "" : " — " + t.queue_wait + " " + ticket.wait_minutes + " " + t.minutes;
      result.textContent = t.queue_taken + " " + ticket.number + " (" + ticket.service.title + ")" + estimate + ".";
      result.hidden = false;
      return load();
    }).catch((error) => {
      result.hidden = true;
      const status = $("agent-status");
      status.textContent = error.message;
      status.className = "alert alert-danger";
    });
  });

  document.addEventListener("keydown", (event) => {
    const typing = event.target.closest && event.target.closest("input, select, textarea");
    if (typing || event.ctrlKey || event.metaKey || event.altKey || event.key.toLowerCase() !== "f" || form.hidden) return;
    event.preventDefault();
    choice.focus();
  });

  load();
  setInterval(() => { if (!document.hidden) load(); }, REFRESH_S * 1000);
})();
