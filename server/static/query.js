// The query page: YASGUI (vendored) when present, else a plain form; example buttons load and run a query.
// Results are drawn by results.js (labels beside IRIs, links to the local pages) in both cases.
(function () {
  "use strict";
  const examples = JSON.parse(document.getElementById("akg-examples").textContent);
  const byName = Object.fromEntries(examples.map((e) => [e.name, e.query]));
  const endpoint = new URL("/sparql", window.location.href).toString();
  const results = window.akgResults;
  const given = new URLSearchParams(window.location.search).get("query");  // "edit on the query page" links
  let run;

  if (window.Yasgui) {
    const Yasr = window.Yasgui.Yasr;

    // A YASR plugin: the results table with labels and local links (YASR's own table stays selectable).
    class LabelledTable {
      constructor(yasr) {
        this.yasr = yasr;
        this.priority = 30;
        this.label = "Labelled table";
      }
      canHandleResults() {
        const r = this.yasr.results;
        return !!r && !r.getError() && (r.getBoolean() !== undefined ||
          (!!r.getVariables() && r.getVariables().length > 0));
      }
      getIcon() {
        const icon = document.createElement("span");
        icon.textContent = "\u2630";
        return icon;
      }
      draw() {
        const r = this.yasr.results;
        const el = document.createElement("div");
        el.className = "akg-results";
        this.yasr.resultsEl.appendChild(el);
        const data = r.getBoolean() !== undefined ? { boolean: r.getBoolean() }
          : { head: { vars: r.getVariables() }, results: { bindings: r.getBindings() } };
        return results.render(el, data);
      }
    }
    Yasr.registerPlugin("akgTable", LabelledTable);
    Yasr.defaults.pluginOrder = ["akgTable", "table", "response"];
    Yasr.defaults.defaultPlugin = "akgTable";
    // The server's JSON error ({"error": {"message"}}) as a message, with the query marked where it fails.
    Yasr.defaults.errorRenderers = [async (error) => {
      const holder = document.createElement("div");
      const query = window.akgYasgui ? window.akgYasgui.getTab().getQuery() : "";
      results.renderError(holder, error.status, error.text, query);
      return holder;
    }];

    const yasgui = new window.Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: false,
      persistenceId: null,
      endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
      yasr: { defaultPlugin: "akgTable", pluginOrder: ["akgTable", "table", "response"] },
    });
    const tab = yasgui.getTab();
    if (given) tab.setQuery(given); else if (examples.length) tab.setQuery(examples[0].query);
    run = (query) => { const t = yasgui.getTab(); t.setQuery(query); t.query(); };
    window.akgYasgui = yasgui;
  } else {
    const area = document.getElementById("plain-query");
    const out = document.getElementById("plain-results");
    if (given) area.value = given;
    run = (query) => {
      area.value = query;
      fetch(endpoint, { method: "POST", headers: { "Content-Type": "application/sparql-query",
        Accept: "application/sparql-results+json" }, body: query })
        .then((r) => r.text().then((body) => (r.ok ? results.render(out, JSON.parse(body))
          : results.renderError(out, r.status, body, query))))
        .catch((e) => results.renderError(out, 0, String(e), query));
    };
    document.getElementById("plain-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(area.value); });
  }
  document.querySelectorAll("button.example").forEach((b) =>
    b.addEventListener("click", () => run(byName[b.dataset.name])));
  window.akgRunExample = (name) => run(byName[name]);
})();
