/* Maps as an enhancement (docs/maps.md): every `.tyndau-map` container rendered by {% tyndau_map %}.
   Without this script the container stays hidden and the page works with typed fields and lists.
   Leaflet (vendor/leaflet) is loaded only when a map is shown: on the "Show" button, or at once on
   later pages once the reader has opened a map (then it is in the browser's cache). */
(function () {
  "use strict";
  var STORE = "tyndau-maps";
  var loading = null;

  function remembered() {
    try { return window.localStorage.getItem(STORE) === "on"; } catch (e) { return false; }
  }
  function remember() {
    try { window.localStorage.setItem(STORE, "on"); } catch (e) { /* private mode: ask every time */ }
  }

  function loadLeaflet(box) {
    if (window.L) { return Promise.resolve(window.L); }
    if (loading) { return loading; }
    loading = new Promise(function (resolve, reject) {
      var css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = box.dataset.mapLeafletCss;
      document.head.appendChild(css);
      var script = document.createElement("script");
      script.src = box.dataset.mapLeafletJs;
      script.onload = function () { resolve(window.L); };
      script.onerror = function () { loading = null; reject(new Error("leaflet")); };
      document.head.appendChild(script);
    });
    return loading;
  }

  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }

  function number(value) {
    var n = parseFloat(String(value || "").replace(",", ".").trim());
    return isFinite(n) ? n : null;
  }

  function setup(box) {
    var bounds = box.dataset.mapBounds.split(",").map(Number); // lat_min, lon_min, lat_max, lon_max
    var button = box.querySelector(".tyndau-map__show");
    var canvas = box.querySelector(".tyndau-map__canvas");
    var hint = box.querySelector(".tyndau-map__hint");
    var status = box.querySelector(".tyndau-map__status");
    box.hidden = false;

    function inside(lat, lon) {
      return lat !== null && lon !== null && lat >= bounds[0] && lat <= bounds[2] && lon >= bounds[1] && lon <= bounds[3];
    }

    function draw(L) {
      button.hidden = true;
      canvas.hidden = false;
      if (hint) { hint.hidden = false; }
      status.textContent = "";
      var country = L.latLngBounds([bounds[0], bounds[1]], [bounds[2], bounds[3]]);
      var map = L.map(canvas, { maxBounds: country.pad(0.5), minZoom: 3 });
      map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
      var attribution = text(box.dataset.mapAttribution);
      if (box.dataset.mapAttributionUrl) {
        attribution = '<a href="' + text(box.dataset.mapAttributionUrl) + '">' + attribution + "</a>";
      }
      L.tileLayer(box.dataset.mapTiles, { maxZoom: 18, attribution: attribution }).addTo(map);
      var icon = L.icon({
        iconUrl: box.dataset.mapIcon, iconRetinaUrl: box.dataset.mapIcon2x, shadowUrl: box.dataset.mapShadow,
        iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [1, -34], shadowSize: [41, 41]
      });
      var mode = box.dataset.map;
      var lat = number(box.dataset.mapLat);
      var lon = number(box.dataset.mapLon);

      if (mode === "pick") {
        var latField = document.getElementById(box.dataset.mapLatField);
        var lonField = document.getElementById(box.dataset.mapLonField);
        var marker = null;
        var place = function (a, b) {
          box.dataset.mapShown = a.toFixed(6) + "," + b.toFixed(6); // what the marker shows (for tests)
          if (marker) { marker.setLatLng([a, b]); return; }
          marker = L.marker([a, b], { icon: icon, draggable: true, keyboard: false }).addTo(map);
          marker.on("dragend", function () { choose(marker.getLatLng().lat, marker.getLatLng().lng); });
        };
        var choose = function (a, b) {
          if (!inside(a, b)) {
            status.textContent = box.dataset.mapOutside;
            if (marker) { fromFields(); }
            return;
          }
          latField.value = a.toFixed(6);
          lonField.value = b.toFixed(6);
          [latField, lonField].forEach(function (field) {
            field.dispatchEvent(new Event("input", { bubbles: true }));
            field.dispatchEvent(new Event("change", { bubbles: true }));
          });
          place(a, b);
          status.textContent = box.dataset.mapSet;
        };
        var fromFields = function () {
          var a = number(latField.value);
          var b = number(lonField.value);
          if (inside(a, b)) {
            place(a, b);
            map.setView([a, b], Math.max(map.getZoom() || 0, 14));
            return true;
          }
          return false;
        };
        map.on("click", function (event) { choose(event.latlng.lat, event.latlng.lng); });
        latField.addEventListener("change", fromFields);
        lonField.addEventListener("change", fromFields);
        if (!fromFields()) { map.fitBounds(country); }
        return;
      }

      var frame = [];
      if (lat !== null && lon !== null) {
        var radius = number(box.dataset.mapRadiusKm);
        if (radius) {
          L.circle([lat, lon], { radius: radius * 1000, fill: false, weight: 2 }).addTo(map);
          frame.push(L.latLng(lat, lon).toBounds(radius * 2000));
        } else {
          L.marker([lat, lon], { icon: icon, keyboard: false }).addTo(map);
          map.setView([lat, lon], 15);
        }
      }
      if (mode === "points") {
        var source = document.getElementById(box.dataset.mapSource);
        var items = source ? Array.prototype.slice.call(source.querySelectorAll("[data-map-point]")) : [];
        // The circle's area follows data-size where the row gives one (a figure per head of population,
        // the honest comparison between regions: issue 15), else data-count; an empty data-size (no
        // population data) draws a plain marker, and the label carries the raw count either way.
        var size = function (item) {
          return item.dataset.size !== undefined ? number(item.dataset.size) : number(item.dataset.count);
        };
        var top = 0;
        items.forEach(function (item) { top = Math.max(top, size(item) || 0); });
        items.forEach(function (item) {
          var a = number(item.dataset.lat);
          var b = number(item.dataset.lon);
          if (!inside(a, b)) { return; }
          var value = size(item);
          var shape = value !== null
            ? L.circleMarker([a, b], { radius: 6 + 24 * Math.sqrt(top > 0 ? value / top : 0), weight: 2, fillOpacity: 0.4 })
            : L.marker([a, b], { icon: icon, keyboard: false });
          var label = text(item.dataset.label || "");
          if (item.dataset.href) {
            label = '<a href="' + text(item.dataset.href) + '">' + label + "</a>";
          }
          shape.bindPopup(label).addTo(map);
          frame.push(L.latLngBounds([a, b], [a, b]));
        });
      }
      if (frame.length) {
        var all = frame[0];
        frame.forEach(function (b) { all.extend(b); });
        map.fitBounds(all.pad(0.1), { maxZoom: 15 });
      } else if (lat === null) {
        map.fitBounds(country);
      }
    }

    function show() {
      status.textContent = box.dataset.mapLoading;
      loadLeaflet(box).then(function (L) {
        remember();
        draw(L);
      }, function () {
        status.textContent = box.dataset.mapFailed;
      });
    }

    button.addEventListener("click", show);
    if (remembered()) { show(); }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".tyndau-map[data-map]"), function (box) {
      if (!box.dataset.mapReady) {
        box.dataset.mapReady = "1";
        setup(box);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
