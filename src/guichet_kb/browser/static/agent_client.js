/* The agent console's REST client, DOM helper and digit keys (agent.js uses them): same-origin
   fetch with the staff's Plone session; writes carry plone.protect's X-CSRF-TOKEN and,
   when asked, an idempotency key. */
window.GuichetConsole = (function () {
  "use strict";

  /* A fresh idempotency key (a version 4 UUID; crypto.randomUUID needs HTTPS, getRandomValues does not). */
  function newKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  /* options.json: POST it; options.once: with an idempotency key, sent once more with the
     same key when no answer came back (network error, timeout, 502/503/504), since the
     server may have stored the first attempt: it then answers with that record. */
  function client(root, config) {
    return function api(path, options) {
      options = options || {};
      const headers = { Accept: "application/json" };
      if (options.json !== undefined) {
        headers["Content-Type"] = "application/json";
        headers["X-CSRF-TOKEN"] = root.dataset.token;
      }
      if (options.once) headers[config.retry.header] = newKey();
      const url = path.startsWith("http") ? path : config.portal + "/" + path;
      const send = () => fetch(url, {
        method: options.json !== undefined ? "POST" : "GET",
        headers: headers,
        credentials: "same-origin",
        body: options.json !== undefined ? JSON.stringify(options.json) : undefined,
        signal: options.once ? AbortSignal.timeout(config.retry.timeout_s * 1000) : undefined,
      });
      const again = () => new Promise((resolve) => setTimeout(resolve, config.retry.pause_s * 1000)).then(send);
      const sent = options.once
        ? send().then((response) => (config.retry.statuses.includes(response.status) ? again() : response), again)
        : send();
      return sent.then((response) =>
        response.json().catch(() => ({})).then((data) => {
          if (!response.ok) {
            const error = new Error((data.error && data.error.message) || response.status + " " + response.statusText);
            error.status = response.status; // and the error's body (a 409's free "slots", agent_booking.js)
            error.data = data;
            throw error;
          }
          return data;
        })
      );
    };
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => {
      if (key === "text") node.textContent = value;
      else if (key === "html") node.innerHTML = value; // only server-escaped snippets
      else node.setAttribute(key, value);
    });
    (children || []).forEach((child) => child && node.appendChild(child));
    return node;
  }

  // The digit key pressed (1-9), whatever Alt makes of event.key on this keyboard; 0 for another key.
  function digit(event) {
    const found = /^(?:Digit|Numpad)([1-9])$/.exec(event.code || "") || /^([1-9])$/.exec(event.key);
    return found ? Number(found[1]) : 0;
  }

  return { client: client, el: el, digit: digit };
})();
