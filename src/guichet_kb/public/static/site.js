/* Instant results under the search box, and the print button. No framework;
   the page works the same without it (the form posts to /recherche). */
(function () {
  "use strict";
  var input = document.querySelector("input[data-instant]");
  if (input) {
    var list = document.getElementById("instant"), status = document.getElementById("instant-status");
    var timer = null, last = "";
    var show = function (data) {
      if (data.q !== input.value.trim()) return;
      list.textContent = "";
      data.items.forEach(function (item) {
        var li = document.createElement("li"), a = document.createElement("a");
        a.href = item.url;
        a.textContent = item.title;
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = data.items.length === 0;
      status.textContent = data.items.length ? data.items.length + " " + (data.items.length > 1 ? input.form.dataset.many || "résultats" : input.form.dataset.one || "résultat") : (input.form.dataset.none || "Aucun résultat");
    };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { list.hidden = true; list.textContent = ""; status.textContent = ""; last = ""; return; }
      timer = setTimeout(function () {
        if (q === last) return;
        last = q;
        fetch(input.dataset.instant + "?q=" + encodeURIComponent(q), {headers: {Accept: "application/json"}})
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (data) { if (data) show(data); })
          .catch(function () {});
      }, 180);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { list.hidden = true; status.textContent = ""; }
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
