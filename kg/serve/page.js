// The query page of kg serve: sends the query to /sparql and shows the answer. Everything the server
// returns is shown as text (textContent), never parsed as HTML.
"use strict";

function cell(row, tag, text) {
  const c = document.createElement(tag);
  c.textContent = text;
  row.appendChild(c);
}

function term(t) {
  if (!t) return "";
  if (t.type === "uri") return "<" + t.value + ">";
  if (t.type === "bnode") return "_:" + t.value;
  return t.value + (t["xml:lang"] ? "@" + t["xml:lang"] : "");
}

function table(data) {
  const out = document.createElement("table");
  const head = document.createElement("tr");
  if ("boolean" in data) {
    cell(head, "th", "result");
    out.appendChild(head);
    const row = document.createElement("tr");
    cell(row, "td", String(data.boolean));
    out.appendChild(row);
    return out;
  }
  const vars = data.head.vars || [];
  vars.forEach((v) => cell(head, "th", v));
  out.appendChild(head);
  data.results.bindings.forEach((b) => {
    const row = document.createElement("tr");
    vars.forEach((v) => cell(row, "td", term(b[v])));
    out.appendChild(row);
  });
  return out;
}

async function run(event) {
  event.preventDefault();
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  result.replaceChildren();
  status.className = "";
  status.textContent = "running\u2026";
  const started = performance.now();
  try {
    const res = await fetch("sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query",
                 "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
      body: document.getElementById("query").value,
    });
    const text = await res.text();
    const ms = Math.round(performance.now() - started);
    if (!res.ok) {
      status.className = "error";
      status.textContent = res.status + ": " + text;
      return;
    }
    if ((res.headers.get("Content-Type") || "").startsWith("application/sparql-results+json")) {
      const data = JSON.parse(text);
      const rows = "boolean" in data ? 1 : data.results.bindings.length;
      status.textContent = rows + (rows === 1 ? " row" : " rows") + " in " + ms + " ms";
      result.appendChild(table(data));
    } else {
      const pre = document.createElement("pre");
      pre.textContent = text;
      status.textContent = "graph in " + ms + " ms";
      result.appendChild(pre);
    }
  } catch (err) {
    status.className = "error";
    status.textContent = String(err);
  }
}

document.getElementById("form").addEventListener("submit", run);
