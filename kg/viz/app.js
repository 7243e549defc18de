/* kg: the interactive graph page. Every piece of text from the data goes into the page through
   textContent or as a Text node, never as markup. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  /* el("li", {class: "x"}, child, "text", ...): children are nodes or strings (Text nodes). */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (key === "class") node.className = value;
        else if (key === "text") node.textContent = value;
        else if (key === "onclick") node.addEventListener("click", value);
        else node.setAttribute(key, value);
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.append(child);
    }
    return node;
  }

  function darker(hex, amount) {
    var h = hex.length === 4 ? "#" + hex[1] + hex[1] + hex[2] + hex[2] + hex[3] + hex[3] : hex;
    var parts = [1, 3, 5].map(function (i) {
      return Math.max(0, Math.round(parseInt(h.substr(i, 2), 16) * (1 - amount)));
    });
    return "#" + parts.map(function (v) { return v.toString(16).padStart(2, "0"); }).join("");
  }

  function count(n, one, many) { return n.toLocaleString("en") + " " + (n === 1 ? one : many); }

  var classes = data.classes.map(function (c) { return { name: c[0], color: c[1], count: c[2] }; });
  var relations = data.relations.map(function (r) { return { name: r[0], iri: r[1], sym: r[2], count: r[3] }; });
  var docs = data.docs.map(function (d) { return { id: d[0], title: d[1], date: d[2], source: d[3] }; });
  var N = data.nodes;
  var E = data.edges;

  /* Incident edges, roles, events and claims of each entity. */
  var incident = N.map(function () { return []; });
  E.forEach(function (e, i) { incident[e.from].push(i); if (e.to !== e.from) incident[e.to].push(i); });
  var rolesOf = N.map(function () { return []; });
  data.roles.forEach(function (r) {
    if (r[1] !== null) rolesOf[r[1]].push(r);
    if (r[2] !== null && r[2] !== r[1]) rolesOf[r[2]].push(r);
  });
  var eventsOf = N.map(function () { return []; });
  data.events.forEach(function (ev) { ev[3].forEach(function (i) { eventsOf[i].push(ev); }); });
  var claimsOf = N.map(function () { return []; });
  data.claims.forEach(function (c) {
    claimsOf[c[0]].push(c);
    if (c[2] !== null && c[2] !== c[0]) claimsOf[c[2]].push(c);
  });

  /* ---- header ---- */
  $("title").textContent = data.title;
  $("summary").textContent = [count(N.length, "entity", "entities"), count(E.length, "relation", "relations"),
    count(docs.length, "document", "documents")].join(" · ");

  /* ---- the network ---- */
  var classOn = classes.map(function () { return true; });
  var relOn = relations.map(function () { return true; });

  var nodes = new vis.DataSet(N.map(function (n, i) {
    var c = classes[n.cls];
    return {
      id: i, label: n.label.length > 48 ? n.label.slice(0, 47) + "…" : n.label, x: n.x, y: n.y, size: n.size,
      color: {
        background: c.color, border: darker(c.color, 0.28),
        highlight: { background: c.color, border: "#1f2933" },
        hover: { background: c.color, border: "#1f2933" }
      }
    };
  }));
  var edges = new vis.DataSet(E.map(function (e, i) {
    var edge = { id: i, from: e.from, to: e.to, label: relations[e.rel].name, rel: e.rel };
    if (!e.sym) edge.arrows = { to: { enabled: true, scaleFactor: 0.5 } };
    if (e.curve) edge.smooth = { enabled: true, type: e.curve > 0 ? "curvedCW" : "curvedCCW", roundness: Math.abs(e.curve) };
    return edge;
  }));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return classOn[N[n.id].cls]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) { return relOn[e.rel] && classOn[N[e.from].cls] && classOn[N[e.to].cls]; }
  });

  var large = data.large;
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 1 },
    physics: data.physics ? {
      enabled: true,
      solver: "barnesHut",
      barnesHut: { gravitationalConstant: -3000, centralGravity: 0.05, springLength: 120, springConstant: 0.03, damping: 0.2, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: 200, fit: true },
      minVelocity: 1
    } : { enabled: false },
    interaction: {
      hover: !large, hideEdgesOnDrag: large, hideEdgesOnZoom: large, tooltipDelay: 300,
      navigationButtons: false, keyboard: { enabled: false }, multiselect: false
    },
    nodes: {
      shape: "dot", borderWidth: 1.5, borderWidthSelected: 3,
      font: { size: 14, face: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", color: "#1f2933", strokeWidth: 4, strokeColor: "#ffffff" }
    },
    edges: {
      width: 1, selectionWidth: 1.5, smooth: false,
      color: { color: "#a3adb8", highlight: "#3e4c59", hover: "#616e7c", inherit: false, opacity: 0.85 },
      font: { size: 10, face: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", color: "#616e7c", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" }
    }
  };
  var container = $("graph");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;

  var drawn = false, stable = !data.physics;
  function ready() {
    if (drawn && stable && document.body.dataset.state !== "ready") {
      document.body.dataset.state = "ready";
      window.kgReadyAt = performance.now();
    }
  }
  /* Fit the whole graph, leaving room for the labels of the outermost nodes. */
  function fitAll() {
    network.fit();
    if (!large) network.moveTo({ scale: network.getScale() * 0.9 });
  }
  network.once("afterDrawing", function () {
    drawn = true;
    if (stable && !large) fitAll();
    ready();
  });
  if (data.physics) network.once("stabilized", function () { stable = true; fitAll(); ready(); });
  network.on("hoverNode", function () { container.style.cursor = "pointer"; });
  network.on("blurNode", function () { container.style.cursor = ""; });
  network.on("click", function (params) {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
    else hidePanel();
  });
  $("fit").addEventListener("click", fitAll);

  /* Spotlight: while an entity is selected, everything but it, its relations and its neighbours
     is veiled, and those are drawn again on top (vis-network's own drawing routines). */
  var spotlight = null;
  function setSpotlight(i) {
    if (i === null) { spotlight = null; network.redraw(); return; }
    var edgeIds = incident[i].filter(function (k) { return edgeView.get(k) !== null; });
    var nodeIds = [i];
    edgeIds.forEach(function (k) { var e = E[k]; nodeIds.push(e.from === i ? e.to : e.from); });
    spotlight = { nodes: nodeIds, edges: edgeIds };
    network.redraw();
  }
  network.on("afterDrawing", function (ctx) {
    if (!spotlight) return;
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(247, 248, 250, 0.8)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    var body = network.body, labels = [];
    spotlight.edges.forEach(function (k) { var e = body.edges[k]; if (e) { e.draw(ctx); e.drawArrows(ctx); } });
    spotlight.nodes.slice().reverse().forEach(function (id) {
      var node = body.nodes[id];
      if (!node) return;
      var later = node.draw(ctx);
      if (later && later.drawExternalLabel) labels.push(later.drawExternalLabel);
    });
    labels.forEach(function (draw) { draw(); });
  });

  /* ---- filters ---- */
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  function filterList(list, items, state, mark) {
    items.forEach(function (item, i) {
      var box = el("input", { type: "checkbox" });
      box.checked = true;
      box.addEventListener("change", function () { state[i] = box.checked; refresh(); });
      list.append(el("li", null, el("label", { title: item.name }, box, mark(item),
        el("span", { class: "name", text: item.name }), el("span", { class: "count", text: item.count.toLocaleString("en") }))));
    });
  }
  filterList($("classes"), classes, classOn, function (c) {
    var dot = el("span", { class: "swatch" });
    dot.style.background = c.color;
    return dot;
  });
  filterList($("relations"), relations, relOn, function (r) {
    return el("span", { class: "arrow", text: r.sym ? "↔" : "→", title: r.sym ? "symmetric: drawn once, without arrow" : "directed" });
  });
  function setAll(which, value) {
    var state = which === "classes" ? classOn : relOn;
    for (var i = 0; i < state.length; i++) state[i] = value;
    $(which).querySelectorAll("input").forEach(function (box) { box.checked = value; });
    refresh();
  }
  document.querySelectorAll("[data-all]").forEach(function (b) {
    b.addEventListener("click", function () { setAll(b.dataset.all, true); });
  });
  document.querySelectorAll("[data-none]").forEach(function (b) {
    b.addEventListener("click", function () { setAll(b.dataset.none, false); });
  });
  $("hint").textContent = (N.length ? "Click an entity to see its names, relations and the sentences behind them. " : "No entity to show. ") +
    "Node size shows importance (PageRank)." + (large ? " Zoom in to read the labels." : "");

  /* ---- search ---- */
  var names = N.map(function (n) {
    return [n.label].concat(n.alt || []).map(function (s) { return s.toLowerCase(); });
  });
  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    for (var i = 0; i < N.length; i++) {
      var best = 9, via = null;
      for (var k = 0; k < names[i].length; k++) {
        var name = names[i][k], score = 9;
        if (name === q) score = 0;
        else if (name.startsWith(q)) score = 1;
        else if (name.indexOf(" " + q) >= 0) score = 2;
        else if (name.indexOf(q) >= 0) score = 3;
        if (score < best) { best = score; via = k; }
      }
      if (best < 9) hits.push({ i: i, score: best, via: via });
    }
    hits.sort(function (a, b) {
      return a.score - b.score || N[b.i].rank - N[a.i].rank || (N[a.i].label < N[b.i].label ? -1 : 1);
    });
    return hits.slice(0, 12);
  }
  var input = $("search"), results = $("results"), current = [], cursor = 0;
  function showResults() {
    current = search(input.value);
    cursor = 0;
    results.replaceChildren();
    if (!input.value.trim()) { results.hidden = true; input.setAttribute("aria-expanded", "false"); return; }
    if (!current.length) results.append(el("li", { class: "none", text: "No entity has this name" }));
    current.forEach(function (hit, k) {
      var n = N[hit.i], dot = el("span", { class: "swatch" });
      dot.style.background = classes[n.cls].color;
      var also = hit.via > 0 ? el("span", { class: "also", text: (n.alt || [])[hit.via - 1] }) : null;
      var li = el("li", { role: "option", "aria-selected": k === 0 ? "true" : "false" }, dot, el("span", { text: n.label }), also);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(hit.i); });
      results.append(li);
    });
    results.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }
  function moveCursor(step) {
    if (!current.length) return;
    cursor = (cursor + step + current.length) % current.length;
    Array.prototype.forEach.call(results.children, function (li, k) { li.setAttribute("aria-selected", k === cursor ? "true" : "false"); });
  }
  function choose(i) {
    results.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.value = N[i].label;
    focusNode(i);
  }
  input.addEventListener("input", showResults);
  input.addEventListener("focus", function () { if (input.value.trim()) showResults(); });
  input.addEventListener("blur", function () { results.hidden = true; });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown") { moveCursor(1); ev.preventDefault(); }
    else if (ev.key === "ArrowUp") { moveCursor(-1); ev.preventDefault(); }
    else if (ev.key === "Enter") { if (current.length) choose(current[cursor].i); ev.preventDefault(); }
    else if (ev.key === "Escape") { if (results.hidden) hidePanel(); else results.hidden = true; }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape" && document.activeElement !== input) hidePanel();
  });

  function focusNode(i) {
    var cls = N[i].cls;
    if (!classOn[cls]) {
      classOn[cls] = true;
      $("classes").querySelectorAll("input")[cls].checked = true;
      refresh();
    }
    network.selectNodes([i]);
    showNode(i);
    /* Centre the entity, zoomed so that its neighbours are in view when they are near enough. */
    var ids = spotlight ? spotlight.nodes : [i];
    var pos = network.getPositions(ids), here = pos[i], reach = 0;
    ids.forEach(function (id) { reach = Math.max(reach, Math.abs(pos[id].x - here.x), Math.abs(pos[id].y - here.y)); });
    var room = Math.min(container.clientWidth, container.clientHeight) / 2 - 40;
    var scale = Math.min(1.2, Math.max(large ? 0.5 : 0.25, room / (reach + 60)));
    network.focus(i, { scale: scale, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
  }

  /* ---- details panel ---- */
  var panel = $("panel"), details = $("details");
  $("close").addEventListener("click", hidePanel);
  function hidePanel() {
    if (!panel.hidden) { panel.hidden = true; network.setSize("100%", "100%"); }
    network.unselectAll();
    setSpotlight(null);
  }
  function openPanel(children) {
    details.replaceChildren.apply(details, children.filter(function (c) { return c; }));
    panel.scrollTop = 0;
    if (panel.hidden) { panel.hidden = false; network.setSize("100%", "100%"); }
  }

  function link(i) {
    return el("button", { type: "button", class: "link", text: N[i].label, onclick: function () { focusNode(i); } });
  }
  function chip(cls) {
    var dot = el("span", { class: "swatch" });
    dot.style.background = classes[cls].color;
    return el("span", { class: "chip" }, dot, classes[cls].name);
  }
  function docText(d) {
    var doc = docs[d];
    var parts = [doc.id];
    if (doc.title) parts.push(doc.title);
    if (doc.date) parts.push(doc.date);
    return parts.join(" · ");
  }
  function evidenceList(ev) {
    var out = [];
    (ev || []).forEach(function (e) {
      if (e[0]) out.push(el("blockquote", { text: e[0] }));
      var src = [];
      if (e[1] !== null) src.push(docText(e[1]));
      if (e[2] !== null) src.push("confidence " + e[2]);
      if (e[3]) src.push("rule " + e[3]);
      if (src.length) out.push(el("div", { class: "source", text: "— " + src.join(" · ") }));
    });
    return out;
  }
  function section(title, body) {
    return body && (!Array.isArray(body) || body.length) ? [el("h3", { text: title })].concat(body) : [];
  }

  function showNode(i) {
    var n = N[i];
    setSpotlight(i);
    var parts = [el("h2", { text: n.label }), el("div", null, chip(n.cls))];
    if (n.alt && n.alt.length) parts = parts.concat(section("Also known as", [el("div", { text: n.alt.join(" · ") })]));
    parts = parts.concat(section("Types", [el("div", { text: n.types.join(" · ") })]));

    var facts = [];
    (n.facts || []).forEach(function (f) {
      facts.push(el("dt", { text: f[0] }), el("dd", null, el("span", { text: f[1] }), ...evidenceList(f[2])));
    });
    if (facts.length) parts = parts.concat(section("Facts", [el("dl", { class: "facts" }, ...facts)]));

    var roles = rolesOf[i].map(function (r) {
      var other = r[1] === i ? r[2] : r[1];
      return el("li", null, el("span", { class: "rel", text: r[0] }),
        other !== null ? el("span", { class: "dir", text: r[1] === i ? "of" : "held by" }) : null,
        other !== null ? link(other) : null);
    });
    if (roles.length) parts = parts.concat(section("Roles", [el("ul", { class: "rels" }, ...roles)]));

    var events = eventsOf[i].map(function (ev) {
      var others = ev[3].filter(function (j) { return j !== i; });
      var li = el("li", null, el("span", { text: ev[0] }));
      var meta = [ev[1], ev[2]].filter(function (x) { return x; }).join(" · ");
      if (meta) li.append(el("div", { class: "meta", text: meta }));
      if (others.length) {
        var with_ = el("div", { class: "meta" }, "with ");
        others.forEach(function (j, k) { if (k) with_.append(", "); with_.append(link(j)); });
        li.append(with_);
      }
      evidenceList(ev[4]).forEach(function (x) { li.append(x); });
      return li;
    });
    if (events.length) parts = parts.concat(section("Events", [el("ul", { class: "rels" }, ...events)]));

    var rels = incident[i].slice().sort(function (a, b) {
      var ea = E[a], eb = E[b];
      var na = relations[ea.rel].name, nb = relations[eb.rel].name;
      return na < nb ? -1 : na > nb ? 1 : a - b;
    }).map(function (k) {
      var e = E[k], out = e.from === i, other = out ? e.to : e.from;
      var line = e.sym ? el("span", { class: "dir", text: "↔" }) : el("span", { class: "dir", text: out ? "→" : "←" });
      return el("li", null, el("span", { class: "rel", text: relations[e.rel].name }), line, link(other), ...evidenceList(e.ev));
    });
    parts = parts.concat(section("Relations (" + rels.length + ")", rels.length ? [el("ul", { class: "rels" }, ...rels)] : [el("div", { class: "empty", text: "none" })]));

    var claims = claimsOf[i].map(function (c) {
      var li = el("li", { class: "claim" });
      if (c[0] !== i) li.append(link(c[0]), " ");
      li.append(el("span", { class: "rel", text: c[1] }), " ");
      if (c[2] !== null && c[2] !== i) li.append(link(c[2]));
      else if (c[3] !== null) li.append(el("span", { text: c[3] }));
      li.append(el("span", { class: "tag", text: c[4] }));
      evidenceList(c[5]).forEach(function (x) { li.append(x); });
      return li;
    });
    if (claims.length) parts = parts.concat(section("Denied or only possible", [el("ul", { class: "rels" }, ...claims)]));

    var mentioned = (n.docs || []).map(function (d) { return el("li", { text: docText(d) }); });
    if (mentioned.length) parts = parts.concat(section("Mentioned in", [el("ul", { class: "rels" }, ...mentioned)]));

    parts.push(el("h3", { text: "Importance" }),
      el("div", { class: "meta", text: "degree " + n.degree + " · PageRank " + n.rank + " × average" }),
      el("p", { class: "iri", text: n.iri }));
    openPanel(parts);
  }

  function showEdge(k) {
    var e = E[k], r = relations[e.rel];
    setSpotlight(null);
    openPanel([
      el("h2", { text: r.name }),
      el("div", null, link(e.from), el("span", { class: "dir", text: e.sym ? "↔" : "→" }), link(e.to)),
      ...section("Evidence", evidenceList(e.ev).length ? evidenceList(e.ev) : [el("div", { class: "empty", text: "no sentence recorded" })]),
      el("p", { class: "iri", text: r.iri })
    ]);
  }
})();
