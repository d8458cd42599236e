// A city's dashboard: its numbers, lists and charts (SVG drawn by the service).
"use strict";
const cityId = document.querySelector("main").dataset.city;
const percent = (share) => (share === null ? "n/a" : `${Math.round(share * 100)} %`);

function fill(id, items, text) {
  const list = document.getElementById(id);
  list.replaceChildren(...items.map((item) => element("li", text(item))));
  if (!items.length) list.append(element("li", "none"));
}

async function load() {
  const stats = await api(`/cities/${encodeURIComponent(cityId)}/stats`);
  document.getElementById("city-name").textContent = stats.city.name;
  const numbers = [
    ["members", stats.members], ["withdrew consent", stats.withdrawn], ["projects", stats.projects],
    ["open needs", stats.open_needs], ["met in the city", percent(stats.open_needs_met_in_city)],
    [`met within ${stats.radius_km} km`, percent(stats.open_needs_met_within_reach)],
    ["communities", stats.community_count],
  ];
  document.getElementById("numbers").replaceChildren(...numbers.map(([label, value]) => {
    const box = element("div", undefined, { class: "number" });
    box.append(element("strong", String(value)), element("span", label));
    return box;
  }));
  fill("lacking", stats.lacking_skills, (s) => `${s.name}: ${s.open_needs} open need(s)`);
  fill("nearby", stats.nearby_cities, (c) => `${c.name} (${c.distance_km} km): ${c.members_holding_lacking_skills}`);
  fill("isolated", stats.isolated, (m) => m.name);
  fill("connectors", stats.connectors, (m) => `${m.name} (${m.betweenness})`);
  fill("communities", stats.communities, (c) => `${c.size} members: ${c.central.map((m) => m.name).join(", ")}`);
  document.querySelector("#months tbody").replaceChildren(...stats.introductions.map((m) => {
    const row = element("tr");
    for (const value of [m.month, m.proposed, m.accepted, m.declined, percent(m.acceptance_rate)]) row.append(element("td", String(value)));
    return row;
  }));
  for (const figure of document.querySelectorAll(".chart")) {
    const svg = await api(`/cities/${encodeURIComponent(cityId)}/charts/${figure.dataset.chart}?format=svg`, { as: "text" });
    const holder = element("div", undefined, { class: "svg" });
    holder.innerHTML = svg;  // our own service's SVG, drawn by matplotlib from numbers and names
    figure.prepend(holder);
  }
}
document.addEventListener("graphsvc:key", load);
if (apiKey()) load();
