// A city's dashboard: its numbers, lists whose names open the explorer, and charts drawn by the
// service as SVG (sharp at any size); a chart with nothing to show is a sentence.
"use strict";
const cityId = document.querySelector("main").dataset.city;
const percent = (share) => (share === null ? "—" : `${Math.round(share * 100)} %`);
const CHART_DATA = { skills: "skills", degrees: "degrees", communities: "communities", introductions: "introductions" };

function fill(id, items, entry) {
  const list = document.getElementById(id);
  list.replaceChildren(...items.map((item) => {
    const li = element("li");
    li.append(...entry(item));
    return li;
  }));
  if (!items.length) list.append(element("li", T.none));
}

async function load() {
  const id = encodeURIComponent(cityId);
  const stats = await api(`/cities/${id}/stats`);
  document.getElementById("city-name").textContent = stats.city.name;
  const numbers = [
    [T.members, stats.members], [T.withdrawn, stats.withdrawn], [T.projects.toLowerCase(), stats.projects],
    [T.needs_open, stats.open_needs], [T.met_in_city, percent(stats.open_needs_met_in_city)],
    [say(T.met_within, { km: stats.radius_km }), percent(stats.open_needs_met_within_reach)],
    [T.communities, stats.community_count],
  ];
  document.getElementById("numbers").replaceChildren(...numbers.map(([label, value]) => {
    const box = element("div", undefined, { class: "number" });
    box.append(element("strong", String(value)), element("span", label));
    return box;
  }));
  const text = (s) => document.createTextNode(s);
  fill("lacking", stats.lacking_skills, (s) => [explorerLink("skill", s.id, s.name), text(say(T.lacking_item, { count: s.open_needs }))]);
  fill("nearby", stats.nearby_cities, (c) => {
    const params = LANG !== "fr" ? `?lang=${LANG}` : "";
    return [element("a", c.name, { href: `/explore/cities/${encodeURIComponent(c.id)}${params}` }),
            text(say(T.nearby_item, { km: c.distance_km, count: c.members_holding_lacking_skills }))];
  });
  fill("isolated", stats.isolated, (m) => [explorerLink("member", m.id, m.name)]);
  fill("connectors", stats.connectors, (m) => [explorerLink("member", m.id, m.name),
    text(say(T.connector_item, { share: percent(m.betweenness) }))]);
  fill("communities", stats.communities, (c) => {
    const parts = [text(`${say(T.community_item, { size: c.size })} `)];
    c.central.forEach((m, i) => { if (i) parts.push(text(", ")); parts.push(explorerLink("member", m.id, m.name)); });
    return parts;
  });
  document.querySelector("#months tbody").replaceChildren(...stats.introductions.map((m) => {
    const row = element("tr");
    for (const value of [m.month, m.proposed, m.accepted, m.declined, percent(m.acceptance_rate)]) row.append(element("td", String(value)));
    return row;
  }));
  document.getElementById("no-months").hidden = stats.introductions.length > 0;
  for (const figure of document.querySelectorAll(".chart")) {
    figure.querySelector(".svg, .empty")?.remove();
    const chart = figure.dataset.chart;
    const holder = element("div", undefined, { class: "svg" });
    // The service's own SVG, drawn by matplotlib from numbers and names (it says so when empty).
    holder.innerHTML = await api(`/cities/${id}/charts/${chart}?format=svg&lang=${LANG}`, { as: "text" });
    if (!Object.keys(stats[CHART_DATA[chart]] || {}).length) holder.classList.add("empty-chart");
    figure.prepend(holder);
  }
}
document.addEventListener("graphsvc:key", () => attempt(load));
checkKey();
