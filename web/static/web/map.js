// The maps: Leaflet over our own country outlines (no tiles, no other host). The full map
// reads its points from the page (#map-points), clusters them when dense, and a click on a
// point opens the incident; an incident page's small map shows its places (data-points).
(function () {
  "use strict";
  var element = document.getElementById("incident-map");
  if (!element || !window.L) return;
  // No tile layer says how far one may zoom, so the map does (clustering needs it).
  var map = L.map(element, { minZoom: 2, maxZoom: 12, worldCopyJump: true });
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Country outlines: Natural Earth");
  fetch(element.dataset.basemap)
    .then(function (response) { return response.json(); })
    .then(function (countries) {
      L.geoJSON(countries, {
        interactive: false,
        style: { color: "#6b7b8c", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    });

  function marker(lat, lon, label) {
    // A circle marker: no image requests, and keyboard-focusable through its popup link.
    return L.circleMarker([lat, lon], {
      radius: 7, color: "#1f2d3d", weight: 2, fillColor: "#d55e00", fillOpacity: 0.9,
    }).bindTooltip(label);
  }

  var data = document.getElementById("map-points");
  if (data) {
    var points = JSON.parse(data.textContent);
    var layer = L.markerClusterGroup ? L.markerClusterGroup({ maxClusterRadius: 40 }) : L.layerGroup();
    var bounds = [];
    points.forEach(function (p) {
      var m = marker(p.lat, p.lon, p.title + " — " + p.place);
      m.on("click", function () { window.location.href = "/incidents/" + encodeURIComponent(p.slug) + "/"; });
      // Clustering adds and removes the marker as the zoom changes: label it each time.
      m.on("add", function () {
        var el = m.getElement();
        el.setAttribute("data-slug", p.slug);
        el.setAttribute("data-lat", p.lat);
        el.setAttribute("data-lon", p.lon);
        el.setAttribute("aria-label", p.title + " — " + p.place);
      });
      layer.addLayer(m);
      bounds.push([p.lat, p.lon]);
    });
    layer.addTo(map);
    if (bounds.length) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 });
    else map.setView([40, 46], 5);
  } else {
    var places = (element.dataset.points || "").split("|").filter(Boolean).map(function (item) {
      var parts = item.split(",");
      return { lat: parseFloat(parts[0]), lon: parseFloat(parts[1]), name: parts.slice(2).join(",") };
    });
    places.forEach(function (p) { marker(p.lat, p.lon, p.name).addTo(map); });
    var b = places.map(function (p) { return [p.lat, p.lon]; });
    if (b.length === 1) map.setView(b[0], 7); else map.fitBounds(b, { padding: [20, 20], maxZoom: 8 });
  }
  window.conflictMap = map;
})();
