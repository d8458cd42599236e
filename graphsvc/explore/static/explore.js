// The explorer: a node's neighbourhood as a readable graph (Cytoscape.js), a node's context,
// a project's introductions with their paths, deep links.
//
// Readable by default: at most MAX_DRAWN nodes are drawn. The start node and its nearest, most
// connected neighbours are drawn; the rest are grouped into nodes that say what they hold
// ("+212 membres") and open on a click. The layout is concentric by distance (linear time, a
// few milliseconds for 150 nodes); nodes added later are placed around the node they hang from
// and nothing already placed moves. The graph carries aria-busy while it fetches or draws.
"use strict";
const COLOURS = { member: "#2b7bb9", project: "#e07b00", skill: "#3a9d5d", city: "#8e44ad", need: "#c0392b" };
const MAX_DRAWN = 150;
const PER_ANCHOR = 12;  // nodes drawn two steps away under any one neighbour; the rest grouped
const OPEN_PER_CLICK = 40;
const graphBox = document.getElementById("graph");

const cy = cytoscape({
  container: graphBox,
  style: [
    { selector: "node", style: {
      label: "data(short)", "font-size": 8, "min-zoomed-font-size": 9, width: 12, height: 12,
      "text-valign": "bottom", "text-margin-y": 2, color: "#333",
      "background-color": (n) => COLOURS[n.data("kind")] || "#777" } },
    { selector: "node[?important]", style: { "font-size": 11, "min-zoomed-font-size": 5, width: 18, height: 18 } },
    { selector: "node[?start]", style: { width: 28, height: 28, "font-size": 13, "font-weight": "bold" } },
    { selector: "node[?withdrawn]", style: { "background-opacity": 0.35 } },
    { selector: "node.group", style: {
      shape: "round-rectangle", width: "label", height: 16, padding: 4, "background-color": "#fff",
      "border-width": 1.5, "border-style": "dashed", "border-color": (n) => COLOURS[n.data("kind")] || "#777",
      "text-valign": "center", "text-margin-y": 0, "font-size": 10, "min-zoomed-font-size": 5 } },
    { selector: "node.candidate", style: { "border-width": 3, "border-color": "#f1c40f", width: 20, height: 20, "font-size": 11, "min-zoomed-font-size": 5 } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#222" } },
    { selector: "edge", style: { width: 1, "line-color": "#ccc", "curve-style": "haystack" } },
    { selector: "edge.to-group", style: { "line-style": "dashed" } },
    { selector: "edge.shares", style: { "line-style": "dashed", "curve-style": "straight" } },
    { selector: "edge.path", style: { width: 4, "line-color": "#f1c40f", "z-index": 10 } },
  ],
  minZoom: 0.1, maxZoom: 4, textureOnViewport: true, hideEdgesOnViewport: true, wheelSensitivity: 0.3,
});
window.graphsvcExplorer = { cy };

const ref = (kind, id) => `${kind}:${id}`;
const short = (text) => (text.length > 28 ? `${text.slice(0, 27)}…` : text);
let focus = null;         // {kind, id}: the node the view is about, as in the URL
let selection = 0;        // increases at each selection: late answers for an older one are dropped
const hidden = new Map(); // group node id -> the nodes it holds, not drawn yet

function busy(on) { graphBox.setAttribute("aria-busy", on ? "true" : "false"); }

function showDrawn(total) {
  document.getElementById("drawn").textContent = say(T.drawn, { drawn: cy.nodes().length, total });
}

function filters() {
  const params = new URLSearchParams();
  for (const box of document.querySelectorAll(".rel-type:checked")) params.append("types", box.value);
  const city = document.getElementById("city").value;
  if (city) params.set("city_id", city);
  return params;
}

function neighbourhood(kind, id, hops) {
  const params = filters();
  params.set("kind", kind); params.set("id", id); params.set("hops", hops);
  return api(`/explore/neighbourhood?${params}`);
}

// Distances from the start over the edges returned.
function distances(graph, start) {
  const next = new Map(graph.nodes.map((n) => [ref(n.kind, n.id), []]));
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const e of graph.edges) {
    const a = ref(kindOf.get(e.source), e.source), b = ref(kindOf.get(e.target), e.target);
    if (next.has(a) && next.has(b)) { next.get(a).push(b); next.get(b).push(a); }
  }
  const hop = new Map([[start, 0]]);
  const parent = new Map();
  const queue = [start];
  while (queue.length) {
    const at = queue.shift();
    for (const to of next.get(at) || []) {
      if (!hop.has(to)) { hop.set(to, hop.get(at) + 1); parent.set(to, at); queue.push(to); }
    }
  }
  return { hop, parent };
}

function nodeData(n, hop) {
  const id = ref(n.kind, n.id);
  return { id, key: n.id, kind: n.kind, label: n.label, short: short(n.label), links: n.links || 0,
           withdrawn: n.consent === false, hop, important: hop <= 1 };
}

// Which nodes are drawn, and the groups that hold the others, within MAX_DRAWN in all.
// First the start's own neighbours, most connected first; then, two steps away, those linked to
// several of them before those that hang from a hub (a city's thousand members, a popular
// skill's holders), and at most PER_ANCHOR under any one node. A hidden node is grouped, by
// kind, under the drawn node it hangs from (the start when that one is hidden too).
function plan(graph, start) {
  const { hop, parent } = distances(graph, start);
  const byId = new Map(graph.nodes.map((n) => [ref(n.kind, n.id), n]));
  const ties = new Map();
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  for (const e of graph.edges) {
    const a = ref(kindOf.get(e.source), e.source), b = ref(kindOf.get(e.target), e.target);
    if (hop.get(a) === 1) ties.set(b, (ties.get(b) || 0) + 1);
    if (hop.get(b) === 1) ties.set(a, (ties.get(a) || 0) + 1);
  }
  const hubSize = (n) => (byId.get(parent.get(n.id)) || {}).links || 0;
  const others = graph.nodes
    .map((n) => nodeData(n, hop.get(ref(n.kind, n.id)) ?? 3))
    .filter((n) => n.id !== start)
    .sort((a, b) => a.hop - b.hop
      || (a.hop > 1 ? (ties.get(b.id) || 0) - (ties.get(a.id) || 0) || hubSize(a) - hubSize(b) : 0)
      || b.links - a.links || a.label.localeCompare(b.label));
  const choose = (limit) => {
    const drawn = new Set([start]);
    const under = new Map();
    for (const n of others) {
      if (drawn.size > limit) break;
      const anchor = n.hop <= 1 ? start : parent.get(n.id);
      if (!drawn.has(anchor)) continue;
      if (anchor !== start && (under.get(anchor) || 0) >= PER_ANCHOR) continue;
      under.set(anchor, (under.get(anchor) || 0) + 1);
      drawn.add(n.id);
    }
    const groups = new Map();
    for (const n of others) {
      if (drawn.has(n.id)) continue;
      const anchor = drawn.has(parent.get(n.id)) ? parent.get(n.id) : start;
      const key = `${n.kind}|${anchor}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(n);
    }
    return { drawn, groups };
  };
  let limit = MAX_DRAWN - 1;
  let choice = choose(limit);
  while (limit > 0 && choice.drawn.size + choice.groups.size > MAX_DRAWN) choice = choose(--limit);
  const shown = others.filter((n) => choice.drawn.has(n.id))
    .map((n) => ({ ...n, anchor: n.hop <= 1 ? start : parent.get(n.id) }));
  return { shown, groups: choice.groups };
}

// A radial tree: the start in the middle, its neighbours on a circle, each one's own drawn
// neighbours and groups in its sector further out. Linear time, and nothing overlaps a label.
function radial(start) {
  const centre = cy.getElementById(start);
  centre.position({ x: 0, y: 0 });
  const inner = [], outer = new Map();
  cy.nodes().forEach((n) => {
    if (n.id() === start) return;
    const anchor = n.data("anchor") || start;
    if (anchor === start) inner.push(n);
    else { if (!outer.has(anchor)) outer.set(anchor, []); outer.get(anchor).push(n); }
  });
  inner.sort((a, b) => (a.data("kind") + a.id()).localeCompare(b.data("kind") + b.id()));
  const weight = (n) => 1 + 0.8 * (outer.get(n.id()) || []).length;
  const total = inner.reduce((t, n) => t + weight(n), 0) || 1;
  const r1 = Math.max(110, (inner.length * 30) / (2 * Math.PI));
  let angle = 0;
  for (const n of inner) {
    const sector = (2 * Math.PI * weight(n)) / total;
    const middle = angle + sector / 2;
    n.position({ x: r1 * Math.cos(middle), y: r1 * Math.sin(middle) });
    const children = outer.get(n.id()) || [];
    const r2 = r1 + 130;
    const perRow = Math.max(1, Math.floor((sector * r2) / 26));
    children.forEach((child, i) => {
      const row = Math.floor(i / perRow), slot = i % perRow, inRow = Math.min(perRow, children.length - row * perRow);
      const a = angle + (sector * (slot + 0.5)) / inRow;
      const r = r2 + row * 34;
      child.position({ x: r * Math.cos(a), y: r * Math.sin(a) });
    });
    angle += sector;
  }
}

function groupNode(key, members, anchor) {
  const id = `group:${key}`;
  const kind = members[0].kind;
  const near = cy.getElementById(anchor);
  const label = say(T.group_label, { count: members.length, kind: T.kinds_plural[kind] })
    + (near.nonempty() && !near.data("start") ? ` ${say(T.group_near, { name: near.data("short") })}` : "");
  hidden.set(id, members);
  return { id, kind, label, short: label, group: true, hop: (members[0].hop || 1) + 0.5 };
}

function edgeElements(graph) {
  const kindOf = new Map(graph.nodes.map((n) => [n.id, n.kind]));
  const elements = [];
  for (const e of graph.edges) {
    const source = ref(kindOf.get(e.source), e.source), target = ref(kindOf.get(e.target), e.target);
    const id = `${source}|${e.type}|${target}`;
    if (cy.getElementById(id).empty() && cy.getElementById(source).nonempty() && cy.getElementById(target).nonempty()) {
      elements.push({ group: "edges", data: { id, source, target, type: e.type } });
    }
  }
  return elements;
}

// Draws a fresh view of `graph` around `start`.
function draw(graph, start) {
  cy.elements().remove();
  hidden.clear();
  const startNode = graph.nodes.find((n) => ref(n.kind, n.id) === start);
  const { shown, groups } = plan(graph, start);
  cy.add([{ group: "nodes", data: { ...nodeData(startNode, 0), start: true, important: true } },
          ...shown.map((n) => ({ group: "nodes", data: n }))]);
  cy.add(edgeElements(graph));
  for (const [key, members] of groups) {
    const anchor = key.split("|").slice(1).join("|");
    const data = { ...groupNode(key, members, anchor), anchor };
    cy.add({ group: "nodes", data, classes: "group" });
    cy.add({ group: "edges", data: { id: `${data.id}|edge`, source: anchor, target: data.id }, classes: "to-group" });
  }
  radial(start);
  showDrawn(graph.nodes.length);
}

// Places new nodes on a circle around `anchor`, leaving every placed node where it is.
function placeAround(anchor, nodes) {
  const centre = cy.getElementById(anchor).position();
  const radius = 40 + 6 * Math.sqrt(nodes.length) * 6;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
    node.position = { x: centre.x + radius * Math.cos(angle), y: centre.y + radius * Math.sin(angle) };
  });
}

function addAround(anchor, datas, graph) {
  const fresh = datas.filter((d) => cy.getElementById(d.id).empty())
    .map((d) => ({ group: "nodes", data: { ...d, hop: (cy.getElementById(anchor).data("hop") || 0) + 1 } }));
  placeAround(anchor, fresh);
  cy.add(fresh);
  if (graph) cy.add(edgeElements(graph));
  return fresh.length;
}

async function expand(node) {
  if (node.hasClass("group")) {
    const members = hidden.get(node.id()) || [];
    const opened = members.splice(0, OPEN_PER_CLICK);
    const anchor = node.connectedEdges().sources().filter((n) => n.id() !== node.id()).first();
    addAround(anchor.nonempty() ? anchor.id() : node.id(), opened);
    for (const n of opened) {
      if (anchor.nonempty()) cy.add({ group: "edges", data: { id: `${anchor.id()}|near|${n.id}`, source: anchor.id(), target: n.id } });
    }
    if (members.length) node.data({ short: say(T.group_label, { count: members.length, kind: T.kinds_plural[node.data("kind")] }) });
    else { hidden.delete(node.id()); node.remove(); }
    return;
  }
  busy(true);
  try {
    const graph = await neighbourhood(node.data("kind"), node.data("key"), 1);
    const near = graph.nodes.filter((n) => n.id !== node.data("key")).map((n) => nodeData(n, 1))
      .sort((a, b) => b.links - a.links);
    const fresh = near.filter((d) => cy.getElementById(d.id).empty());
    const room = Math.max(0, Math.min(OPEN_PER_CLICK, MAX_DRAWN - cy.nodes().length));
    addAround(node.id(), fresh.slice(0, room), graph);
    const rest = fresh.slice(room);
    if (rest.length) {
      const data = groupNode(`${rest[0].kind}|${node.id()}|${Date.now()}`, rest, node.id());
      placeAround(node.id(), [data]);
      cy.add({ group: "nodes", data, classes: "group", position: data.position });
      cy.add({ group: "edges", data: { id: `${data.id}|edge`, source: node.id(), target: data.id }, classes: "to-group" });
    }
    showDrawn(cy.nodes().length + [...hidden.values()].reduce((t, m) => t + m.length, 0));
  } finally {
    busy(false);
  }
}

// Opens a node: the URL follows (Back returns to the previous node), the view is drawn afresh.
async function open(kind, id, { push = true } = {}) {
  focus = { kind, id };
  if (push) {
    const params = new URLSearchParams({ kind, id });
    if (LANG !== "fr") params.set("lang", LANG);
    history.pushState(focus, "", `?${params}`);
  }
  busy(true);
  try {
    clearPanels();
    const graph = await neighbourhood(kind, id, document.getElementById("hops").value);
    draw(graph, ref(kind, id));
    const start = cy.getElementById(ref(kind, id));
    start.select();
    cy.fit(undefined, 20);
    if (cy.zoom() > 1.5) { cy.zoom(1.5); cy.center(); }  // a small graph is not blown up
    attempt(() => select(start));  // the panel fills on its own; the graph is ready now
    await new Promise((resolve) => requestAnimationFrame(() => resolve()));
  } finally {
    busy(false);
  }
}

function clearPanels() {
  selection += 1;
  document.getElementById("details").replaceChildren();
  document.getElementById("introductions").replaceChildren();
  document.getElementById("follow-up").replaceChildren();
  document.getElementById("introductions-panel").hidden = true;
  cy.elements().removeClass("path candidate");
}

function list(title, items) {
  const box = element("div");
  box.append(element("h3", title));
  const ul = element("ul");
  for (const item of items) ul.append(typeof item === "string" ? element("li", item) : (() => { const li = element("li"); li.append(item); return li; })());
  if (!items.length) ul.append(element("li", T.none));
  box.append(ul);
  return box;
}

// What the node is: skills with levels, city, projects, open needs, number of links.
async function describe(node, token) {
  const kind = node.data("kind"), key = node.data("key"), id = encodeURIComponent(key);
  const parts = [];
  if (kind === "member") {
    const [member, projects, needs] = await Promise.all([
      api(`/members/${id}`), api(`/members/${id}/memberships?page_size=20`), api(`/members/${id}/needs?status=open&page_size=20`)]);
    parts.push(element("p", `${T.city} : ${member.city ? member.city.name : T.none}`));
    parts.push(list(T.skills, member.skills.map((s) => `${s.name} (${say(T.level, { level: s.level })})`)));
    parts.push(list(T.projects, projects.map((p) => explorerLink("project", p.project.id, `${p.project.name} (${T[p.role] || p.role})`))));
    parts.push(list(T.open_needs, needs.map((n) => explorerLink("need", n.id, n.title))));
  } else if (kind === "project") {
    const [project, needs] = await Promise.all([api(`/projects/${id}`), api(`/projects/${id}/needs?status=open&page_size=20`)]);
    parts.push(element("p", `${T.city} : ${project.city ? project.city.name : T.none}`));
    parts.push(list(T.team, project.team.map((m) => explorerLink("member", m.id, `${m.name} (${T[m.role] || m.role})`))));
    parts.push(list(T.open_needs, needs.map((n) => `${n.title} (${n.skills.map((s) => s.name).join(", ")})`)));
    const button = element("button", T.show_introductions, { id: "show-introductions", type: "button" });
    button.addEventListener("click", () => attempt(() => introductions(project, token)));
    parts.push(button);
  } else if (kind === "city") {
    const city = await api(`/cities/${id}`);
    parts.push(element("p", say(T.members_count, { members: city.members ?? "?", projects: city.projects ?? "?" })));
    const params = LANG !== "fr" ? `?lang=${LANG}` : "";
    parts.push(element("a", T.city_dashboard, { href: `/explore/cities/${id}${params}`, id: "city-link" }));
  } else if (kind === "need") {
    const need = await api(`/needs/${id}`);
    parts.push(element("p", `${need.status} · ${need.skills.map((s) => s.name).join(", ")}`));
  } else if (kind === "skill") {
    const skill = await api(`/skills/${id}`);
    if (skill.description) parts.push(element("p", skill.description));
  }
  return parts;
}

async function select(node) {
  if (node.hasClass("group")) return;
  const token = ++selection;
  document.getElementById("introductions-panel").hidden = true;
  document.getElementById("introductions").replaceChildren();
  document.getElementById("follow-up").replaceChildren();
  const details = document.getElementById("details");
  details.replaceChildren(element("h2", node.data("label")),
    element("p", `${T.kinds[node.data("kind")]} · ${say(T.links, { count: node.data("links") })}`, { class: "details-kind" }),
    element("p", T.loading));
  const parts = await attempt(() => describe(node, token));
  if (token !== selection) return;  // another node was chosen meanwhile
  details.lastChild.remove();
  if (parts) details.append(...parts);
}

function meetsText(intro) {
  if (!intro.needs.length) return T.meets_none;
  return intro.needs.map((n) => say(T.meets, { title: n.title, skill: n.held.name, level: n.held.level })).join(" ; ");
}

// Draws an introduction's path: its nodes placed next to those already drawn.
function showPath(intro) {
  cy.elements().removeClass("path");
  const target = ref("member", intro.member.id);
  for (const path of intro.paths) {
    for (const n of path.nodes) {
      const id = ref("member", n.id);
      if (cy.getElementById(id).empty()) {
        const anchor = cy.getElementById(ref("project", focus.id));
        addAround(anchor.nonempty() ? anchor.id() : cy.nodes().first().id(), [nodeData({ kind: "member", id: n.id, label: n.name, links: 0 }, 2)]);
      }
    }
    for (const r of path.relationships) {
      const source = ref("member", r.from), targetId = ref("member", r.to);
      const id = `${source}|path|${targetId}`;
      if (cy.getElementById(id).empty()) {
        cy.add({ group: "edges", data: { id, source, target: targetId }, classes: r.type === "KNOWS" ? "" : "shares" });
      }
      cy.getElementById(id).addClass("path");
    }
  }
  if (cy.getElementById(target).empty()) addAround(cy.nodes().first().id(), [nodeData({ kind: "member", id: intro.member.id, label: intro.member.name, links: 0 }, 2)]);
  cy.getElementById(target).addClass("candidate");
}

async function introductions(project, token) {
  busy(true);
  try {
    const id = encodeURIComponent(project.id);
    const [answer, follow] = await Promise.all([
      api(`/projects/${id}/introductions?limit=5&lang=${LANG}`), api(`/introductions?project_id=${id}&page_size=10`)]);
    if (token !== selection) return;
    document.getElementById("introductions-panel").hidden = false;
    const listBox = document.getElementById("introductions");
    listBox.replaceChildren();
    const holder = project.team.find((m) => m.role === "holder");
    for (const intro of answer.introductions) {
      showPath(intro);
      const item = element("li", undefined, { class: "introduction" });
      const name = element("button", intro.member.name, { type: "button", class: "link-button" });
      name.addEventListener("click", () => showPath(intro));
      const meets = element("p", meetsText(intro), { class: intro.needs.length ? "meets" : "meets none" });
      const propose = element("button", T.propose, { type: "button", class: "propose" });
      propose.addEventListener("click", () => attempt(async () => {
        await api("/introductions", { method: "POST", body: {
          project_id: project.id, target_id: intro.member.id, ...(holder ? { requester_id: holder.id } : {}) } });
        propose.replaceWith(element("span", T.proposed));
        followUp(await api(`/introductions?project_id=${id}&page_size=10`));
      }));
      item.append(name, element("p", intro.explanation), meets, propose);
      listBox.append(item);
    }
    if (!answer.introductions.length) listBox.append(element("li", T.no_introduction));
    followUp(follow);
  } finally {
    busy(false);
  }
}

function followUp(records) {
  const box = document.getElementById("follow-up");
  box.replaceChildren(...records.map((r) => element("li",
    `${r.target.name || "—"} · ${new Date(r.created_at).toLocaleDateString(LANG)} · ${T.status[r.status] || r.status}`)));
  if (!records.length) box.append(element("li", T.no_follow_up));
}

cy.on("tap", "node", (event) => {
  const node = event.target;
  attempt(async () => {
    if (!node.hasClass("group")) {
      const params = new URLSearchParams({ kind: node.data("kind"), id: node.data("key") });
      if (LANG !== "fr") params.set("lang", LANG);
      history.pushState({ kind: node.data("kind"), id: node.data("key"), expand: true }, "", `?${params}`);
      focus = { kind: node.data("kind"), id: node.data("key") };
      select(node);
    }
    await expand(node);
  });
});

document.getElementById("fit").addEventListener("click", () => cy.fit(undefined, 20));
document.getElementById("export-png").addEventListener("click", () => {
  const link = element("a", undefined, { href: cy.png({ full: true, scale: 2, bg: "#ffffff" }), download: "graphsvc.png" });
  link.click();
});

// Filters apply to the graph on screen: the view is drawn again with them.
document.getElementById("filters").addEventListener("change", () => {
  if (focus) attempt(() => open(focus.kind, focus.id, { push: false }));
});

document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  attempt(async () => {
    const query = document.getElementById("search").value.trim();
    if (!query) return;
    const answer = await api(`/search?q=${encodeURIComponent(query)}&limit=20`);
    const results = document.getElementById("results");
    results.replaceChildren();
    for (const hit of answer) {
      const item = element("li");
      const link = element("button", `${T.kinds[hit.kind]} : ${hit.name}`, { type: "button", class: "result", "data-id": hit.id });
      link.addEventListener("click", () => attempt(() => open(hit.kind, hit.id)));
      item.append(link);
      results.append(item);
    }
    if (!answer.length) results.append(element("li", T.no_result));
  });
});

// Links inside the panels open in place.
document.querySelector(".controls").addEventListener("click", (event) => {
  const link = event.target.closest("a.to-explorer");
  if (!link) return;
  event.preventDefault();
  attempt(() => open(link.dataset.kind, link.dataset.id));
});

window.addEventListener("popstate", (event) => {
  const state = event.state || fromUrl();
  if (state && state.kind) attempt(() => open(state.kind, state.id, { push: false }));
});

function fromUrl() {
  const params = new URLSearchParams(location.search);
  return params.get("kind") && params.get("id") ? { kind: params.get("kind"), id: params.get("id") } : null;
}

let citiesLoaded = false;
async function start() {
  if (!citiesLoaded) {
    const cities = await api("/cities?page_size=100&sort=-population");
    const choice = document.getElementById("city");
    for (const city of cities) choice.append(element("option", city.name, { value: city.id }));
    citiesLoaded = true;
  }
  const wanted = fromUrl();
  if (wanted) {
    history.replaceState(wanted, "", location.href);
    await open(wanted.kind, wanted.id, { push: false });
  }
}
document.addEventListener("graphsvc:key", () => attempt(start));
checkKey();
