// Maps of proposals, drawn with Leaflet (django-leaflet's copy) when it loaded. Without this file the
// page keeps its table of places and its latitude/longitude fields: nothing depends on the map.
(function () {
  "use strict";
  if (!window.L) { return; }

  function tiles(element) {
    return L.tileLayer(element.getAttribute("data-tiles-url"), {
      attribution: element.getAttribute("data-attribution") || "",
      maxZoom: 19
    });
  }

  function link(feature) {
    var a = document.createElement("a");
    a.href = feature.properties.url;
    a.textContent = feature.properties.title;
    return a;
  }

  // The proposals list's map view: one marker per proposal, from the step's GeoJSON endpoint.
  document.querySelectorAll("[data-proposal-map]").forEach(function (element) {
    element.hidden = false;
    var map = L.map(element).setView([46.6, 2.4], 5);
    tiles(element).addTo(map);
    fetch(element.getAttribute("data-map-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            var colour = feature.properties.colour || "#1d4e89";
            return L.circleMarker(latlng, { radius: 8, color: colour, fillColor: colour, fillOpacity: 0.8 });
          },
          onEachFeature: function (feature, marker) { marker.bindPopup(link(feature)); }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 16, padding: [20, 20] }); }
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
    tiles(element).addTo(map);
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
