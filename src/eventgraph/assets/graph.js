/* eventgraph view: draws the JSON in #graph-data with vis-network.
   Every text from the data goes in with textContent or as an option value: never as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var CERTAINTY = ["confirmed", "reported", "alleged", "possible"];
  var large = data.layout === "static";
  var DISPUTED = "#d62728";

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function safeHref(url) {
    try {
      var parsed = new URL(url);
      return (parsed.protocol === "http:" || parsed.protocol === "https:") ? parsed.href : "";
    } catch (e) {
      return "";
    }
  }

  function link(url, text) {
    var href = safeHref(url);
    if (!href) return el("span", text);
    var a = el("a", text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function row(list, name, value) {
    if (value === undefined || value === null || value === "") return;
    var dt = el("dt", name), dd = el("dd", value);
    list.appendChild(dt);
    list.appendChild(dd);
  }

  function sourceLine(info) {
    var p = el("p", null, "source");
    p.appendChild(el("span", "Source: "));
    p.appendChild(info.url ? link(info.url, info.title || info.url) : el("span", info.title || ""));
    var where = [info.outlet, info.published].filter(Boolean).join(", ");
    if (where) p.appendChild(el("span", " (" + where + ")"));
    return p;
  }

  function describeEvent(box, info) {
    if (info.summary) box.appendChild(el("div", info.summary));
    var list = el("dl");
    row(list, "type", info.type);
    row(list, "date", info.date || "undated");
    row(list, "certainty", info.certainty);
    row(list, "status", info.status);
    row(list, "attributed to", info.attributed_to);
    row(list, "via", info.via);
    row(list, "asserted by", info.asserted_by);
    row(list, "denied by", info.denied_by);
    box.appendChild(list);
    if (info.quote) box.appendChild(el("blockquote", info.quote));
    if (info.title || info.url) box.appendChild(sourceLine(info));
    if (info.disputed) box.appendChild(el("p", "Disputed: some sources assert it, others deny it.", "disputed"));
    claimList(box, "Claims for", info.claims_for);
    claimList(box, "Claims against", info.claims_against);
  }

  function claimList(box, heading, lines) {
    if (!lines) return;
    var ul = el("ul", null, "claims");
    String(lines).split("\n").forEach(function (line) { ul.appendChild(el("li", line)); });
    box.appendChild(el("h4", heading));
    box.appendChild(ul);
  }

  function describeNode(node) {
    var box = el("div");
    box.appendChild(el("strong", node.label));
    var info = node.info || {};
    if (node.kind === "event") {
      describeEvent(box, info);
    } else {
      var list = el("dl");
      row(list, "kind", node.kind);
      row(list, "events", info.events);
      row(list, "links", info.degree);
      row(list, "IRI", info.iri);
      box.appendChild(list);
    }
    return box;
  }

  function describeEdge(edge) {
    var box = el("div");
    box.appendChild(el("strong", edge.label || edge.role));
    var list = el("dl"), info = edge.info || {};
    row(list, "role", info.role);
    row(list, "date", info.date);
    row(list, "events", info.weight);
    row(list, "first", info.first);
    row(list, "last", info.last);
    box.appendChild(list);
    (edge.events || []).forEach(function (event) {
      var part = el("div", null, "event");
      part.appendChild(el("em", event.label || event.type));
      describeEvent(part, event);
      box.appendChild(part);
    });
    if (edge.more) box.appendChild(el("p", "and " + edge.more + " more events"));
    return box;
  }

  // -- data sets --
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = data.styles[n.kind] || {color: "#999999", shape: "dot"};
    var item = {id: n.id, label: n.label, shape: style.shape, size: n.size,
                color: {background: style.color, border: style.color}, raw: n};
    if (n.x !== undefined) { item.x = n.x; item.y = n.y; }
    if (n.kind === "event" && n.info && n.info.disputed) {  // disputed events stand out: a thick red dashed rim
      item.color.border = DISPUTED;
      item.borderWidth = 4;
      item.shapeProperties = {borderDashes: [5, 3]};
      item.label = n.label + " (disputed)";
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return {id: i, from: e.from, to: e.to, label: e.label, arrows: "to", value: e.value,
            color: {color: data.roles[e.role] || "#8a8a8a"}, raw: e};
  }));

  // -- filters --
  var filters = {kind: "", type: "", certainty: ""};
  function eventPasses(info) {
    if (filters.type && info.type !== filters.type) return false;
    if (filters.certainty && CERTAINTY.indexOf(info.certainty) > CERTAINTY.indexOf(filters.certainty)) return false;
    return true;
  }
  var nodeView = new vis.DataView(nodes, {filter: function (item) {
    var n = item.raw;
    if (filters.kind && n.kind !== filters.kind && n.kind !== "event") return false;
    if (n.kind === "event") return eventPasses(n.info || {});
    return true;
  }});
  var edgeView = new vis.DataView(edges, {filter: function (item) {
    var e = item.raw;
    if (!e.events) return true;
    return e.events.some(eventPasses);
  }});

  // -- network --
  var container = document.getElementById("graph");
  var options = {
    autoResize: true,
    layout: {improvedLayout: !large && data.nodes.length <= 300, randomSeed: 7},  // the same page draws the same way
    physics: large ? false : {solver: "forceAtlas2Based", stabilization: {iterations: 300, fit: true},
                              forceAtlas2Based: {gravitationalConstant: -60, springLength: 120}},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: large, hideEdgesOnZoom: large},
    nodes: {font: {size: 14, strokeWidth: 3, strokeColor: "#ffffff"}, borderWidth: 1,
            scaling: {label: {enabled: true, min: 10, max: 24, drawThreshold: 6}}},
    edges: {font: {size: 10, align: "middle", strokeWidth: 3, strokeColor: "#ffffff"},
            smooth: large ? false : {type: "dynamic"}, scaling: {min: 1, max: 8}}
  };
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);

  // vis-network skips a label drawn smaller than its threshold (6 px): fitted to the window, a graph of
  // a hundred nodes opens with none.  The actors' names are made large enough to read at the opening zoom
  // (they then grow as one zooms in); events and items keep the small font.
  var ACTOR_KINDS = ["country", "organisation", "unit", "person", "armed group", "actor"];
  var READABLE_PX = 9, BASE_FONT = 14, MAX_FONT = 72;
  function readableActorNames() {
    var wanted = Math.min(MAX_FONT, Math.ceil(READABLE_PX / network.getScale()));
    if (wanted <= BASE_FONT) return;
    nodes.update(data.nodes.filter(function (n) { return ACTOR_KINDS.indexOf(n.kind) >= 0; })
      .map(function (n) { return {id: n.id, font: {size: wanted}}; }));
  }
  function settled() {
    readableActorNames();
    document.body.setAttribute("data-settled", "true");
  }
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({physics: false});  // the layout settles and stays put
    network.fit({animation: false});
    settled();
  });
  if (large) {
    network.fit({animation: false});
    settled();
  }

  // -- tooltip and details --
  var tooltip = document.getElementById("tooltip"), details = document.getElementById("details");
  function show(box, pointer) {
    tooltip.textContent = "";
    tooltip.appendChild(box);
    tooltip.style.left = (pointer.DOM.x + 16) + "px";
    tooltip.style.top = (pointer.DOM.y + 60) + "px";
    tooltip.hidden = false;
  }
  network.on("hoverNode", function (p) { show(describeNode(nodes.get(p.node).raw), p.pointer); });
  network.on("hoverEdge", function (p) { show(describeEdge(edges.get(p.edge).raw), p.pointer); });
  network.on("blurNode", function () { tooltip.hidden = true; });
  network.on("blurEdge", function () { tooltip.hidden = true; });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", function (p) {
    details.textContent = "";
    var box = null;
    if (p.nodes.length) box = describeNode(nodes.get(p.nodes[0]).raw);
    else if (p.edges.length) box = describeEdge(edges.get(p.edges[0]).raw);
    if (!box) { details.hidden = true; return; }
    var close = el("button", "close");
    close.type = "button";
    close.addEventListener("click", function () { details.hidden = true; });
    details.appendChild(close);
    details.appendChild(box);
    details.hidden = false;
  });

  // -- controls: search and filter menus --
  var controls = document.getElementById("controls");
  var counter = el("span", "", "count");
  function updateCount() {
    counter.textContent = nodeView.length + " nodes, " + edgeView.length + " edges";
  }

  var search = el("input");
  search.type = "search";
  search.placeholder = "search a name";
  search.setAttribute("aria-label", "search a name");
  search.setAttribute("list", "eventgraph-names");
  var names = el("datalist");
  names.id = "eventgraph-names";
  var seen = {};
  data.nodes.forEach(function (n) {
    if (n.kind !== "event" && !seen[n.label]) {
      seen[n.label] = true;
      var option = el("option");
      option.value = n.label;
      names.appendChild(option);
    }
  });
  search.addEventListener("change", function () {
    var text = search.value.trim().toLowerCase();
    if (!text) { network.unselectAll(); return; }
    var found = nodeView.getIds({filter: function (item) {
      return String(item.label).toLowerCase().indexOf(text) >= 0;
    }});
    network.selectNodes(found);
    if (found.length) network.focus(found[0], {scale: 1.2, animation: !large});
  });

  function keepPositions() {  // nodes shown again come back where they were
    var positions = network.getPositions();
    nodes.update(Object.keys(positions).map(function (id) {
      return {id: Number(id), x: positions[id].x, y: positions[id].y};
    }));
  }

  function menu(label, values, key, all) {
    var wrap = el("label", label + " ");
    var select = el("select");
    var first = el("option", all);
    first.value = "";
    select.appendChild(first);
    values.forEach(function (value) {
      var option = el("option", value);
      option.value = value;
      select.appendChild(option);
    });
    select.addEventListener("change", function () {
      keepPositions();
      filters[key] = select.value;
      nodeView.refresh();
      edgeView.refresh();
      updateCount();
    });
    wrap.appendChild(select);
    return wrap;
  }
  function distinct(values) {
    return values.filter(function (v, i, all) { return v && all.indexOf(v) === i; }).sort();
  }
  var kinds = Object.keys(data.styles).filter(function (k) { return k !== "event"; });
  var types = distinct(data.nodes.map(function (n) { return n.kind === "event" ? n.info.type : ""; })
    .concat(data.edges.reduce(function (all, e) {
      return all.concat((e.events || []).map(function (ev) { return ev.type; }));
    }, [])));
  controls.appendChild(search);
  controls.appendChild(names);
  controls.appendChild(menu("kind", kinds, "kind", "all kinds"));
  controls.appendChild(menu("event type", types, "type", "all types"));
  controls.appendChild(menu("certainty at least", CERTAINTY, "certainty", "any certainty"));
  var physics = el("button", "physics on");
  physics.type = "button";
  var physicsOn = false;
  physics.addEventListener("click", function () {
    physicsOn = !physicsOn;
    network.setOptions({physics: physicsOn ? {solver: "forceAtlas2Based"} : false});
    physics.textContent = physicsOn ? "physics off" : "physics on";
  });
  controls.appendChild(physics);
  controls.appendChild(counter);
  updateCount();

  // -- legend --
  var legend = document.getElementById("legend");
  legend.appendChild(el("strong", "Legend"));
  Object.keys(data.styles).forEach(function (kind) {
    var entry = el("div", null, "entry");
    var swatch = el("span", null, "swatch " + data.styles[kind].shape);
    swatch.style.background = data.styles[kind].color;
    entry.appendChild(swatch);
    entry.appendChild(el("span", kind));
    legend.appendChild(entry);
  });
  if (data.nodes.some(function (n) { return n.info && n.info.disputed; })) {
    var disputed = el("div", null, "entry");
    var rim = el("span", null, "swatch disputed-swatch");
    disputed.appendChild(rim);
    disputed.appendChild(el("span", "disputed event (asserted and denied)"));
    legend.appendChild(disputed);
  }
  legend.appendChild(el("div", data.view === "actors"
    ? "size: number of links; edge: events between two actors, by type, weighted by count"
    : "size: number of links; edge: role in the event and its date", "note"));

  window.eventgraph = {network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView};
})();
