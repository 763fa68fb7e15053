/* geonews: networks of who supports, opposes and meets whom (cytoscape, from /network.json).
   Edges are coloured by relation and as wide as the number of articles stating them; a click
   on a node opens its page. No inline script or style (the site's CSP). */
(function () {
  "use strict";
  if (typeof cytoscape === "undefined") return;
  var COLOURS = {supports: "#2e7d32", opposes: "#c62828", met: "#1565c0"};
  var KINDS = {state: "#455a64", "armed-group": "#8d6e63", government: "#6a1b9a",
               organization: "#00838f", official: "#ef6c00"};
  window.geonewsNetworks = [];

  function draw(box, net) {
    var note = box.parentNode.querySelector(".network-note");
    if (!net.nodes.length) {
      box.classList.add("empty-network");
      box.textContent = "No supports, opposes or met statements yet.";
      box.dataset.nodes = "0";
      return;
    }
    var most = net.edges.reduce(function (m, e) { return Math.max(m, e.weight); }, 1);
    var elements = net.nodes.map(function (n) {
      return {data: {id: n.id, label: n.label, href: n.href || "", colour: KINDS[n.kind] || "#78909c",
                     size: n.focus ? 34 : 24}};
    }).concat(net.edges.map(function (e, i) {
      return {data: {id: "e" + i, source: e.source, target: e.target, relation: e.relation,
                     weight: e.weight, colour: COLOURS[e.relation] || "#777",
                     arrow: e.directed ? "triangle" : "none"}};
    }));
    var cy = cytoscape({
      container: box,
      elements: elements,
      style: [
        {selector: "node", style: {"label": "data(label)", "background-color": "data(colour)",
          "width": "data(size)", "height": "data(size)", "font-size": 11, "color": "#1d2330",
          "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "wrap", "text-max-width": 120,
          "text-background-color": "#fafbfc", "text-background-opacity": 0.85,
          "text-background-padding": 2}},
        {selector: "edge", style: {"width": most > 1 ? "mapData(weight, 1, " + most + ", 1.5, 8)" : 2,
          "line-color": "data(colour)", "target-arrow-color": "data(colour)",
          "target-arrow-shape": "data(arrow)", "curve-style": "bezier", "opacity": 0.85}}
      ],
      maxZoom: 2.5, minZoom: 0.2,
      layout: {name: "cose", animate: false, randomize: false, padding: 30,
               nodeDimensionsIncludeLabels: true}
    });
    cy.on("tap", "node", function (ev) {
      var href = ev.target.data("href");
      if (href) window.location.href = href;
    });
    if (note) {
      note.textContent = net.nodes.length + " actors, " + net.edges.length + " links" +
        (net.sampled ? " (the " + net.limit + " links stated by most articles)" : "") + " ·";
    }
    box.dataset.nodes = String(cy.nodes().length);
    window.geonewsNetworks.push(cy);
  }

  document.querySelectorAll("[data-network]").forEach(function (box) {
    fetch(box.dataset.network).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (net) { draw(box, net); }, function (err) {
      box.textContent = "The network could not be loaded (" + err.message + ").";
      box.dataset.nodes = "error";
    });
  });
})();
