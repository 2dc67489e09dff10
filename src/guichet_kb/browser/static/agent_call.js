/* The agent console's call settings (issue 17), used by agent.js and agent_orient.js:
   the channel of the call and « Mon guichet », the desk where the agent works.

   The channels are the page's radio buttons (rendered from guichet_kb.facts
   CALL_CHANNELS: no list here). Choosing one by keyboard takes two keys, like an
   orientation: `c` (Alt+C in the search field), then the channel's digit in the
   page's order (1 téléphone … 8 visio). The desk is a select of the published desks,
   chosen once; both are remembered in the browser (localStorage: a channel token and
   a desk UID, nothing about callers) and sent with every call logged. */
GuichetConsole.callSettings = function (ctx) {
  "use strict";
  const t = ctx.t, digit = GuichetConsole.digit, root = ctx.root;
  const deskSelect = document.getElementById("agent-desk");
  const CHANNEL_KEY = "guichet-agent-channel", DESK_KEY = "guichet-agent-desk";
  let armed = false;

  const radios = () => [...root.querySelectorAll("input[name=agent-channel]")];
  const channel = () => root.querySelector("input[name=agent-channel]:checked").value;
  const desk = () => (deskSelect && deskSelect.value) || null;

  function remember(key, value) {
    try {
      if (value) localStorage.setItem(key, value);
      else localStorage.removeItem(key);
    } catch (e) { /* private mode */ }
  }

  function recall(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }

  /* The fields every logged call carries: the channel, and the desk when one is chosen. */
  function fields() {
    return desk() ? { channel: channel(), desk: desk() } : { channel: channel() };
  }

  function pick(number) {
    const radio = radios()[number - 1];
    if (!radio) return false;
    radio.checked = true;
    remember(CHANNEL_KEY, radio.value);
    ctx.say(t.channel_chosen + " " + radio.parentElement.dataset.title + ".");
    return true;
  }

  /* Handles the key when it chooses a channel (the caller then stops). */
  function keydown(event, typing) {
    if (armed) {
      if (["Shift", "Alt", "Control", "Meta", "AltGraph"].includes(event.key)) return true; // a modifier alone: still waiting
      event.preventDefault();
      armed = false;
      if (!pick(digit(event))) ctx.say(t.channel_cancelled);
      return true;
    }
    const key = event.code === "KeyC" || /^[cC]$/.test(event.key);
    const here = (!typing && !event.altKey) || (event.altKey && document.activeElement === ctx.input);
    if (!key || !here || event.ctrlKey || event.metaKey) return false;
    event.preventDefault();
    armed = true;
    ctx.say(t.channel_prompt + " " + radios().map((radio, i) => (i + 1) + " " + radio.parentElement.dataset.title).join(", ") + " — " + t.orient_keys);
    return true;
  }

  radios().forEach((radio) => radio.addEventListener("change", () => remember(CHANNEL_KEY, radio.value)));
  const savedChannel = recall(CHANNEL_KEY);
  const radio = savedChannel && radios().find((candidate) => candidate.value === savedChannel);
  if (radio) radio.checked = true;
  if (deskSelect) {
    const savedDesk = recall(DESK_KEY);
    // A desk no longer published is no longer offered: the agent is back to « aucun ».
    if (savedDesk && [...deskSelect.options].some((option) => option.value === savedDesk)) deskSelect.value = savedDesk;
    else remember(DESK_KEY, null);
    deskSelect.addEventListener("change", () => {
      remember(DESK_KEY, deskSelect.value);
      ctx.say(deskSelect.value ? t.desk_chosen + " " + deskSelect.selectedOptions[0].text + "." : t.desk_none);
    });
  }

  return { channel: channel, desk: desk, fields: fields, keydown: keydown };
};
