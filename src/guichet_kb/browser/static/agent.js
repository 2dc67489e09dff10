/* Agent console: search as you type, keyboard-first, answer card, checklist,
   interaction log (its channel and desk: agent_call.js) and reports. Vanilla JS over
   the site's REST API (agent_client.js: same origin, the staff's Plone session; writes
   carry plone.protect's X-CSRF-TOKEN). */
(function () {
  "use strict";
  const root = document.getElementById("agent-console");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  const t = config.messages;
  const $ = (id) => document.getElementById(id);
  const input = $("agent-q"), list = $("agent-results"), status = $("agent-status");
  const card = $("agent-card"), body = $("agent-card-body"), suggestions = $("agent-suggestions");
  const familyBox = $("agent-family"), familyList = $("agent-family-variants");
  const api = GuichetConsole.client(root, config), el = GuichetConsole.el, digit = GuichetConsole.digit; // agent_client.js
  let items = [], active = -1, current = null, timer = null, seq = 0, family = null, shownQuery = "";
  // The channel and « Mon guichet » every logged call carries (agent_call.js).
  const call = GuichetConsole.callSettings({ t: t, root: root, say: say, input: input });
  // Competent bodies and orientation (agent_orient.js).
  const orient = GuichetConsole.orientation({ t: t, api: api, say: say, input: input, fields: call.fields, current: () => (current && !card.hidden ? current : null) });
  // Appointments: the card's next slots, `r` then a digit books one for the caller (agent_booking.js).
  const booking = GuichetConsole.booking({ t: t, api: api, say: say, input: input, current: () => (current && !card.hidden ? current : null) });

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "alert alert-danger" : "alert alert-success";
  }

  /* Search as you type */
  function search() {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) return clear(false);
    Promise.all([
      api("@answer?b_size=8&q=" + encodeURIComponent(q)),
      api("@answer-suggest?q=" + encodeURIComponent(q)).catch(() => ({ items: [] })),
    ]).then(([answer, suggest]) => {
      if (mine !== seq) return; // a newer keystroke won
      shownQuery = q; // the words behind the results listed: sent with the call logged about one of them
      root.dispatchEvent(new CustomEvent("guichet:searched", { detail: { query: q, results: answer.items.length } })); // agent_searchlog.js
      showResults(answer.items);
      showFamily(answer.family);
      showSuggestions(suggest.items || [], q);
    }).catch((error) => say(t.error + " : " + error.message, true));
  }

  function showResults(found) {
    items = found;
    active = found.length ? 0 : -1;
    list.replaceChildren(...found.map((item, i) =>
      el("li", { class: "list-group-item", role: "option", id: "agent-result-" + i, "data-index": i }, [
        el("strong", { html: item.snippets.title }),
        item.external_id ? el("span", { class: "badge bg-secondary ms-2", text: item.external_id }) : null,
        el("div", { class: "small text-muted", html: item.snippets.summary }),
      ])));
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    status.textContent = found.length ? "" : t.no_results;
    status.className = found.length ? "" : "alert alert-info";
    mark();
  }

  /* A family of variants (@answer "family"): its question, then one digit key per variant. */
  function showFamily(found) {
    family = found || null;
    familyBox.hidden = !family;
    if (!family) return familyList.replaceChildren();
    $("agent-family-title").textContent = family.title;
    $("agent-family-question").textContent = family.question;
    familyList.replaceChildren(...family.variants.map((variant, i) => {
      const key = String(i + 1);
      const button = el("button", { type: "button", class: "btn btn-outline-primary btn-sm", "aria-keyshortcuts": key, "data-uid": variant.UID }, [
        el("kbd", { text: key }), el("strong", { text: variant.label }), el("span", { class: "d-block small", text: variant.title }),
      ]);
      button.addEventListener("click", () => openVariant(i));
      return el("li", {}, [button]);
    }));
  }

  function openVariant(i) {
    const variant = family && family.variants[i];
    if (!variant) return;
    const item = items.find((candidate) => candidate.UID === variant.UID) || { "@id": variant["@id"], "@type": "ServiceSheet", UID: variant.UID, title: variant.title };
    open(item, shownQuery); // a variant picked by its key is a choice among the results too
  }

  function showSuggestions(words, q) {
    const useful = words.map((w) => (typeof w === "string" ? w : w.title || w.term || "")).filter((w) => w && w.toLowerCase() !== q.toLowerCase());
    suggestions.hidden = !useful.length;
    suggestions.replaceChildren(...useful.slice(0, 6).map((word) => {
      const button = el("button", { type: "button", class: "btn btn-light btn-sm", text: word });
      button.addEventListener("click", () => { input.value = word; input.focus(); search(); });
      return button;
    }));
  }

  function mark() {
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === active ? "true" : "false"));
    if (active >= 0) {
      input.setAttribute("aria-activedescendant", "agent-result-" + active);
      list.children[active].scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  }

  /* The call log is always there; answered and redirected need an open card. */
  function logTarget() {
    const open = current && !card.hidden;
    $("agent-log-about").textContent = open ? t.log_about + " " + current.title : t.log_no_service;
    root.querySelectorAll(".agent-outcome").forEach((button) => {
      button.disabled = !open && button.dataset.outcome !== "not_answered";
    });
  }

  function clear(all) {
    root.dispatchEvent(new CustomEvent("guichet:searched", { detail: { query: "", results: 0 } })); // agent_searchlog.js
    items = []; active = -1;
    list.replaceChildren();
    showFamily(null);
    suggestions.hidden = true;
    input.setAttribute("aria-expanded", "false");
    if (all) {
      input.value = "";
      card.hidden = true;
      current = null;
      logTarget();
      status.textContent = "";
      status.className = "";
    }
  }

  /* The answer card; `query`: the words searched when it was opened from the results
     (none for a related answer opened from a card). */
  function open(item, query) {
    if (query) root.dispatchEvent(new CustomEvent("guichet:opened", { detail: { query: query } })); // agent_searchlog.js
    current = item;
    current.query = query || "";
    const requests = [api(item["@id"] + "?expand=guichet")];
    if (item["@type"] === "ServiceSheet") requests.push(api("@checklist?service=" + item.UID));
    Promise.all(requests).then(([full, checklist]) => {
      if (!item.UID) item.UID = full.UID; // a related answer opened from a card
      familyList.querySelectorAll("button").forEach((button) => button.setAttribute("aria-current", button.dataset.uid === item.UID ? "true" : "false"));
      renderCard(item, full, checklist);
      booking.show(item);
      card.hidden = false;
      logTarget();
      card.focus();
    }).catch((error) => say(t.error + " : " + error.message, true));
  }

  function section(title, nodes) {
    return nodes.some(Boolean) ? el("section", {}, [el("h3", { text: title }), ...nodes]) : null;
  }

  // A desk's time in the desk's own zone (given by the API), not the browser's.
  function when(iso, timeZone) {
    return new Date(iso).toLocaleString(document.documentElement.lang || "fr", { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZone });
  }

  /* Where an imported sheet comes from (serializers/provenance.py), or nothing. */
  function provenance(origin) {
    if (!origin) return null;
    const source = origin.url ? el("a", { href: origin.url, target: "_blank", rel: "noopener", text: origin.text }) : el("span", { text: origin.text });
    return el("p", { class: "small text-muted", id: "agent-provenance" }, [
      source,
      origin.local_text ? el("span", { class: "d-block", text: origin.local_text }) : null,
    ]);
  }

  /* Service notices (notices/json.py): the sheet's and its desks', first on the card.
     A suspended service is an alert, a disrupted one a status. */
  function notices(list) {
    const day = (iso) => new Date(iso).toLocaleDateString(document.documentElement.lang || "fr", { day: "numeric", month: "long", year: "numeric" });
    return (list || []).map((notice) => el("div", {
      class: "alert agent-notice " + (notice.kind === "suspended" ? "alert-danger" : "alert-warning"),
      role: notice.kind === "suspended" ? "alert" : "status",
    }, [
      el("strong", { text: t["notice_" + notice.kind] }),
      el("span", { text: (notice.on ? " — " + notice.on.title : "") + " : " + notice.reason + (notice.end ? " (" + t.notice_until + " " + day(notice.end) + ")" : "") }),
    ]));
  }

  function inFamily(item) {
    return Boolean(family && family.variants.some((variant) => variant.UID === item.UID));
  }

  function renderCard(item, full, checklist) {
    const script = item.call_script || {};
    const guichet = (full["@components"] && full["@components"].guichet) || {};
    const bodies = orient.render(guichet.competent || item.competent);
    const cost = item.free_of_charge ? t.free
      : /^\d+(\.\d+)?$/.test(item.cost || "") ? Number(item.cost).toLocaleString("fr-FR", { style: "currency", currency: "EUR" }) : item.cost;
    const facts = [
      cost ? el("li", { text: t.cost + " : " + cost }) : null,
      item.processing_time ? el("li", { text: t.delay + " : " + item.processing_time }) : null,
      item.online_service_url ? el("li", {}, [el("a", { href: item.online_service_url, target: "_blank", rel: "noopener", text: t.online })]) : null,
    ].filter(Boolean);
    // The sheet's desks, else the first desk @answer offers (a competent body's, issue 16).
    const offered = guichet.desks && guichet.desks.length ? guichet.desks : item.desk ? [item.desk] : [];
    const desks = offered.map((desk) =>
      el("li", {}, [
        el("strong", { text: desk.title }), el("span", { text: " — " + (desk.address || "") + (desk.phone ? " — " + desk.phone : "") + " " }),
        el("span", { class: desk.open_now ? "agent-open" : "agent-closed", text: desk.open_now ? t.open_now : t.closed }),
        !desk.open_now && desk.next_opening ? el("span", { text: " · " + t.next_opening + " " + when(desk.next_opening, desk.time_zone) }) : null,
      ]));
    const related = (guichet.related_answers || []).map((answer) => {
      const link = el("a", { href: answer["@id"], text: answer.title });
      link.addEventListener("click", (event) => {
        event.preventDefault();
        open({ "@id": answer["@id"], "@type": "Answer", UID: "", title: answer.title, short_answer: answer.short_answer });
      });
      return el("li", {}, [link, el("div", { class: "small", text: answer.short_answer || "" })]);
    });
    body.replaceChildren(...[
      el("h2", { id: "agent-card-title", class: "card-title" }, [el("a", { href: item["@id"], target: "_blank", text: item.title })]),
      ...notices(guichet.notices || item.notices),
      bodies.lead, // another body handles it: said first
      el("p", { class: "lead", text: item.summary || "" }),
      item.short_answer ? section(t.answer, [el("p", { class: "agent-script", text: item.short_answer })]) : null,
      script.answer ? section(t.say, [el("p", { class: "agent-script", id: "agent-say", text: script.answer })]) : null,
      // "What to ask" leads with the question separating the variants of the family shown.
      section(t.ask, [
        inFamily(item) ? el("p", { class: "agent-script", id: "agent-ask-family", text: family.question }) : null,
        script.questions ? el("p", { class: "agent-script", id: "agent-ask", text: script.questions }) : null,
      ]),
      facts.length ? el("ul", { class: "agent-facts" }, facts) : null,
      bodies.town,
      desks.length ? section(t.desks, [el("ul", { id: "agent-desks" }, desks)]) : null,
      related.length ? section(t.related, [el("ul", {}, related)]) : null,
      provenance(item.provenance || guichet.provenance),
    ].filter(Boolean));
    const lines = checklist ? checklist.lines : [];
    $("agent-checklist-section").hidden = !checklist;
    $("agent-checklist").replaceChildren(...(lines.length ? lines : [t.no_documents]).map((line) => el("li", { text: line })));
    current.checklist = checklist ? checklist.text || t.no_documents : "";
  }

  /* Actions on the open card */
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    const area = el("textarea", { readonly: "", style: "position:absolute;left:-9999px" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  $("agent-copy").addEventListener("click", () => {
    copy(current.title + "\n" + current.checklist).then(() => say(t.copied)).catch((e) => say(t.error + " : " + e.message, true));
  });

  $("agent-mail").addEventListener("submit", (event) => {
    event.preventDefault();
    const field = $("agent-email");
    const body = orient.chosen(); // the body the call was redirected to: its contact joins the list
    api("@checklist", { json: { service: current.UID, email: field.value.trim(), ...(body ? { organisation: body.UID } : {}) } })
      .then(() => { field.value = ""; say(body ? t.sent_with_contact : t.sent); })
      .catch((error) => say(error.message, true));
  });

  root.querySelectorAll(".agent-outcome").forEach((button) => button.addEventListener("click", () => {
    const outcome = button.dataset.outcome;
    const payload = { ...call.fields(), outcome: outcome };
    if (current && !card.hidden && current.UID) {
      payload.service = current.UID;
      if (current.query) payload.query = current.query; // agents' choices teach the ranking (no personal data kept)
    }
    api("@interactions", { json: payload, once: true })
      .then(() => say(t.logged + " " + t.outcomes[outcome]))
      .catch((error) => say(error.message, true));
  }));

  $("agent-report-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const comment = $("agent-report-comment");
    api("@agent-report", { json: { service: current.UID, kind: $("agent-report-kind").value, comment: comment.value } })
      .then(() => { comment.value = ""; $("agent-report").open = false; say(t.reported); })
      .catch((error) => say(error.message, true));
  });

  /* Keyboard */
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) { active = (active + 1) % items.length; mark(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && items.length) { active = (active - 1 + items.length) % items.length; mark(); event.preventDefault(); }
    else if (event.key === "Enter" && active >= 0) { event.preventDefault(); open(items[active], shownQuery); }
  });
  list.addEventListener("click", (event) => {
    const li = event.target.closest("li[data-index]");
    if (li) { active = Number(li.dataset.index); mark(); open(items[active], shownQuery); }
  });
  document.addEventListener("keydown", (event) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName) || document.activeElement.isContentEditable;
    if (booking.keydown(event, typing)) return; // r, then the slot's digit
    if (orient.keydown(event, typing)) return; // o, then the body's digit
    if (call.keydown(event, typing)) return; // c, then the channel's digit
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); input.select(); }
    else if (event.key === "Escape") { clear(true); input.focus(); }
    else if (family && digit(event) && !event.ctrlKey && !event.metaKey && (!typing || (event.altKey && document.activeElement === input))) {
      event.preventDefault(); // a digit opens that variant (Alt + digit while typing the query)
      openVariant(digit(event) - 1);
    }
  });

  logTarget();
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; search(); }
  input.focus();
})();
