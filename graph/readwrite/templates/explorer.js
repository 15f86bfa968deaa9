/* zhkg graph explorer: draws a small, chosen part of a large graph with vis-network.
 *
 * The page's JSON block holds the whole graph column-wise (see graph/readwrite/html.py).
 * Nothing from it is ever parsed as HTML: every element is built with textContent,
 * vis tooltips are plain strings, and only http(s) URLs become links.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("zhkg-data").textContent);
  var meta = data.meta, E = data.entities, L = data.edges, S = data.sentences, D = data.docs;
  var nEntities = E.id.length, nEdges = L.src.length;
  var CO = data.relations.map(function (r) { return r.name; }).indexOf("CO_OCCURS");
  var MAX_DRAWN = meta.max_drawn, MAX_EDGES = 4 * meta.max_drawn, PAGE = 8;
  var SEARCH_LIMIT = 12, HOP1_SHARE = 0.3, EXPAND_LIMIT = 40, MIN_TIMELINE_MONTHS = 12, MAX_BAR_WIDTH = 28;
  var RELATED_SHOWN = 10, OVERVIEW_ITERATIONS = 150, LAYOUT_LINKS = 2, YEAR_LABEL_WIDTH = 28;

  function $(id) { return document.getElementById(id); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  /* ---- graph structure: adjacency as compressed rows of edge indices ---- */
  var adjStart = new Int32Array(nEntities + 1), adj = new Int32Array(2 * nEdges);
  (function buildAdjacency() {
    var i, e;
    for (e = 0; e < nEdges; e++) { adjStart[L.src[e] + 1]++; adjStart[L.dst[e] + 1]++; }
    for (i = 0; i < nEntities; i++) { adjStart[i + 1] += adjStart[i]; }
    var fill = adjStart.slice(0, nEntities);
    for (e = 0; e < nEdges; e++) { adj[fill[L.src[e]]++] = e; adj[fill[L.dst[e]]++] = e; }
  })();
  function other(e, i) { return L.src[e] === i ? L.dst[e] : L.src[e]; }
  /* An entity by row or by id; a linear scan, as a Map of every id costs more at start-up
     than the few look-ups by id ever do. */
  function entityIndex(ref) {
    var i = typeof ref === "number" ? ref : E.id.indexOf(ref);
    return i >= 0 && i < nEntities ? i : undefined;
  }

  /* ---- months: integers counted from 1970-01 ---- */
  function monthName(m) {
    var year = 1970 + Math.floor(m / 12), month = ((m % 12) + 12) % 12 + 1;
    return year + "-" + (month < 10 ? "0" : "") + month;
  }
  function parseMonth(text) {
    var match = /^(\d{4})-(\d{2})/.exec(text || "");
    return match ? (Number(match[1]) - 1970) * 12 + Number(match[2]) - 1 : null;
  }
  /* ---- state and history ---- */
  var state = { view: { focus: null, expanded: [] }, hops: 1, cooc: false,
                from: null, to: null, size: meta.overview };
  var typeOn = {}, relationOn = {};
  data.types.forEach(function (t) { typeOn[t.name] = true; });
  data.relations.forEach(function (r) { relationOn[r.name] = r.checked; });
  state.cooc = CO >= 0 && relationOn.CO_OCCURS;
  var history = [], cursor = -1;

  function dateFiltered() { return state.from !== null || state.to !== null; }
  function edgeMonthsInRange(e) {
    var pairs = L.months[e], total = 0, lo = state.from === null ? -Infinity : state.from,
        hi = state.to === null ? Infinity : state.to;
    for (var k = 0; k < pairs.length; k += 2) {
      if (pairs[k] >= lo && pairs[k] <= hi) { total += pairs[k + 1]; }
    }
    return total;
  }
  /* An edge takes part when its relation is used and it occurred in the date range;
     undated edges (a place inside a province) hold at any date. */
  function edgeUsable(e) {
    if (L.rel[e] === CO && !state.cooc) { return false; }
    if (!dateFiltered() || L.months[e].length === 0) { return true; }
    return edgeMonthsInRange(e) > 0;
  }
  function edgeRank(e) { return (L.rel[e] === CO ? 0 : 1e9) + L.weight[e]; }

  /* ---- what to draw: overview or ego network ---- */
  function overviewSelection() {
    var nodes = [], size = Math.min(state.size, MAX_DRAWN);
    for (var i = 0; i < nEntities && nodes.length < size; i++) {
      if (!dateFiltered() || activeInRange(i)) { nodes.push(i); }
    }
    return { nodes: nodes, hop: new Map(), parent: new Map(), total: nEntities };
  }
  function activeInRange(i) {
    for (var k = adjStart[i]; k < adjStart[i + 1]; k++) {
      if (L.months[adj[k]].length && edgeUsable(adj[k])) { return true; }
    }
    return false;
  }
  /* Edges of i, best first, sorted once per entity on first use (hubs have thousands). */
  var sortedRows = new Map();
  function rankedEdges(i) {
    var row = sortedRows.get(i);
    if (!row) {
      row = Array.prototype.slice.call(adj, adjStart[i], adjStart[i + 1]);
      row.sort(function (a, b) { return edgeRank(b) - edgeRank(a) || a - b; });
      sortedRows.set(i, row);
    }
    return row;
  }
  /* Up to `limit` neighbours of i by usable edge, best first (typed relations before
     co-occurrence), leaving out those already in `taken` (a Map or Set). */
  function rankedNeighbours(i, limit, taken) {
    var row = rankedEdges(i), seen = new Set(), out = [];
    for (var k = 0; k < row.length && out.length < limit; k++) {
      var j = other(row[k], i);
      if (j !== i && !seen.has(j) && !(taken && taken.has(j)) && edgeUsable(row[k])) { seen.add(j); out.push(j); }
    }
    return out;
  }
  function countNeighbours(i) { return rankedNeighbours(i, Infinity).length; }
  /* The focus, its best neighbours, theirs (2 hops), and those of every expanded node;
     each node remembers the node that brought it in, for the layout. */
  function egoSelection(view) {
    var hop = new Map(), parent = new Map(), nodes = [];
    function add(j, h, from) {
      if (hop.has(j) || nodes.length >= MAX_DRAWN) { return; }
      hop.set(j, h);
      parent.set(j, from);
      nodes.push(j);
    }
    add(view.focus, 0, null);
    var hop1Cap = state.hops === 2 ? Math.floor(MAX_DRAWN * HOP1_SHARE) : MAX_DRAWN - 1;
    rankedNeighbours(view.focus, hop1Cap).forEach(function (j) { add(j, 1, view.focus); });
    if (state.hops === 2) {
      var ring = nodes.slice(1), share = Math.max(3, Math.floor((MAX_DRAWN - nodes.length) / Math.max(ring.length, 1)));
      ring.forEach(function (j) {
        rankedNeighbours(j, share, hop).forEach(function (k) { add(k, 2, j); });
      });
    }
    view.expanded.forEach(function (x) {
      add(x, 1, view.focus);
      rankedNeighbours(x, EXPAND_LIMIT, hop).forEach(function (k) { add(k, hop.get(x) + 1, x); });
    });
    return { nodes: nodes, hop: hop, parent: parent, total: countNeighbours(view.focus) };
  }
  function selectionEdges(nodes) {
    var member = new Set(nodes), edges = [];
    nodes.forEach(function (i) {
      for (var k = adjStart[i]; k < adjStart[i + 1]; k++) {
        var e = adj[k], j = other(e, i);
        if ((j > i || (j === i && L.src[e] === i)) && member.has(j) && edgeUsable(e)) { edges.push(e); }
      }
    });
    if (edges.length > MAX_EDGES) {
      edges.sort(function (a, b) { return edgeRank(b) - edgeRank(a); });
      edges.length = MAX_EDGES;
    }
    return edges;
  }
  /* The strongest co-occurrence links among the overview's entities, drawn hidden:
     they take part in the physics only, so entities named together sit together. */
  function layoutEdges(nodes) {
    var member = new Set(nodes), links = [];
    if (CO < 0 || state.cooc) { return links; }
    nodes.forEach(function (i) {
      for (var k = adjStart[i]; k < adjStart[i + 1]; k++) {
        var e = adj[k], j = other(e, i);
        if (L.rel[e] === CO && j > i && member.has(j)) { links.push(e); }
      }
    });
    links.sort(function (a, b) { return L.weight[b] - L.weight[a] || a - b; });
    return links.slice(0, LAYOUT_LINKS * nodes.length);
  }

  /* ---- vis objects ---- */
  var TYPE = data.types, REL = data.relations;
  function nodeTooltip(i) {
    var lines = [E.label[i], "类型 type: " + TYPE[E.type[i]].name];
    if (E.titles[i].length) { lines.push("职务 titles: " + E.titles[i].join("、")); }
    if (E.aliases[i].length) { lines.push("别名 aliases: " + E.aliases[i].join("、")); }
    lines.push("提及 mentions: " + E.mentions[i] + " · 文档 documents: " + E.docs[i]);
    if (E.first[i]) { lines.push("首见 first seen: " + E.first[i] + " · 末见 last seen: " + E.last[i]); }
    return lines.join("\n");
  }
  function edgeTooltip(e) {
    var lines = [E.label[L.src[e]] + " → " + E.label[L.dst[e]], "关系 relation: " + REL[L.rel[e]].name];
    if (L.note[e]) { lines.push(L.note[e]); }
    lines.push("句子 sentences: " + L.count[e]);
    L.evidence[e].slice(0, 2).forEach(function (s) {
      lines.push("· [" + (S.date[s] || "") + "] " + S.text[s]);
    });
    return lines.join("\n");
  }
  /* The focused entity gets a thick dark border; selected ones keep their type's colour. */
  function focusStyle(i, focused) {
    var color = TYPE[E.type[i]].color, border = focused ? "#111" : color;
    return { id: E.id[i], borderWidth: focused ? 4 : 1, borderWidthSelected: focused ? 5 : 3,
             color: { background: color, border: border,
                      highlight: { background: color, border: "#111" }, hover: { background: color, border: "#111" } } };
  }
  function visNode(i, hop, position) {
    var type = TYPE[E.type[i]];
    var node = Object.assign(focusStyle(i, hop === 0), {
      index: i, label: E.label[i], title: nodeTooltip(i), type: type.name, shape: type.shape,
      value: 1 + 20 * E.score[i], x: position.x, y: position.y });
    if (type.shape === "box") { node.font = { color: "#ffffff" }; }
    return node;
  }
  /* Colour says the relation (see the legend); the label only what the colour cannot:
     the title of a post, the purpose of a visit. */
  function visEdge(e, hidden) {
    var rel = REL[L.rel[e]];
    return { id: "e" + e, index: e, from: E.id[L.src[e]], to: E.id[L.dst[e]], relation: rel.name,
             color: rel.color, title: edgeTooltip(e), value: Math.log(1 + L.count[e]),
             arrows: L.rel[e] === CO ? "" : "to", dashes: L.rel[e] === CO,
             label: L.note[e] || undefined, hidden: !!hidden, physics: true };
  }

  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return typeOn[n.type]; } });
  var edgeView = new vis.DataView(edges, { filter: function (x) {
    if (!x.hidden && !relationOn[x.relation]) { return false; }
    var a = nodes.get(x.from), b = nodes.get(x.to);
    return !!a && !!b && typeOn[a.type] && typeOn[b.type];
  } });
  var options = {
    nodes: { font: { face: meta.font, size: 14 }, borderWidth: 1,
             scaling: { min: 8, max: 40, label: { enabled: true, min: 12, max: 24, drawThreshold: 6 } } },
    edges: { font: { face: meta.font, size: 10, align: "middle", strokeWidth: 3 },
             arrows: { to: { enabled: false, scaleFactor: 0.5 } }, smooth: false,
             scaling: { min: 1, max: 5, label: { enabled: false } } },
    physics: { enabled: true, solver: "forceAtlas2Based",
               forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.03, springLength: 90,
                                   avoidOverlap: 0.4 },
               stabilization: { enabled: true, iterations: 150, updateInterval: 10, fit: true } },
    interaction: { hover: true, tooltipDelay: 200, keyboard: { enabled: true, bindToWindow: false },
                   hideEdgesOnDrag: true },
    layout: { randomSeed: 7, improvedLayout: false }
  };
  var network = new vis.Network($("network"), { nodes: nodeView, edges: edgeView }, options);
  network.on("afterDrawing", function () { document.body.dataset.drawn = "true"; });

  /* ---- layout ----
     The overview starts on a spiral, most important entities in the middle, and
     physics settles it. An ego network starts in rings: the focus in the centre,
     its neighbours on the inner rings, second hops outside them in the order of
     the neighbour that brought them in. Small ones are then relaxed by a short
     physics run (labels stop overlapping); large ones stay in rings, so focusing
     stays fast. Expanding rings the new neighbours around the expanded node and
     moves nothing else. */
  var RING_GAP = 90, NODE_GAP = 80, FIRST_RING = 170, AROUND = 120, RELAX_MAX = 120, RELAX_ITERATIONS = 80;
  function polar(center, radius, angle) {
    return { x: center.x + radius * Math.cos(angle), y: center.y + radius * Math.sin(angle) };
  }
  function spiral(items) {
    var at = new Map();
    items.forEach(function (i, k) { at.set(i, polar({ x: 0, y: 0 }, 45 * Math.sqrt(k + 1), k * 2.39996)); });
    return at;
  }
  /* Puts `items` in order on rings around `center`, from `radius` outwards; the next free radius. */
  function rings(items, at, center, radius, start) {
    for (var k = 0, ring = 0; k < items.length; ring++, radius += RING_GAP) {
      var count = Math.min(Math.max(6, Math.floor(2 * Math.PI * radius / NODE_GAP)), items.length - k);
      for (var n = 0; n < count; n++) {
        at.set(items[k + n], polar(center, radius, start + ring * 0.35 + 2 * Math.PI * n / count));
      }
      k += count;
    }
    return radius;
  }
  function angle(p) { return Math.atan2(p.y, p.x); }
  function egoLayout(selection) {
    var origin = { x: 0, y: 0 }, at = new Map([[selection.nodes[0], origin]]);
    var first = selection.nodes.filter(function (i) { return selection.hop.get(i) === 1; });
    var rest = selection.nodes.filter(function (i) { return selection.hop.get(i) > 1; });
    var outer = rings(first, at, origin, FIRST_RING, 0) + RING_GAP / 2;
    function parentAngle(i) {
      var p = at.get(selection.parent.get(i));
      return p ? (angle(p) + 2 * Math.PI) % (2 * Math.PI) : 0;
    }
    rest.sort(function (a, b) { return parentAngle(a) - parentAngle(b); });
    rings(rest, at, origin, outer, rest.length ? parentAngle(rest[0]) : 0);
    return at;
  }
  /* Expanding keeps every drawn node where it is and rings the new ones around their parent. */
  function expandLayout(selection, from) {
    var at = new Map(), base = network.getPosition(E.id[from]);
    var fresh = selection.nodes.filter(function (i) { return !nodes.get(E.id[i]); });
    rings(fresh, at, base, AROUND, angle(base));
    return at;
  }
  var physicsOn = true;
  function setPhysics(on) {
    physicsOn = on;
    network.setOptions({ physics: { enabled: on } });
    $("physics-toggle").textContent = "物理布局 physics: " + (on ? "on" : "off");
  }
  network.on("stabilizationIterationsDone", function () {
    setPhysics(false);
    settled();
  });
  $("physics-toggle").addEventListener("click", function () { setPhysics(!physicsOn); });

  function draw(selection, expandedFrom) {
    document.body.dataset.busy = "true";
    var overviewing = state.view.focus === null, wanted = new Set(selection.nodes.map(function (i) { return E.id[i]; }));
    var at = overviewing ? spiral(selection.nodes)
      : expandedFrom !== undefined ? expandLayout(selection, expandedFrom) : egoLayout(selection);
    if (expandedFrom === undefined) { nodes.clear(); }
    else { nodes.remove(nodes.getIds({ filter: function (n) { return !wanted.has(n.id); } })); }
    var added = [], changed = [];
    selection.nodes.forEach(function (i) {
      var hop = selection.hop.get(i), old = nodes.get(E.id[i]);
      if (!old) { added.push(visNode(i, hop, at.get(i))); }
      else if ((old.borderWidth === 4) !== (hop === 0)) { changed.push(focusStyle(i, hop === 0)); }
    });
    nodes.update(changed);
    nodes.add(added);
    edges.clear();
    edges.add(selectionEdges(selection.nodes).map(function (e) { return visEdge(e, false); }));
    if (overviewing) {
      edges.add(layoutEdges(selection.nodes).map(function (e) { return visEdge(e, true); }));
      setPhysics(true);
      network.stabilize(OVERVIEW_ITERATIONS);
    } else if (expandedFrom === undefined && selection.nodes.length <= RELAX_MAX) {
      setPhysics(true);
      network.stabilize(RELAX_ITERATIONS);
    } else {
      setPhysics(false);
      if (expandedFrom === undefined) { network.fit({ animation: false }); }
      settled();
    }
  }
  /* Signals that the drawing is done: tests and the benchmark wait for it. */
  function settled() {
    document.body.dataset.stabilized = "true";
    document.body.dataset.busy = "false";
    performance.mark("zhkg-drawn");
  }

  /* ---- views ---- */
  function describe(selection) {
    var note = $("view-note");
    if (state.view.focus === null) {
      note.textContent = "总览：按重要性（类型关系与加权共现）排名前 " + selection.nodes.length + " 个实体，共 " +
        meta.entities_total + " 个 · Overview: the top " + selection.nodes.length + " of " + meta.entities_total +
        " entities by importance (typed relations and weighted co-occurrence).";
      return;
    }
    var label = E.label[state.view.focus];
    note.textContent = label + " 的 " + state.hops + " 跳邻域：" + (selection.nodes.length - 1) + " 个实体（直接邻居 " +
      selection.total + "）· Ego network of " + label + ", " + state.hops + " hop(s): " + (selection.nodes.length - 1) +
      " entities drawn, " + selection.total + " direct neighbours" + (state.cooc ? "" : ", typed relations only") +
      (selection.nodes.length >= MAX_DRAWN ? " (capped at " + MAX_DRAWN + ")" : "") + "." +
      (selection.total === 0 && !state.cooc ? " 无类型关系，勾选 CO_OCCURS 查看共现 · No typed relations: tick CO_OCCURS to see co-occurrence." : "");
  }
  function render(expandedFrom) {
    var view = state.view;
    var selection = view.focus === null ? overviewSelection() : egoSelection(view);
    describe(selection);
    draw(selection, expandedFrom);
    drawTimeline();
    refreshDetails();
    $("back").disabled = cursor <= 0;
    $("forward").disabled = cursor >= history.length - 1;
  }
  function go(view, expandedFrom) {
    history.length = cursor + 1;
    history.push(view);
    cursor = history.length - 1;
    state.view = view;
    render(expandedFrom);
  }
  function focus(ref) {
    var i = entityIndex(ref);
    if (i === undefined) { return false; }
    if (!typeOn[TYPE[E.type[i]].name]) { setType(TYPE[E.type[i]].name, true); }
    go({ focus: i, expanded: [] });
    network.selectNodes([E.id[i]]);
    showEntity(i);
    return true;
  }
  function expand(ref) {
    var i = entityIndex(ref);
    if (i === undefined) { return false; }
    if (state.view.focus === null) { return focus(i); }
    if (state.view.expanded.indexOf(i) >= 0 || i === state.view.focus) { return true; }
    go({ focus: state.view.focus, expanded: state.view.expanded.concat([i]) }, i);
    return true;
  }
  function overview() { go({ focus: null, expanded: [] }); }
  function step(delta) {
    var next = cursor + delta;
    if (next < 0 || next >= history.length) { return; }
    cursor = next;
    state.view = history[cursor];
    render();
    if (state.view.focus !== null) { showEntity(state.view.focus); }
  }
  $("back").addEventListener("click", function () { step(-1); });
  $("forward").addEventListener("click", function () { step(1); });
  $("overview").addEventListener("click", function () {
    state.size = Math.max(1, Math.min(MAX_DRAWN, Number($("overview-size").value) || meta.overview));
    overview();
  });
  $("overview-size").addEventListener("keydown", function (event) {
    if (event.key === "Enter") { $("overview").click(); }
  });
  ["hops-1", "hops-2"].forEach(function (id) {
    $(id).addEventListener("change", function () { state.hops = Number($(id).value); render(); });
  });

  network.on("click", function (params) {
    if (params.nodes.length) { showEntity(nodes.get(params.nodes[0]).index); }
    else if (params.edges.length) { showEdge(edges.get(params.edges[0]).index); }
  });
  network.on("doubleClick", function (params) {
    if (params.nodes.length) { expand(nodes.get(params.nodes[0]).index); }
  });

  /* ---- filters ---- */
  function refresh() { nodeView.refresh(); edgeView.refresh(); }
  function setType(name, on) {
    typeOn[name] = on;
    $("type-" + name).checked = on;
    refresh();
  }
  function setRelation(name, on) {
    relationOn[name] = on;
    if (name === "CO_OCCURS") { state.cooc = on; render(); } else { edgeView.refresh(); }
  }
  function addFilter(container, item, kind, checked, apply) {
    var label = el("label", null, "filter");
    var box = el("input");
    box.type = "checkbox";
    box.id = kind + "-" + item.name;
    box.dataset[kind] = item.name;
    box.checked = checked;
    box.addEventListener("change", function () { apply(item.name, box.checked); });
    var swatch = el("span", null, "swatch " + (kind === "type" ? item.shape : "line"));
    swatch.style.background = item.color;
    label.append(box, swatch, el("span", item.name), el("span", item.count, "count"));
    container.appendChild(label);
  }
  TYPE.forEach(function (t) { addFilter($("type-filters"), t, "type", true, setType); });
  REL.forEach(function (r) { addFilter($("relation-filters"), r, "relation", r.checked, setRelation); });

  /* ---- dates ---- */
  function setDateRange(from, to) {
    state.from = from === null || from === undefined ? null : from;
    state.to = to === null || to === undefined ? null : to;
    $("date-from").value = state.from === null ? "" : monthName(state.from);
    $("date-to").value = state.to === null ? "" : monthName(state.to);
    $("date-note").textContent = dateFiltered() ? "只显示此期间出现的关系（无日期的关系保留）· showing relations dated in this range; undated ones stay." : "";
    render();
  }
  function onDateInput() { setDateRange(parseMonth($("date-from").value), parseMonth($("date-to").value)); }
  $("date-from").addEventListener("change", onDateInput);
  $("date-to").addEventListener("change", onDateInput);
  $("date-clear").addEventListener("click", function () { setDateRange(null, null); });
  if (meta.first_month) {
    ["date-from", "date-to"].forEach(function (id) {
      $(id).min = meta.first_month;
      $(id).max = meta.last_month;
    });
  }

  /* ---- timeline of the focused entity ---- */
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function entityMonths(i) {
    var byMonth = new Map();
    for (var k = adjStart[i]; k < adjStart[i + 1]; k++) {
      var e = adj[k], pairs = L.months[e];
      if (L.rel[e] === CO && !state.cooc) { continue; }
      for (var p = 0; p < pairs.length; p += 2) {
        var counts = byMonth.get(pairs[p]) || {};
        counts[L.rel[e]] = (counts[L.rel[e]] || 0) + pairs[p + 1];
        byMonth.set(pairs[p], counts);
      }
    }
    return byMonth;
  }
  function drawTimeline() {
    var box = $("timeline-svg"), title = $("timeline-title");
    box.textContent = "";
    var i = state.view.focus;
    if (i === null) {
      title.textContent = "时间线 Timeline：聚焦一个实体后显示 · focus an entity to see its months";
      return;
    }
    var byMonth = entityMonths(i), all = Array.from(byMonth.keys()).sort(function (a, b) { return a - b; });
    var months = withinCoverage(i, all), outside = all.length - months.length;
    title.textContent = E.label[i] + " 时间线 timeline" + (all.length ? "" : "：无日期关系 no dated relations") +
      (state.cooc ? "" : " (typed relations; tick CO_OCCURS to add co-occurrence)") +
      (outside ? "；另有 " + outside + " 个月份早于或晚于报道 · " + outside + " months outside the articles' dates not shown" : "");
    if (!months.length) { return; }
    var lo = months[0], span = Math.max(months[months.length - 1] - lo + 1, MIN_TIMELINE_MONTHS);
    var width = box.clientWidth || 600, height = 92, axis = 14;
    var barWidth = Math.min(width / span, MAX_BAR_WIDTH), hi = lo + span - 1;
    var top = 0;
    months.forEach(function (m) {
      var counts = byMonth.get(m), sum = 0;
      Object.keys(counts).forEach(function (r) { sum += counts[r]; });
      top = Math.max(top, sum);
    });
    box.setAttribute("viewBox", "0 0 " + width + " " + height);
    for (var m = lo; m <= hi; m++) {
      if ((m % 12 === 0 || m === lo) && (m - lo) * barWidth + YEAR_LABEL_WIDTH < width) {
        var tick = svg("text", { x: (m - lo) * barWidth + 1, y: height - 2, "font-size": 10, fill: "#666" });
        tick.textContent = String(1970 + Math.floor(m / 12));
        box.appendChild(tick);
      }
      var counts = byMonth.get(m);
      if (!counts) { continue; }
      box.appendChild(monthBar(m, counts, (m - lo) * barWidth, barWidth, (height - axis) / top, height - axis));
    }
  }
  /* Months within the dates of the articles that name the entity: an event a speech recalls
     from decades ago would squeeze the corpus years into a sliver. */
  function withinCoverage(i, months) {
    var first = parseMonth(E.first[i]), last = parseMonth(E.last[i]);
    if (first === null || last === null) { return months; }
    return months.filter(function (m) { return m >= first && m <= last; });
  }
  function monthBar(m, counts, x, width, scale, base) {
    var group = svg("g", { "class": "month", tabindex: 0, role: "button", "data-month": monthName(m) });
    var y = base, total = 0, parts = [];
    Object.keys(counts).forEach(function (r) {
      var h = counts[r] * scale;
      y -= h;
      total += counts[r];
      parts.push(REL[r].name + " " + counts[r]);
      group.appendChild(svg("rect", { x: x + 0.5, y: y, width: Math.max(width - 1, 1), height: h, fill: REL[r].color }));
    });
    var inRange = dateFiltered() && (state.from === null || m >= state.from) && (state.to === null || m <= state.to);
    if (inRange) { group.appendChild(svg("rect", { x: x, y: 0, width: width, height: base, fill: "none", stroke: "#222" })); }
    var label = monthName(m) + ": " + parts.join(", ");
    group.setAttribute("aria-label", label);
    var tip = svg("title", {});
    tip.textContent = label + " · 点击筛选到此月 click to filter to this month";
    group.appendChild(tip);
    group.addEventListener("click", function () { setDateRange(m, m); });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); setDateRange(m, m); }
    });
    return group;
  }

  /* ---- details and evidence ---- */
  var evidenceItems = [], evidencePage = 0, evidenceNames = [];
  function namesOf(i) { return [E.label[i]].concat(E.aliases[i]); }
  /* The sentence as text nodes, with every occurrence of the names in <mark>. */
  function marked(text, names) {
    var spans = [];
    names.filter(Boolean).sort(function (a, b) { return b.length - a.length; }).forEach(function (name) {
      for (var at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
        var end = at + name.length;
        if (!spans.some(function (s) { return at < s[1] && end > s[0]; })) { spans.push([at, end]); }
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var out = document.createDocumentFragment(), pos = 0;
    spans.forEach(function (s) {
      out.appendChild(document.createTextNode(text.slice(pos, s[0])));
      out.appendChild(el("mark", text.slice(s[0], s[1])));
      pos = s[1];
    });
    out.appendChild(document.createTextNode(text.slice(pos)));
    return out;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : ""; }
  function evidenceEntry(item) {
    var s = item.sentence, d = S.doc[s], li = el("li");
    var names = namesOf(L.src[item.edge]).concat(namesOf(L.dst[item.edge]));
    li.appendChild(el("div", E.label[L.src[item.edge]] + " —" + REL[L.rel[item.edge]].name + "→ " +
                             E.label[L.dst[item.edge]], "source"));
    var sentence = el("div");
    sentence.appendChild(marked(S.text[s], names));
    li.appendChild(sentence);
    var source = el("div", null, "source");
    source.appendChild(el("span", (S.date[s] || D.date[d] || "") + " · " + (D.title[d] || D.id[d]) + " "));
    var url = safeUrl(D.url[d]);
    if (url) {
      var link = el("a", "原文 source");
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      source.appendChild(link);
    }
    li.appendChild(source);
    return li;
  }
  function edgeEvidence(e) {
    return L.evidence[e].filter(function (s) { return sentenceInRange(s); })
      .map(function (s) { return { edge: e, sentence: s }; });
  }
  function sentenceInRange(s) {
    if (!dateFiltered()) { return true; }
    var m = parseMonth(S.date[s] || D.date[S.doc[s]]);
    return m === null || ((state.from === null || m >= state.from) && (state.to === null || m <= state.to));
  }
  function showEvidence(items, total) {
    evidenceItems = items;
    evidencePage = 0;
    $("evidence-status").textContent = items.length ? "页面收录 " + items.length + " 句，共 " + total +
      " 句 · " + items.length + " sentences in this page of " + total + " in the corpus" +
      " (first " + meta.max_evidence + " per relation)" : "无证据 no evidence";
    drawEvidencePage();
  }
  function drawEvidencePage() {
    var list = $("evidence-list"), pages = Math.max(1, Math.ceil(evidenceItems.length / PAGE));
    list.textContent = "";
    evidenceItems.slice(evidencePage * PAGE, (evidencePage + 1) * PAGE).forEach(function (item) {
      list.appendChild(evidenceEntry(item));
    });
    list.start = evidencePage * PAGE + 1;
    $("evidence-page").textContent = (evidencePage + 1) + " / " + pages;
    $("evidence-prev").disabled = evidencePage === 0;
    $("evidence-next").disabled = evidencePage >= pages - 1;
  }
  $("evidence-prev").addEventListener("click", function () { evidencePage--; drawEvidencePage(); });
  $("evidence-next").addEventListener("click", function () { evidencePage++; drawEvidencePage(); });

  function definitions(rows) {
    var dl = el("dl");
    rows.forEach(function (row) {
      if (row[1] === "" || row[1] === null || row[1] === undefined) { return; }
      dl.append(el("dt", row[0]), el("dd", row[1]));
    });
    return dl;
  }
  function button(text, onClick) {
    var b = el("button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }
  var shown = null;
  /* The details panel follows the date range and the co-occurrence toggle. */
  function refreshDetails() {
    if (shown && shown.kind === "entity") { showEntity(shown.index); }
    else if (shown && shown.kind === "edge") { showEdge(shown.index); }
  }
  function showEntity(i) {
    shown = { kind: "entity", index: i };
    $("details-title").textContent = E.label[i];
    var body = $("details-body");
    body.textContent = "";
    body.appendChild(definitions([
      ["类型 type", TYPE[E.type[i]].name], ["别名 aliases", E.aliases[i].join("、")],
      ["职务 titles", E.titles[i].join("、")], ["提及 mentions", E.mentions[i]], ["文档 documents", E.docs[i]],
      ["日期 dates", E.first[i] ? E.first[i] + " – " + E.last[i] : ""], ["重要性 importance", E.score[i]]]));
    var actions = el("div", null, "row");
    actions.append(button("聚焦 focus", function () { focus(i); }), button("展开 expand", function () { expand(i); }));
    body.appendChild(actions);
    var list = el("ul");
    list.id = "neighbours";
    rankedNeighbours(i, RELATED_SHOWN).forEach(function (j) {
      var li = el("li");
      li.appendChild(button(E.label[j] + " (" + TYPE[E.type[j]].name + ")", function () { focus(j); }));
      list.appendChild(li);
    });
    body.append(el("h2", "相关 related (" + countNeighbours(i) + ")"), list);
    var items = [], total = 0;
    rankedEdges(i).filter(edgeUsable).forEach(function (e) { Array.prototype.push.apply(items, edgeEvidence(e)); total += L.count[e]; });
    showEvidence(items, total);
  }
  function showEdge(e) {
    shown = { kind: "edge", index: e };
    $("details-title").textContent = E.label[L.src[e]] + " → " + E.label[L.dst[e]];
    var body = $("details-body");
    body.textContent = "";
    body.appendChild(definitions([["关系 relation", REL[L.rel[e]].name], ["说明 note", L.note[e]],
                                  ["句子 sentences", L.count[e]], ["权重 weight", L.weight[e]]]));
    showEvidence(edgeEvidence(e), L.count[e]);
  }

  /* ---- search over every entity ---- */
  var searchKeys = null, searchOwner = [];
  /* Every name and alias, lower-cased; built on the first search, not at start-up. */
  function buildSearchKeys() {
    searchKeys = [];
    for (var i = 0; i < nEntities; i++) {
      namesOf(i).forEach(function (name) { searchKeys.push(name.toLowerCase()); searchOwner.push(i); });
    }
  }
  /* Entities whose name or alias matches: exact, then prefix, then substring; ties by importance. */
  function search(query) {
    var q = String(query || "").trim().toLowerCase(), best = new Map();
    if (!q) { return []; }
    if (searchKeys === null) { buildSearchKeys(); }
    for (var k = 0; k < searchKeys.length; k++) {
      var at = searchKeys[k].indexOf(q);
      if (at < 0) { continue; }
      var score = searchKeys[k].length === q.length ? 3 : at === 0 ? 2 : 1, i = searchOwner[k];
      if ((best.get(i) || 0) < score) { best.set(i, score); }
    }
    return Array.from(best.keys()).sort(function (a, b) {
      return best.get(b) - best.get(a) || E.score[b] - E.score[a] || a - b;
    }).slice(0, SEARCH_LIMIT);
  }
  var results = [], active = -1, input = $("search"), list = $("search-results");
  function showResults(found) {
    results = found;
    active = found.length ? 0 : -1;
    list.textContent = "";
    found.forEach(function (i, k) {
      var li = el("li");
      li.id = "result-" + k;
      li.setAttribute("role", "option");
      li.dataset.id = E.id[i];
      var swatch = el("span", null, "swatch " + TYPE[E.type[i]].shape);
      swatch.style.background = TYPE[E.type[i]].color;
      li.append(swatch, el("span", E.label[i]), el("span", TYPE[E.type[i]].name, "count"));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(k); });
      list.appendChild(li);
    });
    input.setAttribute("aria-expanded", found.length ? "true" : "false");
    highlight();
    $("search-status").textContent = input.value.trim() && !found.length ? "未找到 not found: " + input.value.trim() : "";
  }
  function highlight() {
    Array.prototype.forEach.call(list.children, function (li, k) {
      li.setAttribute("aria-selected", k === active ? "true" : "false");
    });
    if (active >= 0) { input.setAttribute("aria-activedescendant", "result-" + active); list.children[active].scrollIntoView({ block: "nearest" }); }
    else { input.removeAttribute("aria-activedescendant"); }
  }
  function choose(k) {
    var i = results[k];
    showResults([]);
    if (i === undefined) { return; }
    input.value = E.label[i];
    $("search-status").textContent = "已定位 found: " + E.label[i];
    focus(i);
  }
  input.addEventListener("input", function () { showResults(search(input.value)); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && results.length) { active = (active + 1) % results.length; highlight(); event.preventDefault(); }
    else if (event.key === "ArrowUp" && results.length) { active = (active - 1 + results.length) % results.length; highlight(); event.preventDefault(); }
    else if (event.key === "Enter") {
      event.preventDefault();
      if (!results.length) { showResults(search(input.value)); }
      if (results.length) { choose(Math.max(active, 0)); }
    } else if (event.key === "Escape") { showResults([]); }
  });
  input.addEventListener("blur", function () { showResults([]); });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); input.focus(); }
    else if (event.altKey && event.key === "ArrowLeft") { event.preventDefault(); step(-1); }
    else if (event.altKey && event.key === "ArrowRight") { event.preventDefault(); step(1); }
  });

  /* A task of its own, so reading the data and drawing the overview do not block the page as one. */
  setTimeout(overview, 0);
  window.zhkg = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                  data: data, state: state, search: search, focus: focus, expand: expand, overview: overview,
                  back: function () { step(-1); }, forward: function () { step(1); },
                  setDateRange: function (from, to) { setDateRange(parseMonth(from), parseMonth(to)); },
                  setType: setType, setRelation: setRelation, showEdge: showEdge, showEntity: showEntity };
})();
