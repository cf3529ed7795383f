// Maps of proposals, drawn with Leaflet (django-leaflet's copy) and the site's map helpers (website/maps.js:
// tiles with their offline fallback, districts, markers) when they loaded. Without this file the page keeps
// its table of places and its latitude/longitude fields: nothing depends on the map.
(function () {
  "use strict";
  var shared = window.ParticipeMap;
  if (!window.L || !shared) { return; }

  // The proposals list's map view: one marker per proposal, from the step's GeoJSON endpoint, over the
  // districts (the collection's "districts" member).
  document.querySelectorAll("[data-proposal-map]").forEach(function (element) {
    element.hidden = false;
    var map = L.map(element).setView([46.6, 2.4], 5);
    shared.tiles(element, map);
    fetch(element.getAttribute("data-map-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        shared.fit(map, [shared.districts(map, data.districts), shared.markers(map, data)]);
      });
  });

  // The proposal form: a click on the map fills the latitude and longitude fields (still editable by hand).
  document.querySelectorAll("[data-point-picker]").forEach(function (element) {
    var form = element.closest("form");
    var lat = form && form.querySelector("input[name=latitude]");
    var lng = form && form.querySelector("input[name=longitude]");
    if (!lat || !lng) { return; }
    var block = element.closest("[data-map-block]");
    if (block) { block.hidden = false; }
    var hasPoint = lat.value && lng.value;
    var map = L.map(element).setView(hasPoint ? [parseFloat(lat.value), parseFloat(lng.value)] : [46.6, 2.4], hasPoint ? 16 : 5);
    shared.tiles(element, map);
    var marker = hasPoint ? L.marker([parseFloat(lat.value), parseFloat(lng.value)]).addTo(map) : null;
    var status = form.querySelector("[data-point-status]");
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(map); }
      if (status) { status.textContent = status.getAttribute("data-template").replace("%s", lat.value + ", " + lng.value); }
    });
  });
})();
