/* mapper flow map: draws the JSON document built by mapper.maps.folium_map.build_payload
 * with core Leaflet only (no plugin). Every text from the data is inserted with
 * textContent, never as HTML. MIT licence, part of mapper. */
(function () {
  'use strict';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svgEl(tag, attrs) {
    var e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function fmtConf(c) { return (c === null || c === undefined) ? 'unknown' : (Math.round(c * 100) / 100).toFixed(2); }

  // TopoJSON (quantised, Polygon/MultiPolygon only) → GeoJSON features
  function topoFeatures(topo, name) {
    var tr = topo.transform;
    var arcs = topo.arcs.map(function (arc) {
      var x = 0, y = 0;
      return arc.map(function (p) {
        x += p[0]; y += p[1];
        return [x * tr.scale[0] + tr.translate[0], y * tr.scale[1] + tr.translate[1]];
      });
    });
    function ring(refs) {
      var out = [];
      refs.forEach(function (r, i) {
        var a = r >= 0 ? arcs[r] : arcs[~r].slice().reverse();
        Array.prototype.push.apply(out, i ? a.slice(1) : a);
      });
      return out;
    }
    return topo.objects[name].geometries.map(function (g) {
      var polys = g.type === 'Polygon' ? [g.arcs] : (g.arcs || []);
      return { type: 'Feature', properties: g.properties || {},
        geometry: { type: 'MultiPolygon', coordinates: polys.map(function (p) { return p.map(ring); }) } };
    });
  }

  function decodePath(d, prec) {
    var lat = 0, lon = 0, out = [];
    for (var i = 0; i < d.length; i += 2) {
      lat += d[i]; lon += d[i + 1];
      out.push(L.latLng(lat * prec, lon * prec));
    }
    return out;
  }

  // An arc whose end stops short of the tip by `trim` pixels, so the head covers it cleanly.
  function trimEnd(ring, rest) {
    while (ring.length >= 2 && rest > 0) {
      var a = ring[ring.length - 2], b = ring[ring.length - 1];
      var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy);
      if (len > rest) { ring[ring.length - 1] = L.point(b.x - dx * rest / len, b.y - dy * rest / len); return; }
      rest -= len;
      if (ring.length === 2) { ring[1] = a; return; }
      ring.pop();
    }
  }
  // An arc that starts at the edge of its origin symbol (`start` px) and stops short of
  // the tip by `trim` px, so the head covers its end cleanly.
  var Arrow = L.Polyline.extend({
    _projectLatlngs: function (latlngs, result, projectedBounds) {
      L.Polyline.prototype._projectLatlngs.call(this, latlngs, result, projectedBounds);
      var ring = result[result.length - 1], o = this.options;
      if (!ring || ring.length < 2) { return; }
      var k = headScale(ring[0].distanceTo(ring[ring.length - 1]), o);
      trimEnd(ring, o.back * Math.min(1, k * 1.5) + o.len * k * 0.75);
      if (o.start && k === 1) { ring.reverse(); trimEnd(ring, o.start); ring.reverse(); }
    }
  });

  // A triangle of constant screen size at `tip`, pointing at screen angle `angle` (radians, y down).
  var Head = L.Polygon.extend({
    _projectLatlngs: function (latlngs, result, projectedBounds) {
      var o = this.options, ca = Math.cos(o.angle), sa = Math.sin(o.angle);
      var raw = this._map.latLngToLayerPoint(o.tip), k = headScale(raw.distanceTo(this._map.latLngToLayerPoint(o.origin)), o);
      var len = o.len * k, half = o.half * k, back = o.back * Math.min(1, k * 1.5);
      var tip = raw.subtract(L.point(ca * back, sa * back));
      var bx = tip.x - ca * len, by = tip.y - sa * len;
      var ring = [tip, L.point(bx - sa * half, by + ca * half), L.point(bx + sa * half, by - ca * half)];
      ring.forEach(function (p) { projectedBounds.extend(p); });
      result.push(ring);
    }
  });

  function headSize(w) { return { len: 7 + 1.6 * w, half: 4 + 1.1 * w }; }
  // on a flow shorter on screen than its symbols and head, the head shrinks rather than overshoot
  function headScale(chord, o) {
    var need = (o.start || 0) + o.back + o.len * 1.6;
    return chord >= need ? 1 : Math.max(0.3, chord / need);
  }
  // dash patterns are given in line widths so thick and thin lines read alike
  function dashFor(style, w) {
    if (!style.dash) { return null; }
    var u = Math.max(w, 2.5);
    return style.dash.split(/[ ,]+/).map(function (x) { return Math.max(0.01, parseFloat(x) * u).toFixed(2); }).join(' ');
  }

  // Many flows: one canvas paints every arc and head in a single pass (no Leaflet object per flow)
  // and finds the flow under the pointer itself. Other canvas layers (areas) still work as usual.
  var FlowCanvas = L.Canvas.extend({
    initialize: function (flows, handlers, options) {
      L.Canvas.prototype.initialize.call(this, options);
      this._flows = flows; // [{ll: [[lat, lon]...], w, color, opacity, dash, cap, ang, back, start, len, half, grp}]
      this._h = handlers;  // {visible(i), hover(i, latlng) / hover(-1), click(i, latlng), highlighted(i)}
      this._zoomCache = null;
      this._order = flows.map(function (f, i) { return i; }).sort(function (a, b) { return flows[b].w - flows[a].w; });
    },
    _projectAll: function () {
      var map = this._map, z = map.getZoom();
      if (this._zoomCache === z) { return; }
      this._zoomCache = z;
      this._flows.forEach(function (f) {
        var pts = new Float64Array(f.ll.length * 2), minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
        for (var k = 0; k < f.ll.length; k++) {
          var p = map.project(f.ll[k], z);
          pts[2 * k] = p.x; pts[2 * k + 1] = p.y;
          if (p.x < minx) { minx = p.x; } if (p.x > maxx) { maxx = p.x; }
          if (p.y < miny) { miny = p.y; } if (p.y > maxy) { maxy = p.y; }
        }
        f.pts = pts; f.box = [minx, miny, maxx, maxy];
      });
    },
    _draw: function () {
      L.Canvas.prototype._draw.call(this);
      if (!this._map) { return; }
      this._projectAll();
      var ctx = this._ctx, o = this._map.getPixelOrigin(), b = this._bounds, h = this._h;
      var vx0 = b.min.x + o.x, vy0 = b.min.y + o.y, vx1 = b.max.x + o.x, vy1 = b.max.y + o.y;
      ctx.save();
      for (var q = 0; q < this._order.length; q++) {
        var i = this._order[q], f = this._flows[i];
        if (!h.visible(i) || f.box[2] < vx0 - 50 || f.box[0] > vx1 + 50 || f.box[3] < vy0 - 50 || f.box[1] > vy1 + 50) { continue; }
        var ring = [];
        for (var k = 0; k < f.pts.length; k += 2) { ring.push(L.point(f.pts[k] - o.x, f.pts[k + 1] - o.y)); }
        var tipRaw = ring[ring.length - 1], hk = headScale(tipRaw.distanceTo(ring[0]), f);
        var flen = f.len * hk, fhalf = f.half * hk, fback = f.back * Math.min(1, hk * 1.5);
        trimEnd(ring, fback + flen * 0.75);
        if (f.start && hk === 1) { ring.reverse(); trimEnd(ring, f.start); ring.reverse(); }
        var w = f.w + (h.highlighted(i) ? 2.5 : 0);
        ctx.globalAlpha = f.opacity;
        ctx.strokeStyle = f.color; ctx.fillStyle = f.color;
        ctx.lineWidth = w; ctx.lineCap = f.cap; ctx.lineJoin = 'round';
        ctx.setLineDash(f.dash || []);
        ctx.beginPath();
        ctx.moveTo(ring[0].x, ring[0].y);
        for (var r = 1; r < ring.length; r++) { ctx.lineTo(ring[r].x, ring[r].y); }
        ctx.stroke();
        var ca = Math.cos(f.ang), sa = Math.sin(f.ang);
        var tx = tipRaw.x - ca * fback, ty = tipRaw.y - sa * fback, bx = tx - ca * flen, by = ty - sa * flen;
        ctx.globalAlpha = Math.min(1, f.opacity + 0.1);
        ctx.setLineDash([]);
        ctx.beginPath();
        ctx.moveTo(tx, ty); ctx.lineTo(bx - sa * fhalf, by + ca * fhalf); ctx.lineTo(bx + sa * fhalf, by - ca * fhalf);
        ctx.closePath(); ctx.fill();
      }
      ctx.restore();
    },
    _hit: function (layerPoint) {
      if (!this._flows.length || this._zoomCache === null) { return -1; }
      var o = this._map.getPixelOrigin(), x = layerPoint.x + o.x, y = layerPoint.y + o.y, best = -1, bestD = Infinity;
      for (var i = 0; i < this._flows.length; i++) {
        var f = this._flows[i], tol = f.w / 2 + 4;
        if (!this._h.visible(i) || x < f.box[0] - tol || x > f.box[2] + tol || y < f.box[1] - tol || y > f.box[3] + tol) { continue; }
        for (var k = 0; k + 3 < f.pts.length; k += 2) {
          var d = L.LineUtil.pointToSegmentDistance(L.point(x, y), L.point(f.pts[k], f.pts[k + 1]), L.point(f.pts[k + 2], f.pts[k + 3]));
          if (d <= tol && d < bestD) { bestD = d; best = i; }
        }
      }
      return best;
    },
    _onClick: function (e) {
      if (e.type === 'click' && this._map && !this._map._draggableMoved(this._map)) {
        var lp = this._map.mouseEventToLayerPoint(e), i = this._hit(lp);
        if (i >= 0) { this._h.click(i, this._map.layerPointToLatLng(lp)); L.DomEvent.stop(e); return; }
      }
      L.Canvas.prototype._onClick.call(this, e);
    },
    _onMouseMove: function (e) {
      if (!this._map || this._map.dragging.moving() || this._map._animatingZoom) { return; }
      var lp = this._map.mouseEventToLayerPoint(e), i = this._hit(lp);
      if (i >= 0) {
        L.DomUtil.addClass(this._container, 'leaflet-interactive');
        this._h.hover(i, this._map.layerPointToLatLng(lp));
        this._hovered = true;
        return;
      }
      if (this._hovered) { this._hovered = false; L.DomUtil.removeClass(this._container, 'leaflet-interactive'); this._h.hover(-1); }
      L.Canvas.prototype._onMouseMove.call(this, e);
    }
  });

  function mapperFlowmap(map, data, topo, tiles) {
    var now = function () { return (window.performance && performance.now) ? performance.now() : Date.now(); };
    var t0 = now(), timings = {};
    function mark(name) { timings[name] = Math.round(now() - t0); }
    var prec = data.opts.precision;
    var container = map.getContainer();
    container.classList.add('mapper-map');

    map.createPane('mapper-basemap').style.zIndex = 150;
    map.createPane('mapper-areas').style.zIndex = 380;
    map.createPane('mapper-flows').style.zIndex = 410;
    map.createPane('mapper-places').style.zIndex = 430;
    map.createPane('mapper-labels').style.zIndex = 640;

    var renderer = data.opts.canvas ? null : L.svg({ pane: 'mapper-flows', padding: 0.3 });

    if (topo) {
      L.geoJSON(topoFeatures(topo, 'countries'), {
        pane: 'mapper-basemap', interactive: false, renderer: L.canvas({ pane: 'mapper-basemap', padding: 0.5 }),
        style: { color: '#a9a9a9', weight: 0.7, fillColor: '#f3f1ec', fillOpacity: 1, smoothFactor: 0.5 }
      }).addTo(map);
      map.attributionControl.addAttribution('Outline: Natural Earth');
    }

    mark('basemap');
    // the title first: the view is fitted around it
    var Box = L.Control.extend({
      initialize: function (node, opts) { this._node = node; L.setOptions(this, opts); },
      onAdd: function () { L.DomEvent.disableClickPropagation(this._node); L.DomEvent.disableScrollPropagation(this._node); return this._node; }
    });
    var titleNode = el('div', 'mapper-titlebox');
    titleNode.appendChild(el('div', 'mapper-title', data.title));
    titleNode.appendChild(el('div', 'mapper-subtitle', data.subtitle));
    new Box(titleNode, { position: 'topleft' }).addTo(map);
    // fit the view first, so everything below is drawn once, at its final zoom;
    // keep what is drawn clear of the title (top left, as tall as its text) and the legend (bottom right)
    if (data.bounds) {
      var fb = L.latLngBounds(data.bounds);
      if (fb.getNorthEast().equals(fb.getSouthWest())) { map.setView(fb.getCenter(), 8, { animate: false }); }
      else {
        var lgw = Math.min(270, map.getSize().x / 3);
        var top = Math.min(map.getSize().y / 3, Math.max(100, titleNode.offsetTop + titleNode.offsetHeight + 20));
        map.fitBounds(fb, { paddingTopLeft: [40, top], paddingBottomRight: [40 + lgw, 40], maxZoom: 10, animate: false });
      }
    } else {
      map.setView([20, 0], 2, { animate: false });
    }

    var places = data.places, groups = data.groups, details = data.details;
    var F = data.flows, n = F.path.length;
    var statusOn = {}, articleOn = {};
    data.statuses.forEach(function (s) { statusOn[s] = true; });
    data.articles.forEach(function (a, i) { articleOn[i] = true; });
    articleOn[-1] = true;

    // flows ---------------------------------------------------------------------------------
    var flowGroup = L.featureGroup().addTo(map);
    var arrows = new Array(n), heads = new Array(n), visible = new Array(n);
    var bulk = data.opts.canvas, flowCanvas = null, hlGroup = -1, lls = new Array(n);
    var hoverTip = L.tooltip({ sticky: true, className: 'mapper-tip', direction: 'top', offset: [0, -6] });
    function hoverContent(i) {
      var g = groups[F.grp[i]];
      var lines = [places[F.o[i]].name + ' \u2192 ' + places[F.d[i]].name].concat(g.lab >= 0 ? data.labels[g.lab] : ['number not reported']);
      var box = el('div');
      lines.forEach(function (t, k) { box.appendChild(el('div', k ? 'mapper-tip-line' : 'mapper-tip-head', t)); });
      return box;
    }
    if (bulk) {
      var items = [];
      for (var b = 0; b < n; b++) {
        var stb = data.statuses[F.st[b]], styb = data.style[stb], wb = F.w[b], hsb = headSize(wb);
        visible[b] = true;
        lls[b] = decodePath(F.path[b], prec);
        items.push({ ll: lls[b], w: wb, color: styb.color, cap: styb.cap || 'butt',
          dash: styb.dash ? dashFor(styb, wb).split(' ').map(Number) : null,
          opacity: F.vague[b] ? 0.45 : (groups[F.grp[b]].shared ? 0.78 : 0.88), ang: F.ang[b],
          back: places[F.d[b]].r + 1, start: places[F.o[b]].r, len: hsb.len, half: hsb.half });
      }
      var lastHover = -1;
      flowCanvas = new FlowCanvas(items, {
        visible: function (i) { return visible[i]; },
        highlighted: function (i) { return hlGroup >= 0 && F.grp[i] === hlGroup; },
        click: function (i, ll) { openPopup(ll, flowPopup(i)); },
        hover: function (i, ll) {
          if (i < 0) { map.closeTooltip(hoverTip); lastHover = -1; highlightGroup(-1, false); return; }
          if (i !== lastHover) { hoverTip.setContent(hoverContent(i)); lastHover = i; highlightGroup(F.grp[i], true); }
          hoverTip.setLatLng(ll);
          if (!map.hasLayer(hoverTip)) { map.openTooltip(hoverTip); }
        }
      }, { pane: 'mapper-flows', padding: 0.3, tolerance: 4 });
      flowCanvas.addTo(map);
      renderer = flowCanvas;
    }
    for (var i = 0; i < n && !bulk; i++) {
      var st = data.statuses[F.st[i]], style = data.style[st], w = F.w[i], hs = headSize(w);
      var latlngs = lls[i] = decodePath(F.path[i], prec), shared = groups[F.grp[i]].shared;
      var opacity = F.vague[i] ? 0.45 : (shared ? 0.78 : 0.88);
      var common = { renderer: renderer, pane: 'mapper-flows', color: style.color, opacity: opacity,
        smoothFactor: 0.6, bubblingMouseEvents: true };
      var back = places[F.d[i]].r + 1;
      arrows[i] = new Arrow(latlngs, L.extend({}, common, {
        weight: w, dashArray: dashFor(style, w), lineCap: style.cap || 'butt', back: back, len: hs.len,
        start: places[F.o[i]].r,
        className: 'mapper-arrow mapper-' + st + (F.vague[i] ? ' mapper-vague' : '') + (shared ? ' mapper-shared' : '')
      }));
      heads[i] = new Head([latlngs[latlngs.length - 1]], L.extend({}, common, {
        tip: latlngs[latlngs.length - 1], origin: latlngs[0], start: places[F.o[i]].r,
        angle: F.ang[i], len: hs.len, half: hs.half, back: back,
        stroke: false, fill: true, fillColor: style.color, fillOpacity: Math.min(1, opacity + 0.1),
        smoothFactor: 0, className: 'mapper-head mapper-' + st
      }));
      arrows[i]._mapperFlow = i; heads[i]._mapperFlow = i;
      visible[i] = true;
      flowGroup.addLayer(arrows[i]); flowGroup.addLayer(heads[i]);
    }

    // areas (admin-1 outlines) -------------------------------------------------------------
    var areaGroup = L.featureGroup().addTo(map);
    // with many flows the flow canvas draws the areas under them, so both stay clickable
    var areaRenderer = bulk ? flowCanvas : L.svg({ pane: 'mapper-areas' });
    data.areas.forEach(function (a) {
      var p = places[a.p];
      L.polygon(a.rings, { pane: 'mapper-areas', renderer: areaRenderer, className: 'mapper-area', color: '#4a4a4a', weight: 1.5,
        dashArray: '5 4', fillColor: '#6b6b6b', fillOpacity: 0.07 })
        .bindTooltip(el('span', null, p.name), { sticky: true, className: 'mapper-tip' })
        .on('click', function (e) { openPopup(e.latlng, placePopup(a.p)); })
        .addTo(areaGroup);
    });

    mark('flows');
    var highlighted = [];
    function highlightGroup(g, on) {
      if (bulk) {
        var want = on ? g : -1;
        if (want !== hlGroup) { hlGroup = want; flowCanvas._redraw(); }
        return;
      }
      highlighted.forEach(function (j) { arrows[j].setStyle({ weight: F.w[j] }); });
      highlighted = [];
      if (!on) { return; }
      for (var j = 0; j < n; j++) {
        if (F.grp[j] === g && visible[j]) { arrows[j].setStyle({ weight: F.w[j] + 2.5 }); highlighted.push(j); }
      }
    }
    flowGroup.on('mouseover', function (e) {
      var i = e.layer._mapperFlow;
      hoverTip.setContent(hoverContent(i)).setLatLng(e.latlng);
      map.openTooltip(hoverTip);
      if (n <= 5000) { highlightGroup(F.grp[i], true); }
    });
    flowGroup.on('mousemove', function (e) { hoverTip.setLatLng(e.latlng); });
    flowGroup.on('mouseout', function () { map.closeTooltip(hoverTip); highlightGroup(-1, false); });
    flowGroup.on('click', function (e) { openPopup(e.latlng, flowPopup(e.layer._mapperFlow)); });

    // places and events ---------------------------------------------------------------------------
    var placeGroup = L.featureGroup().addTo(map);
    places.forEach(function (p, k) {
      var role = p.nout && p.nin ? 'both' : (p.nout ? 'origin' : (p.nin ? 'destination' : 'event'));
      var fill = { origin: '#ffffff', destination: '#2b2b2b', both: '#9a9a9a', event: '#ffffff' }[role];
      L.circleMarker([p.lat, p.lon], { pane: 'mapper-places', radius: p.r, color: '#2b2b2b', weight: 1.6,
        fillColor: fill, fillOpacity: 0.95, dashArray: role === 'event' ? '3 3' : null,
        className: 'mapper-place mapper-place-' + role })
        .on('click', function (e) { openPopup(e.latlng, placePopup(k)); })
        .addTo(placeGroup);
    });

    // popups -------------------------------------------------------------------------------------
    function openPopup(latlng, content) {
      L.popup({ maxWidth: 380, minWidth: 240, className: 'mapper-popup-wrap', autoPanPadding: [30, 30] })
        .setLatLng(latlng).setContent(content).openOn(map);
    }
    function sentenceEl(s, marks) {
      var q = el('blockquote', 'mapper-sentence'), text = data.sentences[s], pos = 0;
      var hits = [];
      (marks || []).forEach(function (m) {
        if (!m) { return; }
        var at = text.indexOf(m);
        if (at >= 0) { hits.push([at, at + m.length]); }
      });
      hits.sort(function (a, b) { return a[0] - b[0]; });
      hits.forEach(function (h) {
        if (h[0] < pos) { return; }
        q.appendChild(document.createTextNode(text.slice(pos, h[0])));
        q.appendChild(el('mark', null, text.slice(h[0], h[1])));
        pos = h[1];
      });
      q.appendChild(document.createTextNode(text.slice(pos)));
      return q;
    }
    function articleEl(a) {
      var d = el('div', 'mapper-source'), art = data.articles[a];
      if (!art) { return d; }
      var title = art.title || art.id;
      if (art.url) {
        var link = el('a', null, title);
        link.href = art.url; link.target = '_blank'; link.rel = 'noopener noreferrer';
        d.appendChild(link);
      } else { d.appendChild(el('span', null, title)); }
      if (art.published) { d.appendChild(el('span', 'mapper-date', ' \u00b7 ' + art.published)); }
      return d;
    }
    function placeEl(k, role) {
      var p = places[k], d = el('div', 'mapper-placeinfo');
      d.appendChild(el('span', 'mapper-role', role + ': '));
      d.appendChild(el('b', null, p.name));
      var bits = [p.type, p.cc].filter(Boolean).join(', ');
      if (bits) { d.appendChild(el('span', null, ' (' + bits + ')')); }
      d.appendChild(el('div', 'mapper-conf', 'geocoded: ' + p.lat.toFixed(3) + ', ' + p.lon.toFixed(3) +
        ' \u00b7 confidence ' + fmtConf(p.conf) + (p.source ? ' \u00b7 ' + p.source : '')));
      if (p.alts && p.alts.length) {
        d.appendChild(el('div', 'mapper-alts', 'alternatives: ' + p.alts.map(function (a) {
          return a.name + (a.cc ? ' (' + a.cc + ')' : '');
        }).join('; ')));
      }
      return d;
    }
    function detailEls(box, det) {
      var D = details[det], marks = D.f.map(function (f) { return f.t; });
      var figs = el('div', 'mapper-figs');
      if (!D.f.length) { figs.appendChild(el('div', 'mapper-fig', 'number not reported')); }
      D.f.forEach(function (f) { figs.appendChild(el('div', 'mapper-fig', f.l)); });
      box.appendChild(figs);
      box.appendChild(el('div', 'mapper-h', 'Evidence'));
      D.e.forEach(function (pair) {
        box.appendChild(sentenceEl(pair[0], marks));
        box.appendChild(articleEl(pair[1]));
      });
    }
    function flowPopup(i) {
      var g = groups[F.grp[i]], box = el('div', 'mapper-popup');
      box.appendChild(el('div', 'mapper-title-line', places[F.o[i]].name + ' \u2192 ' + places[F.d[i]].name));
      box.appendChild(el('div', 'mapper-status', data.statuses[F.st[i]]));
      detailEls(box, g.det);
      if (g.shared) {
        box.appendChild(el('div', 'mapper-note', 'One figure for ' + g.n + ' routes from ' + places[g.o].name + ' (to ' +
          g.dests.map(function (d) { return places[d].name; }).join(', ') + '): shared, not divided.'));
      }
      box.appendChild(el('div', 'mapper-h', 'Places'));
      box.appendChild(placeEl(F.o[i], 'from'));
      box.appendChild(placeEl(F.d[i], 'to'));
      return box;
    }
    function placePopup(k) {
      var p = places[k], box = el('div', 'mapper-popup');
      box.appendChild(el('div', 'mapper-title-line', p.name));
      box.appendChild(placeEl(k, 'place'));
      var lines = [];
      for (var j = 0; j < n && lines.length < 12; j++) {
        if (F.o[j] === k || F.d[j] === k) {
          var g = groups[F.grp[j]];
          lines.push(places[F.o[j]].name + ' \u2192 ' + places[F.d[j]].name + ': ' +
            (g.lab >= 0 ? data.labels[g.lab].join('; ') : 'number not reported'));
        }
      }
      data.events.forEach(function (ev) {
        if (ev.p === k && lines.length < 14) {
          lines.push((ev.role === 'origin' ? 'left, destination not known: ' : 'arrived, origin not known: ') +
            (ev.lab >= 0 ? data.labels[ev.lab].join('; ') : 'number not reported'));
        }
      });
      if (lines.length) {
        box.appendChild(el('div', 'mapper-h', 'Movements'));
        var ul = el('ul', 'mapper-list');
        lines.forEach(function (t) { ul.appendChild(el('li', null, t)); });
        box.appendChild(ul);
      }
      return box;
    }
    function eventPopup(k) {
      var ev = data.events[k], box = el('div', 'mapper-popup');
      box.appendChild(el('div', 'mapper-title-line', (ev.role === 'origin' ? 'From ' : 'To ') + places[ev.p].name +
        (ev.role === 'origin' ? ' (destination not known)' : ' (origin not known)')));
      detailEls(box, ev.det);
      box.appendChild(el('div', 'mapper-h', 'Place'));
      box.appendChild(placeEl(ev.p, ev.role === 'origin' ? 'from' : 'to'));
      return box;
    }

    mark('places');
    // labels with collision avoidance ---------------------------------------------------------------
    var labelGroup = L.layerGroup().addTo(map);
    var cands = [];
    function labelBox(lines, cls) {
      var chars = Math.max.apply(null, lines.map(function (t) { return t.length; }));
      return { lines: lines, cls: cls, w: chars * 6.6 + 14, h: lines.length * 15 + 6 };
    }
    // a label's anchors: given for fans (shared figures); along the arc for a single flow
    var firstOfGroup = {};
    for (var fi = n - 1; fi >= 0; fi--) { firstOfGroup[F.grp[fi]] = fi; }
    function arcAnchors(i) {
      var ll = lls[i], k = ll.length - 1;
      return [0.5, 0.36, 0.64].map(function (t) { return ll[Math.round(t * k)]; });
    }
    groups.forEach(function (g, k) {
      if (g.lab < 0 || firstOfGroup[k] === undefined) { return; }
      var lines = data.labels[g.lab].slice();
      if (g.shared) { lines.push('one figure, ' + g.n + ' routes'); }
      var b = labelBox(lines, 'mapper-count' + (g.shared ? ' mapper-count-shared' : ''));
      cands.push({ kind: 'group', g: k, anchors: g.anchors ? g.anchors.map(function (a) { return L.latLng(a); }) : arcAnchors(firstOfGroup[k]),
        box: b, prio: 1e12 + g.prio, dx: 0, dy: 0 });
    });
    data.events.forEach(function (ev, k) {
      if (ev.lab < 0) { return; } // no number: the dashed ring and its popup say enough
      var lines = data.labels[ev.lab].slice();
      lines.push(ev.role === 'origin' ? 'left \u00b7 destination not known' : 'arrived \u00b7 origin not known');
      var p = places[ev.p], b = labelBox(lines, 'mapper-count mapper-count-event');
      cands.push({ kind: 'event', ev: k, anchors: [L.latLng(p.lat, p.lon)], box: b, prio: 1e12 + ev.prio,
        dx: 0, dy: -(p.r + b.h / 2 + 4) });
    });
    var order = places.map(function (p, k) { return k; }).sort(function (a, b) {
      return Math.max(places[b].out, places[b].in) - Math.max(places[a].out, places[a].in);
    });
    order.forEach(function (k, rank) {
      var p = places[k], b = labelBox([p.name], 'mapper-placename');
      cands.push({ kind: 'place', p: k, anchors: [L.latLng(p.lat, p.lon)], box: b,
        prio: rank < 25 ? 2e12 - rank : Math.max(p.out, p.in), dx: p.r + 4 + b.w / 2, dy: 0, alt: true });
    });
    cands.sort(function (a, b) { return b.prio - a.prio; });
    // label elements are made the first time a label is shown: most of 10,000 never are
    function ensureMarker(c) {
      if (c.marker) { return c.marker; }
      var d = el('div', 'mapper-label ' + c.box.cls);
      c.box.lines.forEach(function (t, k) { d.appendChild(el('div', k ? 'mapper-label-line' : 'mapper-label-main', t)); });
      c.node = d;
      c.marker = L.marker(c.anchors[0], { pane: 'mapper-labels', interactive: c.kind !== 'place', keyboard: false,
        icon: L.divIcon({ className: 'mapper-label-icon', html: d, iconSize: null }) });
      if (c.kind === 'group') {
        c.marker.on('mouseover', function () { highlightGroup(c.g, true); });
        c.marker.on('mouseout', function () { highlightGroup(-1, false); });
        c.marker.on('click', function (e) { openPopup(e.latlng, flowPopup(firstOfGroup[c.g])); });
      } else if (c.kind === 'event') {
        c.marker.on('click', function (e) { openPopup(e.latlng, eventPopup(c.ev)); });
      }
      return c.marker;
    }
    mark('labels');
    var groupVis = {};
    function layoutLabels() {
      var size = map.getSize(), shown = 0, max = data.opts.maxLabels, CELL = 48, grid = {}, soft = {};
      // boxes already taken, bucketed in a grid so each test looks only at its neighbourhood
      function cells(b, fn) {
        for (var gx = Math.floor(b[0] / CELL); gx <= Math.floor(b[2] / CELL); gx++) {
          for (var gy = Math.floor(b[1] / CELL); gy <= Math.floor(b[3] / CELL); gy++) {
            if (fn(gx + ',' + gy) === false) { return false; }
          }
        }
        return true;
      }
      function take(b, g) { g = g || grid; cells(b, function (key) { (g[key] = g[key] || []).push(b); }); }
      function free(b, g) {
        if (b[0] < 2 || b[1] < 2 || b[2] > size.x - 2 || b[3] > size.y - 2) { return false; }
        g = g || grid;
        return cells(b, function (key) {
          var list = g[key];
          if (!list) { return true; }
          for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1]) { return false; }
          }
          return true;
        });
      }
      // with few flows, labels also keep off the arcs when they can (a softer rule)
      if (n <= 400) {
        for (var fa = 0; fa < n; fa++) {
          if (!visible[fa]) { continue; }
          var pad = F.w[fa] / 2 + 2;
          for (var fk = 0; fk < lls[fa].length; fk++) {
            var fp = map.latLngToContainerPoint(lls[fa][fk]);
            take([fp.x - pad, fp.y - pad, fp.x + pad, fp.y + pad], soft);
          }
        }
      }
      // place symbols are obstacles too
      places.forEach(function (p) {
        var c = map.latLngToContainerPoint([p.lat, p.lon]);
        if (c.x < -p.r || c.y < -p.r || c.x > size.x + p.r || c.y > size.y + p.r) { return; }
        take([c.x - p.r, c.y - p.r, c.x + p.r, c.y + p.r]);
      });
      cands.forEach(function (c) {
        var ok = null;
        var vis = c.kind === 'group' ? groupVis[c.g] : (c.kind === 'event' ? eventVisible(c.ev) : true);
        if (vis && shown < max) {
          for (var pass = 0; pass < 2 && !ok; pass++) {
            for (var a = 0; a < c.anchors.length && !ok; a++) {
              var pt = map.latLngToContainerPoint(c.anchors[a]);
              var shifts = c.alt ? [[c.dx, c.dy], [-c.dx, c.dy], [0, -c.box.h / 2 - 8], [0, c.box.h / 2 + 8]]
                : [[c.dx, c.dy], [c.dx, c.dy - c.box.h / 2 - 10], [c.dx, c.dy + c.box.h / 2 + 10],
                  [c.dx + c.box.w / 2 + 12, c.dy], [c.dx - c.box.w / 2 - 12, c.dy]];
              for (var s = 0; s < shifts.length && !ok; s++) {
                var cx = pt.x + shifts[s][0], cy = pt.y + shifts[s][1];
                var b = [cx - c.box.w / 2, cy - c.box.h / 2, cx + c.box.w / 2, cy + c.box.h / 2];
                if (free(b) && (pass === 1 || free(b, soft))) { ok = { ll: map.containerPointToLatLng([cx, cy]), b: b }; }
              }
            }
          }
        }
        if (ok) {
          take(ok.b); shown++;
          ensureMarker(c).setLatLng(ok.ll);
          if (!labelGroup.hasLayer(c.marker)) { labelGroup.addLayer(c.marker); }
        } else if (c.marker && labelGroup.hasLayer(c.marker)) {
          labelGroup.removeLayer(c.marker);
        }
      });
    }
    function eventVisible(k) {
      var ev = data.events[k];
      return statusOn[data.statuses[ev.st]] && articleOn[ev.art] && dateOk(ev.day);
    }
    var pending = false;
    function scheduleLayout() {
      if (pending) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () { pending = false; layoutLabels(); });
    }
    map.on('zoomend moveend resize', scheduleLayout);

    // events as markers -------------------------------------------------------------------------------
    var eventGroup = L.featureGroup().addTo(map);
    var eventMarkers = data.events.map(function (ev, k) {
      var p = places[ev.p], style = data.style[data.statuses[ev.st]];
      return L.circleMarker([p.lat, p.lon], { pane: 'mapper-places', radius: p.r + 5, color: style.color, weight: 2,
        dashArray: '3 3', fill: false, className: 'mapper-event' })
        .on('click', function (e) { openPopup(e.latlng, eventPopup(k)); })
        .addTo(eventGroup);
    });

    // filtering by status and article -------------------------------------------------------------------
    function applyFilter() {
      var changed = false;
      for (var j = 0; j < n; j++) {
        var on = statusOn[data.statuses[F.st[j]]] && articleOn[F.art[j]] && dateOk(F.day[j]);
        if (on !== visible[j]) {
          visible[j] = on;
          changed = true;
          if (bulk) { continue; }
          if (on) { flowGroup.addLayer(arrows[j]); flowGroup.addLayer(heads[j]); } else { flowGroup.removeLayer(arrows[j]); flowGroup.removeLayer(heads[j]); }
        }
      }
      if (bulk && changed) { flowCanvas._redraw(); }
      groupVis = {};
      for (var k = 0; k < n; k++) { if (visible[k]) { groupVis[F.grp[k]] = true; } }
      eventMarkers.forEach(function (m, k) {
        var on = eventVisible(k);
        if (on && !eventGroup.hasLayer(m)) { eventGroup.addLayer(m); } else if (!on && eventGroup.hasLayer(m)) { eventGroup.removeLayer(m); }
      });
      scheduleLayout();
    }
    var overlays = {}, toggles = [];
    data.legend.statuses.forEach(function (s) {
      var lg = L.layerGroup().addTo(map);
      lg._mapperToggle = { kind: 'status', key: s };
      overlays['Status: ' + s] = lg; toggles.push(lg);
    });
    if (data.articles.length > 1) {
      data.articles.forEach(function (a, k) {
        var lg = L.layerGroup().addTo(map);
        lg._mapperToggle = { kind: 'article', key: k };
        var name = (a.title || a.id);
        overlays['Article: ' + (name.length > 48 ? name.slice(0, 47) + '\u2026' : name)] = lg; toggles.push(lg);
      });
    }
    if (tiles) { overlays['Tiles (online)'] = tiles; }
    // Leaflet's layer control puts names in the DOM as HTML: escape them first
    var safeOverlays = {};
    Object.keys(overlays).forEach(function (name) {
      safeOverlays[name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')] = overlays[name];
    });
    if (Object.keys(safeOverlays).length) {
      L.control.layers(null, safeOverlays, { collapsed: Object.keys(safeOverlays).length > 6, position: 'topright' }).addTo(map);
    }
    map.on('overlayadd overlayremove', function (e) {
      var t = e.layer && e.layer._mapperToggle;
      if (!t) { return; }
      var on = e.type === 'overlayadd';
      if (t.kind === 'status') { statusOn[t.key] = on; } else { articleOn[t.key] = on; }
      applyFilter();
    });

    mark('filters');
    // legend, unplaced mentions (the title went first, before the view was fitted) ---------------------
    var lg = el('div', 'mapper-legend');
    var details_ = el('details'); details_.open = true;
    details_.appendChild(el('summary', 'mapper-legend-title', 'Legend'));
    lg.appendChild(details_);
    function row(sample, text) {
      var r = el('div', 'mapper-legend-row');
      r.appendChild(sample); r.appendChild(el('span', null, text)); details_.appendChild(r);
    }
    function lineSample(color, w, dash, opacity, cap) {
      var s = svgEl('svg', { width: 44, height: 18, 'class': 'mapper-legend-sample' });
      var attrs = { x1: 5, y1: 9, x2: 39, y2: 9, stroke: color, 'stroke-width': w, 'stroke-opacity': opacity || 0.9,
        'stroke-linecap': cap || 'butt' };
      if (dash) { attrs['stroke-dasharray'] = dash; }
      s.appendChild(svgEl('line', attrs));
      return s;
    }
    function circleSample(fill, dash) {
      var s = svgEl('svg', { width: 44, height: 18, 'class': 'mapper-legend-sample' });
      var a = { cx: 22, cy: 9, r: 6, fill: fill, stroke: '#2b2b2b', 'stroke-width': 1.6 };
      if (dash) { a['stroke-dasharray'] = dash; a.fill = 'none'; }
      s.appendChild(svgEl('circle', a));
      return s;
    }
    if (data.legend.widths.length) {
      details_.appendChild(el('div', 'mapper-legend-h', 'Width: reported number (square-root scale)'));
      data.legend.widths.forEach(function (x) { row(lineSample('#555', x[1]), x[0]); });
    }
    if (data.legend.units.length > 1) {
      details_.appendChild(el('div', 'mapper-legend-note', 'Numbers are in their own units (' + data.legend.units.join(', ') + '): labels say which.'));
    }
    if (data.legend.statuses.length) {
      details_.appendChild(el('div', 'mapper-legend-h', 'Status'));
      data.legend.statuses.forEach(function (s) { row(lineSample(data.style[s].color, 4, dashFor(data.style[s], 3), 0.9, data.style[s].cap), s); });
    }
    details_.appendChild(el('div', 'mapper-legend-h', 'Places'));
    row(circleSample('#ffffff'), 'origin');
    row(circleSample('#2b2b2b'), 'destination');
    if (data.legend.events) { row(circleSample('none', '3 3'), 'only one end known'); }
    if (data.legend.areas) {
      var s = svgEl('svg', { width: 44, height: 18, 'class': 'mapper-legend-sample' });
      s.appendChild(svgEl('rect', { x: 6, y: 3, width: 32, height: 12, fill: '#6b6b6b', 'fill-opacity': 0.1, stroke: '#4a4a4a', 'stroke-dasharray': '5 4' }));
      row(s, 'area: country, province or part of one');
    }
    if (data.legend.vague) { row(lineSample('#555', 2, null, 0.45), 'vague number ("thousands"): thin, faded'); }
    if (data.legend.shared) { details_.appendChild(el('div', 'mapper-legend-note', 'Dashed-border label: one figure shared by several routes, shown once, never divided.')); }
    details_.appendChild(el('div', 'mapper-legend-note', 'Circle size: reported numbers leaving or arriving. Click an arrow, label or place for the sentence it comes from.'));
    new Box(lg, { position: 'bottomright' }).addTo(map);

    // time: when movements carry dates (their own, else their article's publication date), a slider
    // shows what happened up to a date; undated ones always show
    var dateLimit = null;
    function dateOk(day) {
      return dateLimit === null || !day || day <= dateLimit;
    }
    var dates = F.day.concat(data.events.map(function (ev) { return ev.day; })).filter(Boolean)
      .filter(function (d, k, all) { return all.indexOf(d) === k; }).sort();
    if (dates.length > 1) {
      var tnode = el('div', 'mapper-time'), tlabel = el('div', 'mapper-time-label');
      var range = el('input', 'mapper-time-range');
      range.type = 'range'; range.min = 0; range.max = dates.length - 1; range.step = 1; range.value = dates.length - 1;
      range.setAttribute('aria-label', 'Movements up to date');
      tlabel.textContent = 'Up to ' + dates[dates.length - 1];
      tnode.appendChild(tlabel); tnode.appendChild(range);
      range.addEventListener('input', function () {
        var v = parseInt(range.value, 10);
        dateLimit = v >= dates.length - 1 ? null : dates[v];
        tlabel.textContent = 'Up to ' + dates[v];
        applyFilter();
      });
      new Box(tnode, { position: 'bottomleft' }).addTo(map);
    }
    if (data.unplaced.length) {
      var up = el('div', 'mapper-unplaced'), d2 = el('details');
      var total = data.unplaced.reduce(function (a, u) { return a + u.n; }, 0);
      d2.appendChild(el('summary', null, 'Not placed on the map: ' + data.unplaced.length + ' name' + (data.unplaced.length > 1 ? 's' : '') + ' (' + total + ' mention' + (total > 1 ? 's' : '') + ')'));
      var ul = el('ul', 'mapper-list');
      data.unplaced.slice(0, 200).forEach(function (u) { ul.appendChild(el('li', null, u.text + (u.n > 1 ? ' \u00d7' + u.n : ''))); });
      d2.appendChild(ul); up.appendChild(d2);
      new Box(up, { position: 'bottomleft' }).addTo(map);
    }

    // fit, lay out, report -------------------------------------------------------------------------------
    mark('controls');
    applyFilter();
    mark('filter');
    layoutLabels();
    mark('layout');
    var api = { map: map, arrows: arrows, flowCanvas: flowCanvas, heads: heads, labels: cands, flowGroup: flowGroup, placeGroup: placeGroup,
      layout: layoutLabels, data: data, timings: timings,
      drawMs: ((window.performance && performance.now) ? performance.now() : Date.now()) - t0 };
    (window.mapperMaps = window.mapperMaps || []).push(api);
    container.setAttribute('data-mapper-ready', '1');
    return api;
  }

  window.mapperFlowmap = mapperFlowmap;
}());
