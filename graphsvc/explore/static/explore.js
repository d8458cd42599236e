// The explorer: search, a neighbourhood graph (Cytoscape.js), click to expand, a project's
// introductions with their paths highlighted.
"use strict";
const COLOURS = { member: "#2b7bb9", project: "#e07b00", skill: "#3a9d5d", city: "#8e44ad", need: "#c0392b" };

const cy = cytoscape({
  container: document.getElementById("graph"),
  style: [
    { selector: "node", style: { label: "data(label)", "font-size": 9, "min-zoomed-font-size": 7, width: 14, height: 14,
      "background-color": (n) => COLOURS[n.data("kind")] || "#777" } },
    { selector: "node[?withdrawn]", style: { "background-opacity": 0.35 } },
    { selector: "node.candidate", style: { "border-width": 3, "border-color": "#f1c40f", width: 20, height: 20 } },
    { selector: "edge", style: { width: 1, "line-color": "#bbb", "curve-style": "haystack" } },
    { selector: "edge.path", style: { width: 4, "line-color": "#f1c40f", "z-index": 10 } },
  ],
  minZoom: 0.1, maxZoom: 4, textureOnViewport: true, hideEdgesOnViewport: true,
});
window.graphsvcExplorer = { cy };

function layout() {
  cy.layout({ name: cy.nodes().length > 300 ? "concentric" : "cose", animate: false }).run();
}

function addGraph(graph) {
  const elements = [];
  for (const node of graph.nodes) {
    if (cy.getElementById(node.id).empty()) {
      elements.push({ group: "nodes", data: { id: node.id, kind: node.kind, label: node.label,
                                              withdrawn: node.consent === false } });
    }
  }
  for (const edge of graph.edges) {
    const id = `${edge.source}|${edge.type}|${edge.target}`;
    if (cy.getElementById(id).empty()) {
      elements.push({ group: "edges", data: { id, source: edge.source, target: edge.target, type: edge.type } });
    }
  }
  cy.add(elements);
  layout();
}

function filters() {
  const params = new URLSearchParams();
  for (const box of document.querySelectorAll(".rel-type:checked")) params.append("types", box.value);
  const city = document.getElementById("city").value;
  if (city) params.set("city_id", city);
  return params;
}

async function neighbourhood(kind, id, hops) {
  const params = filters();
  params.set("kind", kind); params.set("id", id); params.set("hops", hops);
  return api(`/explore/neighbourhood?${params}`);
}

async function open(kind, id) {
  cy.elements().remove();
  addGraph(await neighbourhood(kind, id, document.getElementById("hops").value));
  select(cy.getElementById(id));
}

function select(node) {
  const details = document.getElementById("details");
  details.replaceChildren(element("h2", node.data("label")), element("p", `${node.data("kind")} ${node.id()}`));
  if (node.data("kind") === "project") {
    const button = element("button", "Show introductions", { id: "show-introductions", type: "button" });
    button.addEventListener("click", () => introductions(node.id()));
    details.append(button);
  }
  if (node.data("kind") === "city") {
    details.append(element("a", "City dashboard", { href: `/explore/cities/${encodeURIComponent(node.id())}`, id: "city-link" }));
  }
}

async function introductions(projectId) {
  const answer = await api(`/projects/${encodeURIComponent(projectId)}/introductions?limit=5&lang=en`);
  const list = document.getElementById("introductions");
  list.replaceChildren();
  cy.elements().removeClass("path candidate");
  for (const intro of answer.introductions) {
    for (const path of intro.paths) {
      addGraph({
        nodes: path.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.name })),
        edges: path.relationships.map((r) => ({ source: r.from, target: r.to, type: r.type })),
      });
      for (const r of path.relationships) cy.getElementById(`${r.from}|${r.type}|${r.to}`).addClass("path");
    }
    if (!intro.paths.length) addGraph({ nodes: [{ id: intro.member.id, kind: "member", label: intro.member.name }], edges: [] });
    cy.getElementById(intro.member.id).addClass("candidate");
    const item = element("li", undefined, { class: "introduction" });
    const components = Object.entries(intro.components).map(([k, v]) => `${k} ${v}`).join(", ");
    item.append(element("strong", `${intro.member.name} (score ${intro.score})`),
                element("p", intro.explanation), element("small", components));
    list.append(item);
  }
  if (!answer.introductions.length) list.append(element("li", "No introduction for this project."));
}

cy.on("tap", "node", async (event) => {
  const node = event.target;
  select(node);
  addGraph(await neighbourhood(node.data("kind"), node.id(), 1));
});

document.getElementById("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const query = document.getElementById("search").value.trim();
  if (!query) return;
  const answer = await api(`/search?q=${encodeURIComponent(query)}&limit=20`);
  const list = document.getElementById("results");
  list.replaceChildren();
  for (const hit of answer) {
    if (hit.kind === "need") continue;
    const item = element("li");
    const link = element("button", `${hit.kind}: ${hit.name}`, { type: "button", class: "result", "data-id": hit.id });
    link.addEventListener("click", () => open(hit.kind, hit.id));
    item.append(link);
    list.append(item);
  }
});

async function loadCities() {
  if (!apiKey()) return;
  const cities = await api("/cities?page_size=100&sort=-population");
  const select = document.getElementById("city");
  for (const city of cities) select.append(element("option", city.name, { value: city.id }));
}
document.addEventListener("graphsvc:key", loadCities);
loadCities();
