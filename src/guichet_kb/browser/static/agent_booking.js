/* The agent console's appointments (issue 18), used by agent.js: the card of a sheet
   served by agendas shows the next free slots at its desks (GET @slots), and the agent
   books for the caller in a few keys: `r` (Alt+R in the search field) numbers the
   slots, the slot's digit chooses one, then the caller's name, e-mail (and phone) and
   Enter book it (POST @bookings with plone.protect's token). A slot taken meanwhile
   (409) shows the next free ones; success shows the booking code and says the
   confirmation, with the documents to bring, is sent. The call is then logged as usual.
   Nothing about the caller stays in the page once booked. */
GuichetConsole.booking = function (ctx) {
  "use strict";
  const t = ctx.t, el = GuichetConsole.el, digit = GuichetConsole.digit;
  const $ = (id) => document.getElementById(id);
  const box = $("agent-booking"), list = $("agent-slots"), form = $("agent-book"), result = $("agent-book-result");
  const MAX = 9; // one digit key per slot
  let slots = [], armed = false, chosen = null, seq = 0;

  // "lundi 7 décembre 09:00": the wall-clock time the API gives (the desk's zone), whatever the browser's.
  function moment(iso) {
    const day = new Date(iso.slice(0, 10) + "T12:00:00Z").toLocaleDateString(document.documentElement.lang || "fr", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
    return day + " " + iso.slice(11, 16);
  }

  function label(slot) {
    return moment(slot.start) + " — " + slot.label + " (" + slot.duration + " " + t.minutes + ") — " + slot.desk;
  }

  function flatten(agendas) {
    const found = [];
    agendas.forEach((agenda) => {
      const types = Object.fromEntries(agenda.types.map((kind) => [kind.code, kind]));
      agenda.next.forEach((slot) => {
        const kind = types[slot.type] || { label: slot.type, duration: "?" };
        found.push({ agenda: agenda.uid, desk: agenda.desk.title, type: slot.type, start: slot.start, label: kind.label, duration: kind.duration });
      });
    });
    return found.slice(0, MAX);
  }

  function render() {
    list.replaceChildren(...slots.map((slot, i) => {
      const button = el("button", { type: "button", class: "btn btn-link btn-sm p-0 text-start", "aria-keyshortcuts": "r " + (i + 1) }, [
        el("kbd", { text: String(i + 1) }), el("span", { text: " " + label(slot) }),
      ]);
      button.addEventListener("click", () => choose(i));
      return el("li", { "data-start": slot.start, "data-agenda": slot.agenda }, [button]);
    }));
    if (!slots.length) list.replaceChildren(el("li", { text: t.slots_none }));
  }

  function reset() {
    armed = false;
    chosen = null;
    form.hidden = true;
    box.classList.remove("agent-booking-armed");
  }

  /* The card of `item` is open: its next slots, or no section when no agenda serves it;
     `booked`: after a booking, the same card's slots again, the result kept in view. */
  function show(item, booked) {
    const mine = ++seq;
    reset();
    if (!booked) {
      result.hidden = true;
      box.hidden = true;
      slots = [];
    }
    if (!item || item["@type"] !== "ServiceSheet" || !item.UID) return;
    ctx.api("@slots?days=1&service=" + encodeURIComponent(item.UID)).then((data) => {
      if (mine !== seq || !data.agendas.length) return;
      slots = flatten(data.agendas);
      render();
      box.hidden = false;
    }).catch(() => { /* no agenda, or @slots unavailable: the card stays as it was */ });
  }

  function arm() {
    if (box.hidden) return false;
    armed = true;
    form.hidden = true;
    box.classList.add("agent-booking-armed");
    ctx.say(t.book_prompt);
    return true;
  }

  function choose(index) {
    const slot = slots[index];
    armed = false;
    box.classList.remove("agent-booking-armed");
    if (!slot) return ctx.say(t.book_cancelled);
    chosen = slot;
    $("agent-book-slot").textContent = t.book_for + " " + label(slot);
    form.hidden = false;
    result.hidden = true;
    $("agent-book-name").focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!chosen) return;
    const body = { agenda: chosen.agenda, type: chosen.type, start: chosen.start, name: $("agent-book-name").value.trim(), email: $("agent-book-email").value.trim() };
    const phone = $("agent-book-phone").value.trim();
    if (phone) body.phone = phone;
    ctx.api("@bookings", { json: body }).then((booking) => {
      form.reset();
      reset();
      const desk = booking.desk ? " — " + booking.desk.title + (booking.desk.address ? ", " + booking.desk.address : "") : "";
      result.textContent = t.booked + " " + booking.code + " — " + moment(booking.start) + desk + ". " + t.booked_mail;
      result.hidden = false;
      ctx.say(t.booked + " " + booking.code);
      show(ctx.current(), true); // that slot is gone: the list again for the card still open
    }).catch((error) => {
      if (error.status === 409 && error.data && error.data.slots) {
        const kinds = Object.fromEntries(slots.map((slot) => [slot.type, slot]));
        slots = error.data.slots.slice(0, MAX).map((slot) => ({ ...chosen, type: slot.type, start: slot.start, label: (kinds[slot.type] || chosen).label }));
        render();
        arm();
        ctx.say(error.message + " " + t.book_taken, true);
      } else ctx.say(error.message, true);
    });
  });

  /* Handles the key when it is the booking's (the caller then stops). */
  function keydown(event, typing) {
    if (armed) {
      if (["Shift", "Alt", "Control", "Meta", "AltGraph"].includes(event.key)) return true;
      event.preventDefault();
      if (event.key === "Escape") { reset(); ctx.say(t.book_cancelled); return true; }
      choose(digit(event) - 1);
      return true;
    }
    if (!form.hidden && event.key === "Escape" && form.contains(document.activeElement)) {
      event.preventDefault();
      reset();
      ctx.say(t.book_cancelled);
      ctx.input.focus();
      return true;
    }
    const key = event.code === "KeyR" || /^[rR]$/.test(event.key);
    const here = (!typing && !event.altKey) || (event.altKey && document.activeElement === ctx.input);
    if (!key || !here || event.ctrlKey || event.metaKey || box.hidden) return false;
    event.preventDefault();
    return arm();
  }

  return { show: show, keydown: keydown };
};
