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
  // Ballot buttons without a page reload: the change is POSTed (JSON answer), then the page is read again and
  // its ballot summary and cards' buttons are swapped in place; the polite live region says what changed.
  var panel = document.querySelector("[data-ballot-panel]");
  var live = panel ? panel.querySelector("[data-ballot-live]") : null;
  function announce(text) {
    if (!live) { return; }
    live.textContent = "";
    setTimeout(function () { live.textContent = text; }, 50);
  }
  function refresh(focusProposal, focusPanel) {
    return fetch(window.location.href, { headers: { Accept: "text/html" }, credentials: "same-origin" })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var body = panel && panel.querySelector("[data-ballot-body]");
        var freshBody = fresh.querySelector("[data-ballot-body]");
        if (body && freshBody) { body.replaceWith(document.adoptNode(freshBody)); }
        document.querySelectorAll("form[data-ballot-form][data-proposal]").forEach(function (old) {
          var next = fresh.querySelector("form[data-ballot-form][data-proposal='" + old.getAttribute("data-proposal") + "']");
          if (next) { old.replaceWith(document.adoptNode(next)); }
        });
        bind();
        var target = null;
        if (focusProposal) {
          target = document.querySelector("form[data-ballot-form][data-proposal='" + focusProposal + "'] button:not([disabled])");
        }
        if (!target && focusPanel && panel) { target = panel.querySelector("h2"); }
        if (target) { target.focus(); }
        var state = panel ? panel.querySelector("[data-ballot-state]") : null;
        return state ? state.textContent.trim() : "";
      });
  }
  function onSubmit(event) {
    var ballotForm = event.currentTarget;
    event.preventDefault();
    var inPanel = panel && panel.contains(ballotForm);
    var button = ballotForm.querySelector("button[type=submit]");
    if (button) { button.setAttribute("aria-busy", "true"); button.disabled = true; }
    // getAttribute: the form's .action property is shadowed by its input named "action".
    fetch(ballotForm.getAttribute("action"), { method: "POST", body: new FormData(ballotForm), headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (!data.ok) {
          if (button) { button.removeAttribute("aria-busy"); button.disabled = false; }
          var status = ballotForm.querySelector("p[role=status]") || document.createElement("p");
          status.setAttribute("role", "status");
          status.className = "ballot-toggle__why";
          status.textContent = data.message;
          ballotForm.appendChild(status);
          announce(data.message);
          return null;
        }
        if (!panel) { window.location.reload(); return null; }
        return refresh(inPanel ? null : ballotForm.getAttribute("data-proposal"), inPanel).then(function (state) {
          announce(data.message + (state ? " " + state : ""));
        });
      })
      .catch(function () { ballotForm.submit(); });  // the plain form still works
  }
  function bind() {
    document.querySelectorAll("form[data-ballot-form]").forEach(function (ballotForm) {
      if (ballotForm.hasAttribute("data-bound")) { return; }
      ballotForm.setAttribute("data-bound", "");
      ballotForm.addEventListener("submit", onSubmit);
    });
  }
  bind();
})();
