/* The agent console's competent bodies and orientation (issue 16), used by agent.js.

   The card leads with the bodies other than the town ("Traité par : …" and their
   contact, the agents' direct line included); the town comes in the usual place,
   before the desks. Orienting a call takes two keys: `o` (Alt+O in the search
   field), then the body's digit in the card's order. It logs the call as
   "redirected" to that organisation (POST @interactions, no personal data), shows
   its contact to read out and joins it to the checklist e-mailed to the caller. */
GuichetConsole.orientation = function (ctx) {
  "use strict";
  const t = ctx.t, el = GuichetConsole.el, digit = GuichetConsole.digit;
  const panel = document.getElementById("agent-orientation");
  let bodies = [], armed = false, chosen = null;

  const CONTACT = [["phone", "phone"], ["staff_phone", "staff_phone"], ["email", "email"], ["website", "website"], ["online_contact_url", "online_contact"]];

  function heading(body) {
    return t.handled_by + " " + body.title + " (" + body.kind_title + ")" + (body.case ? " — " + body.case : "");
  }

  function contact(body) {
    return el("ul", { class: "agent-body-contact" }, CONTACT.filter(([name]) => body[name]).map(([name, label]) => {
      const value = /^https?:/.test(body[name]) ? el("a", { href: body[name], target: "_blank", rel: "noopener", text: body[name] }) : el("span", { text: body[name] });
      return el("li", { "data-contact": name }, [el("span", { text: t[label] + " : " }), value]);
    }));
  }

  function block(body) {
    const number = bodies.indexOf(body) + 1;
    const button = el("button", { type: "button", class: "btn btn-outline-primary btn-sm agent-orient", "aria-keyshortcuts": "o " + number, "data-uid": body.UID }, [
      el("kbd", { text: "o " + number }), el("span", { text: " " + t.orient_button }),
    ]);
    button.addEventListener("click", () => choose(number - 1));
    return el("div", { class: "agent-body", "data-uid": body.UID }, [el("p", { class: "agent-body-title", text: heading(body) }), contact(body), button]);
  }

  /* The card's parts: `lead` (bodies other than the town, first on the card) and
     `town` (the town, before the desks); either may be null. */
  function render(list) {
    bodies = list || [];
    reset();
    const others = bodies.filter((body) => !body.is_town), town = bodies.filter((body) => body.is_town);
    const hint = bodies.length ? el("p", { class: "form-text", text: t.orient_hint }) : null;
    return {
      lead: others.length ? el("section", { id: "agent-competent", class: "agent-competent alert alert-info", "aria-label": t.handled_by }, [...others.map(block), hint]) : null,
      town: town.length ? el("section", { id: "agent-competent-town", class: "agent-competent" }, [...town.map(block), others.length ? null : hint]) : null,
    };
  }

  function reset() {
    armed = false;
    chosen = null;
    panel.hidden = true;
    panel.replaceChildren();
  }

  function choose(index) {
    const body = bodies[index];
    const item = ctx.current();
    if (!body || !item) return;
    const payload = { ...ctx.fields(), outcome: "redirected", service: item.UID, organisation: body.UID }; // channel and desk (agent_call.js)
    if (item.query) payload.query = item.query;
    ctx.api("@interactions", { json: payload, once: true }).then(() => {
      chosen = body;
      ctx.say(t.oriented + " " + body.title + ".");
      const mail = el("button", { type: "button", class: "btn btn-primary btn-sm", id: "agent-orient-mail", text: t.orient_mail });
      mail.addEventListener("click", () => document.getElementById("agent-email").focus());
      panel.replaceChildren(el("h3", { text: t.orient_read + " " + body.title }), contact(body), mail);
      panel.hidden = false;
      panel.scrollIntoView({ block: "nearest" });
    }).catch((error) => ctx.say(error.message, true));
  }

  /* Handles the key when it belongs to an orientation (the caller then stops). */
  function keydown(event, typing) {
    if (armed) {
      if (["Shift", "Alt", "Control", "Meta", "AltGraph"].includes(event.key)) return true; // a modifier alone: still waiting
      event.preventDefault();
      armed = false;
      const number = digit(event);
      if (number && number <= bodies.length) choose(number - 1);
      else ctx.say(t.orient_cancelled);
      return true;
    }
    const key = event.code === "KeyO" || /^[oO]$/.test(event.key);
    const here = (!typing && !event.altKey) || (event.altKey && document.activeElement === ctx.input);
    if (!key || !here || event.ctrlKey || event.metaKey || !bodies.length || !ctx.current()) return false;
    event.preventDefault();
    armed = true;
    ctx.say(t.orient_prompt + " " + bodies.map((body, i) => (i + 1) + " " + body.title).join(", ") + " — " + t.orient_keys);
    return true;
  }

  return { render: render, reset: reset, keydown: keydown, chosen: () => chosen };
};
