// Enhancements only: every action works without this file.
(function () {
  "use strict";
  // Similar proposals while typing a title.
  var form = document.querySelector("form[data-similar-url]");
  if (form) {
    var title = form.querySelector("input[name=title]");
    var box = form.querySelector("[data-similar-results]");
    var timer = null;
    if (title && box) {
      title.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          var url = form.getAttribute("data-similar-url");
          url += (url.indexOf("?") < 0 ? "?" : "&") + "title=" + encodeURIComponent(title.value);
          fetch(url, { headers: { Accept: "application/json" } }).then(function (r) { return r.json(); }).then(function (data) {
            box.textContent = "";
            if (!data.results.length) { return; }
            var p = document.createElement("p");
            p.textContent = box.getAttribute("data-label") || "Propositions similaires :";
            var ul = document.createElement("ul");
            data.results.forEach(function (item) {
              var li = document.createElement("li"), a = document.createElement("a");
              a.href = item.url; a.textContent = item.title; li.appendChild(a); ul.appendChild(li);
            });
            box.appendChild(p); box.appendChild(ul);
          });
        }, 300);
      });
    }
  }
  // Ballot buttons without a page reload.
  document.querySelectorAll("form[data-ballot-form]").forEach(function (ballotForm) {
    ballotForm.addEventListener("submit", function (event) {
      event.preventDefault();
      // getAttribute: the form's .action property is shadowed by its input named "action".
      fetch(ballotForm.getAttribute("action"), { method: "POST", body: new FormData(ballotForm), headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          var status = document.createElement("p");
          status.setAttribute("role", "status");
          status.textContent = data.message;
          ballotForm.appendChild(status);
          if (data.ok) { window.location.reload(); }
        });
    });
  });
})();
