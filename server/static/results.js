// Results with labels and local links: an IRI under the dataset's base opens its page on this server
// (/id/..., /doc/..., /ontology#Term); its rdfs:label (a document's title) is shown beside it.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("akg-config").textContent);
  const roots = [config.base, config.contractBase].filter(Boolean);
  const prefixes = Object.entries(config.prefixes).sort((a, b) => b[1].length - a[1].length);
  const endpoint = new URL("/sparql", window.location.href).toString();

  function localHref(iri) {
    for (const root of roots) {
      if (!iri.startsWith(root)) continue;
      const rest = iri.slice(root.length);
      if (/^(id|doc)\//.test(rest) || rest === "ontology" || rest.startsWith("ontology#")) return "/" + rest;
      return null;  // other IRIs under the base (named graphs) are not pages
    }
    return /^https?:\/\//i.test(iri) ? iri : null;
  }

  function shortName(iri) {
    for (const [name, ns] of prefixes) {
      if (iri.startsWith(ns) && iri.length > ns.length) return name + ":" + iri.slice(ns.length);
    }
    return "<" + iri + ">";
  }

  function fetchLabels(iris) {
    if (!iris.length) return Promise.resolve({});
    const values = iris.slice(0, 2000).map((i) => "<" + i + ">").join(" ");
    const query = "SELECT ?x ?label WHERE { VALUES ?x { " + values + " } " +
      "{ ?x rdfs:label ?label } UNION { ?x dcterms:title ?label FILTER NOT EXISTS { ?x rdfs:label ?l } } }";
    return fetch(endpoint, { method: "POST", body: query, headers: {
      "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json" } })
      .then((r) => (r.ok ? r.json() : { results: { bindings: [] } }))
      .then((data) => {
        const out = {};
        data.results.bindings.forEach((b) => {
          const x = b.x.value, label = b.label.value;
          if (!(x in out) || label < out[x]) out[x] = label;
        });
        return out;
      })
      .catch(() => ({}));
  }

  function cell(term, labels) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const label = labels[term.value];
      const href = localHref(term.value);
      const name = document.createElement(href ? "a" : "span");
      if (href) {
        name.href = href;
        if (!href.startsWith("/")) { name.rel = "noopener noreferrer"; name.className = "external"; }
      }
      name.textContent = label || shortName(term.value);
      name.title = term.value;
      td.appendChild(name);
      if (label) {
        const iri = document.createElement("span");
        iri.className = "iri";
        iri.textContent = " " + shortName(term.value);
        td.appendChild(iri);
      }
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.title = "@" + term["xml:lang"];
      else if (term.datatype) td.title = shortName(term.datatype);
    }
    return td;
  }

  // Render SPARQL JSON results into `container`: a table (labels fetched first), or yes/no for ASK.
  function render(container, data) {
    container.textContent = "";
    if ("boolean" in data) {
      const p = document.createElement("p");
      p.className = "ask";
      p.textContent = data.boolean ? "yes" : "no";
      container.appendChild(p);
      return Promise.resolve();
    }
    const vars = data.head.vars;
    const rows = data.results.bindings;
    const iris = [...new Set(rows.flatMap((b) => vars.map((v) => b[v]).filter((t) => t && t.type === "uri")
      .map((t) => t.value)))];
    return fetchLabels(iris).then((labels) => {
      const table = document.createElement("table");
      table.className = "results";
      const head = table.createTHead().insertRow();
      vars.forEach((v) => { const th = document.createElement("th"); th.textContent = v; head.appendChild(th); });
      const body = table.createTBody();
      rows.forEach((b) => { const tr = body.insertRow(); vars.forEach((v) => tr.appendChild(cell(b[v], labels))); });
      const count = document.createElement("p");
      count.className = "count";
      count.textContent = rows.length + (rows.length === 1 ? " row" : " rows");
      container.appendChild(table);
      container.appendChild(count);
    });
  }

  // The server's error shape ({"error": {"message"}}) as a readable block; the query is marked at line:col.
  function renderError(container, status, bodyText, query) {
    container.textContent = "";
    let message = bodyText || "";
    try {
      const err = JSON.parse(bodyText).error;
      message = err.message;
      status = err.status + " " + err.title;
    } catch (e) { /* not our JSON: show as is */ }
    const box = document.createElement("div");
    box.className = "query-error";
    const h = document.createElement("p");
    h.className = "status";
    h.textContent = status ? "The endpoint answered " + status + ":" : "The query failed:";
    const pre = document.createElement("pre");
    pre.textContent = message;
    box.appendChild(h);
    box.appendChild(pre);
    const at = /error at (\d+):(\d+)/.exec(message);
    if (at && query) {
      const line = query.split("\n")[Number(at[1]) - 1];
      if (line !== undefined) {
        const mark = document.createElement("pre");
        mark.className = "position";
        mark.textContent = line + "\n" + " ".repeat(Math.max(0, Number(at[2]) - 1)) + "^";
        box.appendChild(mark);
      }
    }
    container.appendChild(box);
    return box;
  }

  window.akgResults = { render, renderError, localHref, shortName };
})();
