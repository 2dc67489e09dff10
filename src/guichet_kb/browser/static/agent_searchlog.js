/* The agent console's search log beacon (issue 17), fed by agent.js's events on
   #agent-console: "guichet:searched" {query, results} each time results are listed
   (query "" when the search is cleared) and "guichet:opened" {query} when a result
   listed for that query is opened.

   One POST @search-log per settled query: `opened` true at the first result opened,
   false when the agent moves to an unrelated query, clears the search or leaves the
   page without opening one. A query typed on from the previous one (one starts with
   the other, as search-as-you-type goes) replaces it: "pass" on the way to
   "passeport" is not a search of its own. The server keeps counts only, after
   screening out personal data (search/logs). Beacons are fire-and-forget
   (keepalive, errors ignored): the console never waits for them. */
(function () {
  "use strict";
  const root = document.getElementById("agent-console");
  if (!root) return;
  const config = JSON.parse(root.dataset.config);
  let pending = null; // {query, results}: listed, not settled yet

  const folded = (query) => query.toLowerCase().replace(/\s+/g, " ").trim();
  const related = (a, b) => folded(a).startsWith(folded(b)) || folded(b).startsWith(folded(a));

  function send(entry, opened) {
    fetch(config.portal + "/@search-log", {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-TOKEN": root.dataset.token },
      credentials: "same-origin",
      keepalive: true,
      body: JSON.stringify({ query: entry.query, source: "agent", results: entry.results, opened: opened }),
    }).catch(() => {});
  }

  function settle(opened) {
    if (pending) send(pending, opened);
    pending = null;
  }

  root.addEventListener("guichet:searched", (event) => {
    const { query, results } = event.detail;
    if (query && pending && related(pending.query, query)) pending = { query: query, results: results };
    else {
      settle(false);
      pending = query ? { query: query, results: results } : null;
    }
  });
  root.addEventListener("guichet:opened", (event) => {
    if (pending && pending.query === event.detail.query) settle(true);
  });
  window.addEventListener("pagehide", () => settle(false));
})();
