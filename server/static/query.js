// The query page: YASGUI (vendored) when present, else a plain form; example buttons load and run a query.
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("akg-examples").textContent);
  const byName = Object.fromEntries(examples.map((e) => [e.name, e.query]));
  const endpoint = new URL("/sparql", window.location.href).toString();
  let run;

  if (window.Yasgui) {
    const yasgui = new window.Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,
      endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    });
    const tab = yasgui.getTab();
    if (examples.length) tab.setQuery(examples[0].query);
    run = (query) => { const t = yasgui.getTab(); t.setQuery(query); t.query(); };
    window.akgYasgui = yasgui;
  } else {
    const area = document.getElementById("plain-query");
    const out = document.getElementById("plain-results");
    const render = (data) => {
      if ("boolean" in data) { out.textContent = data.boolean ? "yes" : "no"; return; }
      const vars = data.head.vars;
      const rows = data.results.bindings.map((b) => "<tr>" + vars.map((v) => {
        const cell = document.createElement("td");
        cell.textContent = b[v] ? b[v].value : "";
        return cell.outerHTML;
      }).join("") + "</tr>");
      out.innerHTML = "<table class='results'><thead><tr>" + vars.map((v) => "<th>" + v + "</th>").join("") +
        "</tr></thead><tbody>" + rows.join("") + "</tbody></table>";
    };
    run = (query) => {
      area.value = query;
      fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/sparql-query",
        Accept: "application/sparql-results+json" }, body: query })
        .then((r) => r.json()).then((data) => data.error ? (out.textContent = data.error.message) : render(data));
    };
    document.getElementById("plain-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(area.value); });
  }
  document.querySelectorAll("button.example").forEach((b) =>
    b.addEventListener("click", () => run(byName[b.dataset.name])));
  window.akgRunExample = (name) => run(byName[name]);
})();
