// The neighbourhood graph of one entity, drawn with cytoscape.
// The page works without this bundle: it lists the same nodes and edges as a table.
import cytoscape from "cytoscape";

const COLOURS = {
  Film: "#b03a2e", Person: "#1f618d", Character: "#7d3c98", Organization: "#117864",
  Venue: "#9a7d0a", City: "#ca6f1e", Region: "#a04000", Country: "#566573",
  Event: "#196f3d", Other: "#7b7d7d",
};

// A qualifier edge (a cast member's character) arrives labelled with its property id.
const QUALIFIER_LABELS = { P453: "character role", P291: "place of publication", P276: "location",
                           P131: "located in", P17: "country" };

function draw(box, data, centre) {
  const elements = [];
  for (const node of data.nodes) {
    elements.push({ data: { id: String(node.id), label: node.name, type: node.type,
                            colour: COLOURS[node.type] || COLOURS.Other,
                            depth: node.depth || 0, centre: String(node.id) === centre ? 1 : 0 } });
  }
  data.edges.forEach((edge, index) => {
    // One fact can give two edges (its object, and a qualifier hanging off it): ids must differ.
    elements.push({ data: { id: "f" + edge.id + "-" + index, source: String(edge.source), target: String(edge.target),
                            label: QUALIFIER_LABELS[edge.label] || edge.label || edge.predicate } });
  });
  const cy = cytoscape({
    container: box,
    elements,
    // Rings by hop count: the same graph always draws the same way.
    layout: { name: "concentric", animate: false, padding: 30, minNodeSpacing: 60,
              concentric: (node) => 10 - node.data("depth"), levelWidth: () => 1 },
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)",
                                   "font-size": 11, color: "#222", "text-valign": "bottom",
                                   "text-wrap": "wrap", "text-max-width": 120, "text-margin-y": 4 } },
      { selector: "node[centre = 1]", style: { "border-width": 3, "border-color": "#000", width: 40, height: 40 } },
      { selector: "edge", style: { width: 1.5, "line-color": "#aab", "target-arrow-color": "#aab",
                                   "target-arrow-shape": "triangle", "curve-style": "bezier",
                                   label: "data(label)", "font-size": 9, color: "#555", "text-background-color": "#fff",
                                   "text-background-opacity": 0.85, "text-background-padding": 1,
                                   "text-rotation": "autorotate" } },
    ],
  });
  cy.on("tap", "node", (event) => {
    window.location.href = "/entities/" + encodeURIComponent(event.target.id()) + "/graph";
  });
  box.dataset.drawn = "yes";
}

function start() {
  const box = document.getElementById("graph");
  if (!box) return;
  fetch(box.dataset.url)
    .then((response) => response.json())
    .then((data) => draw(box, data, box.dataset.centre))
    .catch((error) => { box.textContent = "The graph could not be drawn: " + error; });
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
