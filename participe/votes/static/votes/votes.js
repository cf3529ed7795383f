/* Progressive enhancement of the vote widgets: submit with fetch, swap in the fresh widget.
   Without this file every widget is a plain form that posts and comes back. */
(function () {
  "use strict";
  if (window.participeVotes) { return; }
  window.participeVotes = true;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-vote-widget]") || !window.fetch) { return; }
    event.preventDefault();
    var submitter = event.submitter;
    var data = new FormData(form);
    if (submitter && submitter.name) { data.append(submitter.name, submitter.value); }
    var value = submitter ? submitter.getAttribute("data-value") : null;
    var fieldset = form.querySelector("fieldset");
    if (fieldset) { fieldset.disabled = true; }
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRFToken": data.get("csrfmiddlewaretoken")}
    }).then(function (response) {
      if (response.redirected || response.status === 401) { form.submit(); return null; }
      return response.json().then(function (payload) { return {ok: response.ok, payload: payload}; });
    }).then(function (result) {
      if (!result) { return; }
      if (!result.ok) {
        if (result.payload.requirements_url) { window.location.href = result.payload.requirements_url; return; }
        if (fieldset) { fieldset.disabled = false; }
        form.querySelector(".vote-widget__status").textContent = result.payload.error || "";
        return;
      }
      var holder = document.createElement("div");
      holder.innerHTML = result.payload.html;
      var fresh = holder.querySelector("[data-vote-widget]");
      form.replaceWith(fresh);
      fresh.querySelector(".vote-widget__status").textContent = result.payload.message;
      var again = value !== null && fresh.querySelector('[data-value="' + value + '"]');
      if (again) { again.focus(); }
    }).catch(function () {
      form.submit();
    });
  });
})();
