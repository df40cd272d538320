// The teacher's console: polls /teacher/state once a second and draws it. Everything a learner wrote is placed
// with textContent (never as HTML), so hostile SQL stays text.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf"]').content;
  let next = 0;
  const feedMax = 300;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function seconds(ms) {
    return ms <= 0 ? "" : (ms / 1000).toFixed(1) + " s";
  }

  function bytes(n) {
    return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KiB" : (n / 1048576).toFixed(1) + " MiB";
  }

  function status(text, bad) {
    const s = document.getElementById("status");
    s.textContent = text;
    s.className = bad ? "bad" : "";
  }

  async function act(action, session, learner) {
    const what = action === "cancel" ? "Cancel the running statement of " + learner + "?"
                                     : "End the session of " + learner + "? They will have to reconnect.";
    if (!window.confirm(what)) return;
    const body = new URLSearchParams({ session: session, csrf: csrf });
    const r = await fetch("/teacher/" + action, { method: "POST", body: body, credentials: "same-origin" });
    status(r.ok ? (action === "cancel" ? "Cancelled " : "Ended the session of ") + learner
                : "Not done: " + (await r.text()), !r.ok);
  }

  // Rows are kept per session and only their texts change: a row rebuilt every second would swallow a click
  // whose mouse-down and mouse-up fall on either side of a refresh.
  const rowsById = new Map();

  function sessionRow(s) {
    let r = rowsById.get(s.id);
    if (r) return r;
    const tr = el("tr");
    tr.dataset.session = s.id;
    tr.dataset.learner = s.user;
    const cells = [];
    for (let i = 0; i < 7; i++) cells.push(tr.appendChild(el("td", "", i === 6 ? "sql" : undefined)));
    const buttons = tr.appendChild(el("td"));
    let cancel = null;
    if (s.guarded) {
      cancel = el("button", "Cancel", "cancel");
      cancel.addEventListener("click", () => act("cancel", s.id, s.user));
      const end = el("button", "End session", "end");
      end.addEventListener("click", () => act("end", s.id, s.user));
      buttons.append(cancel, end);
    } else {
      buttons.textContent = "exempt";
    }
    r = { tr: tr, cells: cells, cancel: cancel };
    rowsById.set(s.id, r);
    return r;
  }

  function setText(node, text) {
    const t = String(text);
    if (node.textContent !== t) node.textContent = t;
  }

  function sessions(rows) {
    const body = document.querySelector("#sessions tbody");
    const seen = new Set();
    rows.forEach((s, i) => {
      const r = sessionRow(s);
      seen.add(s.id);
      const active = s.state === "active";
      r.tr.className = s.state.replace(/ /g, "-");
      const texts = [s.user, s.client, s.state, seconds(s.runningMillis), active ? s.rows : "",
                     active ? bytes(s.bytes) : "", s.statement.length > 160 ? s.statement.slice(0, 160) + "…" : s.statement];
      texts.forEach((t, k) => setText(r.cells[k], t));
      r.cells[6].title = s.statement;
      if (r.cancel) r.cancel.disabled = !active;
      if (body.children[i] !== r.tr) body.insertBefore(r.tr, body.children[i] || null);
    });
    for (const [id, r] of rowsById) {
      if (!seen.has(id)) { r.tr.remove(); rowsById.delete(id); }
    }
    const empty = document.getElementById("nobody");
    if (rows.length === 0 && !empty) {
      const tr = el("tr");
      tr.id = "nobody";
      const td = el("td", "Nobody is connected.");
      td.colSpan = 8;
      tr.append(td);
      body.append(tr);
    } else if (rows.length > 0 && empty) {
      empty.remove();
    }
  }

  function feed(events) {
    const body = document.querySelector("#events tbody");
    for (const e of events) {
      const tr = el("tr");
      tr.className = "event " + e.action;
      tr.append(el("td", new Date(e.time).toLocaleTimeString()), el("td", e.user), el("td", e.action.replace(/_/g, " ")));
      const sql = el("td", e.statement, "sql");
      sql.title = "shape " + e.fingerprint;
      tr.append(sql, el("td", e.message));
      body.prepend(tr);
    }
    while (body.children.length > feedMax) body.lastChild.remove();
  }

  function learners(map) {
    const body = document.querySelector("#learners tbody");
    body.replaceChildren();
    for (const [user, c] of Object.entries(map)) {
      const tr = el("tr");
      tr.append(el("td", user), el("td", c[0]), el("td", c[1]), el("td", c[2]));
      body.append(tr);
    }
  }

  function shapes(list) {
    const body = document.querySelector("#shapes tbody");
    body.replaceChildren();
    for (const s of list) {
      const tr = el("tr");
      tr.append(el("td", s.learners), el("td", s.actions), el("td", s.fingerprint, "shape"), el("td", s.statement, "sql"));
      body.append(tr);
    }
  }

  function chart(points) {
    const svg = document.getElementById("chart");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    if (points.length === 0) return;
    const max = Math.max(1, ...points.map(p => Math.max(p[1], p[2])));
    // The x axis is the last hour, the present at the right edge.
    const now = points[points.length - 1][0];
    const x = t => Math.max(0, 600 - 600 * (now - t) / 3600000).toFixed(1);
    for (const [index, cls] of [[1, "active"], [2, "actions"]]) {
      const line = document.createElementNS(ns, "polyline");
      line.setAttribute("points", points.map(p => x(p[0]) + "," + (115 - 110 * p[index] / max).toFixed(1)).join(" "));
      line.setAttribute("class", cls);
      svg.append(line);
    }
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "2");
    label.setAttribute("y", "12");
    label.textContent = "max " + max;
    svg.append(label);
  }

  async function refresh() {
    try {
      const r = await fetch("/teacher/state?after=" + next, { credentials: "same-origin" });
      if (r.status === 401) { window.location.reload(); return; }
      if (!r.ok) throw new Error(r.status + " " + (await r.text()));
      const s = await r.json();
      sessions(s.sessions);
      feed(s.events);
      next = s.next;
      learners(s.learners);
      shapes(s.shapes);
      chart(s.chart);
      document.body.dataset.updated = String(s.now);
    } catch (e) {
      status("Cannot reach the proxy: " + e.message, true);
    }
  }

  refresh();
  window.setInterval(refresh, 1000);
})();
