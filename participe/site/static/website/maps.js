// Shared by the site's and the modules' Leaflet maps: the tile layer with its offline fallback, and the
// districts drawn from GeoJSON. When tiles fail (no network, a tile server down or refused), the map keeps
// its districts and markers on a plain background and says so; nothing else depends on the tiles.
(function () {
  "use strict";
  if (!window.L) { return; }

  function offline(element, map, layer) {
    if (element.classList.contains("map--offline")) { return; }
    element.classList.add("map--offline");
    map.removeLayer(layer);
    var note = document.createElement("p");
    note.className = "map__offline-note";
    note.textContent = element.getAttribute("data-offline-text") || "";
    element.parentNode.insertBefore(note, element.nextSibling);
  }

  function tiles(element, map) {
    var url = element.getAttribute("data-tiles-url");
    if (!url) { element.classList.add("map--offline"); return null; }
    var layer = L.tileLayer(url, { attribution: element.getAttribute("data-attribution") || "", maxZoom: 19 });
    var failures = 0;
    layer.on("tileerror", function () { failures += 1; if (failures >= 3) { offline(element, map, layer); } });
    layer.addTo(map);
    return layer;
  }

  function districts(map, geojson) {
    if (!geojson || !geojson.features || !geojson.features.length) { return null; }
    return L.geoJSON(geojson, {
      style: function () { return { className: "map__district", weight: 2, fillOpacity: 0.15 }; },
      onEachFeature: function (feature, layer) { layer.bindTooltip(feature.properties.name); }
    }).addTo(map);
  }

  function link(properties) {
    var wrapper = document.createElement("p");
    var a = document.createElement("a");
    a.href = properties.url;
    a.textContent = properties.title;
    wrapper.appendChild(a);
    if (properties.when) {
      wrapper.appendChild(document.createElement("br"));
      wrapper.appendChild(document.createTextNode(properties.when));
    }
    return wrapper;
  }

  function markers(map, geojson) {
    return L.geoJSON(geojson, {
      pointToLayer: function (feature, latlng) {
        var colour = feature.properties.colour || "#1d4e89";
        return L.circleMarker(latlng, { radius: 8, color: colour, fillColor: colour, fillOpacity: 0.8 });
      },
      onEachFeature: function (feature, marker) { marker.bindPopup(link(feature.properties)); }
    }).addTo(map);
  }

  function fit(map, layers) {
    var bounds = null;
    layers.forEach(function (layer) {
      if (layer && layer.getLayers().length) {
        bounds = bounds ? bounds.extend(layer.getBounds()) : layer.getBounds();
      }
    });
    if (bounds) { map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] }); }
  }

  window.ParticipeMap = { tiles: tiles, districts: districts, markers: markers, fit: fit };

  // A page's own map: its places and districts are in a JSON block next to it (data-features).
  document.querySelectorAll("[data-site-map]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-features"));
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    element.hidden = false;
    var map = L.map(element).setView([46.6, 2.4], 5);
    tiles(element, map);
    fit(map, [districts(map, data.districts), markers(map, data.places)]);
  });
})();
