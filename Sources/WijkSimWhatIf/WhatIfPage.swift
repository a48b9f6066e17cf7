/// The what-if page (`GET /`, CONTRACT §13): Dutch, self-contained (no
/// external script, style, font or image), with the scenario embedded so
/// that it draws at once. Its script is small and hand-written: a slider
/// per intervention parameter, years and on/off per intervention; every
/// change posts to `/api/run` (a newer request aborts the older one, so
/// the page never waits on a stale answer) and redraws the plan's own
/// effect, the fan chart and spend against budget from the answer's rows.
/// `body[data-state]` is `rekent`, `klaar` or `fout`, and
/// `body[data-request]` the body of the answer shown (for the browser tests).
package enum WhatIfPage {
    package static func html(_ session: WhatIfSession) -> String {
        let title = escape(session.scenario.name)
        return """
        <!doctype html>
        <html lang="nl">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>Wat als? \(title) — wijksim</title>
        <style>\(css)</style>
        </head>
        <body data-state="laden">
        <header>
        <p class="kicker">wijksim · wat als?</p>
        <h1>\(title)</h1>
        <p class="meta" id="meta"></p>
        </header>
        <div class="layout">
        <aside id="knoppen" aria-label="Maatregelen en parameters">
        <div class="draws"><label>Trekkingen <input type="number" id="draws" min="1" step="100"></label>
        <button type="button" id="alles-terug">Alles terug naar het scenario</button></div>
        <div id="maatregelen"></div>
        </aside>
        <main>
        <p id="status" class="status" role="status" aria-live="polite">Rekent…</p>
        <section><h2 id="effect-kop">Effect van het plan</h2><div id="effect"></div></section>
        <section><h2>Waaier per wijk en indicator</h2>
        <p><label>Wijk <select id="fan-wijk"></select></label> <label>Indicator <select id="fan-indicator"></select></label></p>
        <div id="fan"></div></section>
        <section><h2>Uitgaven tegen budget</h2><div id="geld"></div></section>
        </main>
        </div>
        <script type="application/json" id="scenario">\(session.scenarioJSON())</script>
        <script>\(script)</script>
        </body>
        </html>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let css = """
    :root{--ink:#1f2933;--muted:#5b6675;--line:#d9dee5;--red:#c53030;--green:#2f7d4f;--blue:#1d4e89}
    *{box-sizing:border-box}
    body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#eef0f3}
    header{padding:14px 24px 8px;background:#fff;border-bottom:1px solid var(--line)}
    header h1{font-size:24px;margin:0 0 2px}
    .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:11px;color:var(--muted);margin:0}
    .meta{color:var(--muted);margin:0}
    .layout{display:grid;grid-template-columns:minmax(300px,400px) 1fr;gap:14px;padding:14px 24px}
    aside{background:#fff;padding:10px 12px;max-height:calc(100vh - 110px);overflow-y:auto;border:1px solid var(--line)}
    main{background:#fff;padding:10px 18px;border:1px solid var(--line);min-width:0}
    h2{font-size:17px;margin:14px 0 6px;padding-bottom:2px;border-bottom:2px solid var(--ink)}
    .draws{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-bottom:6px}
    .draws input{width:90px}
    fieldset{border:1px solid var(--line);margin:8px 0;padding:6px 8px}
    fieldset.uit{opacity:.55}
    legend{font-weight:600;padding:0 4px}
    .sub{font-size:11.5px;color:var(--muted);margin:0 0 4px}
    .years{display:flex;gap:8px;align-items:center;font-size:12.5px;margin:2px 0 4px}
    .years input{width:70px}
    .param{margin:5px 0 7px}
    .param label{display:flex;justify-content:space-between;gap:8px;font-size:12.5px}
    .param output{font-variant-numeric:tabular-nums;font-weight:600}
    .param input[type=range]{width:100%;margin:2px 0 0;accent-color:var(--blue)}
    .band{position:relative;height:5px;background:#eceff3;margin:0 8px}
    .band i{position:absolute;top:0;bottom:0;background:#9fb8d6}
    .param .note{font-size:11px;color:var(--muted);display:flex;justify-content:space-between;gap:6px}
    .param button{font-size:11px;padding:0 5px}
    .changed output{color:var(--blue)}
    .status{font-size:12.5px;color:var(--muted);margin:0}
    body[data-state=rekent] .status::before{content:"⏳ "}
    .error{color:var(--red);font-weight:600}
    table{border-collapse:collapse;font-size:12.5px;margin:6px 0}
    th,td{padding:3px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid #aab2bd;font-weight:600}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .scroll{overflow-x:auto}
    .unit{display:block;font-weight:400;color:var(--muted);font-size:10.5px}
    .matrix{font-size:11.5px}
    .matrix th[scope=row]{min-width:140px}
    .matrix td.cell{text-align:center;min-width:50px;border:2px solid #fff;line-height:1.2;padding:2px 3px}
    .matrix .delta{display:block;font-variant-numeric:tabular-nums;font-weight:600}
    .matrix .chance{display:block;font-size:10.5px;color:#33415c}
    .matrix thead th{text-align:center;font-size:11px;padding:2px}
    .chance3{background:#b9e0c2}.chance2{background:#e1f1d3}.chance1{background:#fde6c4}.chance0{background:#f6cbc5}.same{background:#eceff3}
    .legend{display:flex;flex-wrap:wrap;gap:3px 14px;font-size:11.5px;color:#33415c;margin:4px 0}
    .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border:1px solid #c9d0d8}
    svg{max-width:100%;height:auto;font-size:11px}
    .axis line,.grid{stroke:#d9dee5}
    .fan-band{fill:#9fb8d6;opacity:.55}.fan-p50{stroke:var(--blue);stroke-width:2;fill:none}
    .fan-mean{stroke:var(--blue);stroke-width:1;stroke-dasharray:2 2;fill:none}
    .fan-city{stroke:#6b7280;stroke-width:1.5;stroke-dasharray:6 4;fill:none}
    .fan-base{stroke:#b7791f;stroke-width:1.5;fill:none}
    .bar{height:12px;background:#e5e9ef;position:relative;min-width:160px}
    .bar i{position:absolute;left:0;top:0;bottom:0;background:var(--green)}
    .bar i.over{background:var(--red)}
    .bar b{position:absolute;top:-2px;bottom:-2px;width:2px;background:var(--ink)}
    tr.overspent td{color:var(--red);font-weight:600}
    @media (max-width:900px){.layout{grid-template-columns:1fr}aside{max-height:none}}
    """

    static let script = #"""
    "use strict";
    const S = JSON.parse(document.getElementById("scenario").textContent);
    const $ = (id) => document.getElementById(id);
    const el = (tag, attrs, ...kids) => {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) {
        if (k === "class") e.className = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
      }
      for (const k of kids) if (k != null) e.append(k);
      return e;
    };
    const state = { params: {}, windows: {}, draws: S.draws };
    const indicator = Object.fromEntries(S.indicators.map((i) => [i.id, i]));
    const decimals = (i) => (i.max - i.min <= 10 ? 2 : 1);
    const nl = (x, d) => x == null || !isFinite(x) ? "–" : x.toLocaleString("nl-NL", { minimumFractionDigits: d, maximumFractionDigits: d });
    const zero = (x, d) => Math.round(Math.abs(x) * 10 ** d) === 0;
    const signed = (x, d) => zero(x, d) ? nl(0, d) : (x > 0 ? "+" : "") + nl(x, d);
    const euro = (x) => "€ " + Math.round(x).toLocaleString("nl-NL");
    const pct = (x) => Math.round(x * 100) + "%";
    const short = (x) => { const a = Math.abs(x); return a === 0 ? "0" : a >= 1000 ? Math.round(x).toLocaleString("nl-NL") : Number(x.toPrecision(3)).toLocaleString("nl-NL"); };

    // ---- the controls
    function central(p) { return typeof p.value === "number" ? p.value : p.value && p.value.dist ? (p.central ?? 0) : 0; }
    function range(p) {
      const c = central(p);
      const lo0 = p.band ? Math.min(p.band[0], c) : c, hi0 = p.band ? Math.max(p.band[1], c) : c;
      const span = Math.max(Math.abs(c), hi0 - lo0, p.default != null ? Math.abs(p.default) : 0, 1);
      let lo = p.min != null ? p.min : lo0 - span, hi = p.max != null ? p.max : hi0 + span;
      if (p.min == null && lo0 >= 0 && c >= 0) lo = 0;
      if (!(hi > lo)) hi = lo + 1;
      return [lo, hi];
    }
    function slider(inst, p) {
      const key = inst.name + "." + p.name;
      const [lo, hi] = range(p);
      const c = central(p);
      const out = el("output", { text: short(c) });
      const input = el("input", { type: "range", min: lo, max: hi, step: (hi - lo) / 200, value: c, "data-key": key,
                                  "aria-label": key });
      input.value = c;
      const box = el("div", { class: "param", "data-key": key },
        el("label", {}, el("span", { text: p.name + (p.unit ? " (" + p.unit + ")" : "") }), out), input);
      if (p.band) {
        const band = el("div", { class: "band", title: "90% van de verdeling" });
        const a = (p.band[0] - lo) / (hi - lo) * 100, b = (p.band[1] - lo) / (hi - lo) * 100;
        band.append(el("i", { style: `left:${Math.max(0, a)}%;width:${Math.max(1, Math.min(100, b) - Math.max(0, a))}%` }));
        box.append(band);
      }
      const reset = el("button", { type: "button", text: p.band ? "↺ verdeling" : "↺", title: "terug naar de waarde van het scenario" });
      reset.hidden = true;
      const note = el("div", { class: "note" },
        el("span", { text: p.band ? `onzeker: ${p.value.dist}, 90% tussen ${short(p.band[0])} en ${short(p.band[1])}` : `bereik ${short(lo)} – ${short(hi)}` }), reset);
      box.append(note);
      const show = () => {
        const fixed = key in state.params;
        out.textContent = fixed ? short(state.params[key]) : p.band ? "≈ " + short(c) + " (verdeling)" : short(c);
        box.classList.toggle("changed", fixed);
        reset.hidden = !fixed;
      };
      input.addEventListener("input", () => { state.params[key] = Number(input.value); show(); schedule(); });
      reset.addEventListener("click", () => { delete state.params[key]; input.value = c; show(); schedule(); });
      box.resetTo = () => { delete state.params[key]; input.value = c; show(); };
      show();
      return box;
    }
    function interventionBox(inst) {
      const on = el("input", { type: "checkbox", "data-active": inst.name });
      on.checked = true;
      const from = el("input", { type: "number", min: S.years.from, max: S.years.to, value: inst.from, "data-from": inst.name, "aria-label": inst.name + " vanaf" });
      const to = el("input", { type: "number", min: S.years.from, max: S.years.to, value: inst.to, "data-to": inst.name, "aria-label": inst.name + " tot en met" });
      const box = el("fieldset", { "data-intervention": inst.name },
        el("legend", {}, el("label", {}, on, " " + inst.title)),
        el("p", { class: "sub", text: `${inst.name} · ${inst.focus.join(", ")}` + (inst.funding ? ` · betaald uit ${inst.funding}` : "") }),
        el("div", { class: "years" }, "jaren ", from, " t/m ", to));
      const update = () => {
        const w = {};
        if (!on.checked) w.active = false;
        const f = Number(from.value), t = Number(to.value);
        if (f !== inst.from) w.from = f;
        if (t !== inst.to) w.to = t;
        const ok = Number.isInteger(f) && Number.isInteger(t) && f >= S.years.from && t <= S.years.to && f <= t;
        from.setCustomValidity(ok ? "" : "van ≤ tot, binnen " + S.years.from + "–" + S.years.to);
        if (!ok) return;
        if (Object.keys(w).length) state.windows[inst.name] = w; else delete state.windows[inst.name];
        box.classList.toggle("uit", !on.checked);
        schedule();
      };
      on.addEventListener("change", update); from.addEventListener("change", update); to.addEventListener("change", update);
      box.resetTo = () => { on.checked = true; from.value = inst.from; to.value = inst.to; box.classList.remove("uit"); };
      for (const p of inst.params) box.append(slider(inst, p));
      return box;
    }

    // ---- running: a newer request aborts the older one
    let controller = null, timer = null, shown = null;
    function body() {
      const b = {};
      if (Object.keys(state.params).length) b.params = { ...state.params };
      if (state.draws !== S.draws) b.draws = state.draws;
      if (Object.keys(state.windows).length) b.interventions = JSON.parse(JSON.stringify(state.windows));
      return b;
    }
    function schedule() { clearTimeout(timer); timer = setTimeout(run, 25); }
    async function run() {
      if (controller) controller.abort();
      const mine = controller = new AbortController();
      const request = body();
      document.body.dataset.state = "rekent";
      $("status").textContent = "Rekent…";
      const start = performance.now();
      try {
        const response = await fetch("api/run", { method: "POST", headers: { "Content-Type": "application/json" },
                                                    body: JSON.stringify(request), signal: mine.signal });
        const data = await response.json();
        if (mine !== controller) return;
        if (!response.ok) throw new Error(data.error || response.statusText);
        shown = data;
        render(data);
        document.body.dataset.request = JSON.stringify(request);
        document.body.dataset.state = "klaar";
        const ms = Math.round(performance.now() - start);
        $("status").textContent = `Doorgerekend met ${data.draws.toLocaleString("nl-NL")} trekkingen in ${ms} ms.`;
      } catch (e) {
        if (e.name === "AbortError" || mine !== controller) return;
        document.body.dataset.state = "fout";
        $("status").replaceChildren(el("span", { class: "error", text: "Fout: " + e.message }));
      }
    }

    // ---- drawing
    function activeFocus() {
      const names = new Set();
      for (const inst of S.interventions) if (!(state.windows[inst.name] && state.windows[inst.name].active === false)) inst.focus.forEach((w) => names.add(w));
      return S.wijken.filter((w) => names.has(w));
    }
    function chance(d, dec) {
      if (d.diff_p05 === 0 && d.diff_p95 === 0 && d.diff_mean === 0) return ["same", "geen verschil"];
      if (zero(d.diff_mean, dec)) return ["same", "verwaarloosbaar verschil"];
      if (d.p_better >= 0.95) return ["chance3", "vrijwel zeker beter"];
      if (d.p_better >= 0.5) return ["chance2", "waarschijnlijk beter"];
      if (d.p_better >= 0.05) return ["chance1", "waarschijnlijk niet beter"];
      return ["chance0", "vrijwel zeker niet beter"];
    }
    function renderEffect(data) {
      const box = $("effect");
      const focus = activeFocus();
      $("effect-kop").textContent = `Effect van het plan in ${S.years.to}` + (S.baseline ? ` (t.o.v. ${S.baseline})` : "");
      if (!data.effect) {
        box.replaceChildren(el("p", { text: "Dit scenario heeft geen basislijn (baseline): de kloof met de stad mengt de trend met het plan. De waaier en het geld staan hieronder." }));
        return;
      }
      if (!focus.length) { box.replaceChildren(el("p", { text: "Geen maatregel staat aan: er is geen focuswijk." })); return; }
      const rows = new Map();
      for (const r of data.effect) if (r.scenario === S.name && r.variant === 0 && r.year === S.years.to) rows.set(r.wijk + "|" + r.indicator, r);
      const head = el("tr", {}, el("th", { text: "Indicator" }), ...focus.map((w) => el("th", { text: w })));
      const tbody = el("tbody");
      for (const ind of S.indicators) {
        const dec = decimals(ind);
        const tr = el("tr", {}, el("th", { scope: "row" }, ind.title.replace(/ \(.*$/, ""), el("span", { class: "unit", text: ind.unit + ", " + (ind.polarity === "lower_better" ? "lager is beter" : "hoger is beter") })));
        for (const w of focus) {
          const d = rows.get(w + "|" + ind.id);
          if (!d) { tr.append(el("td")); continue; }
          const [cls, label] = chance(d, dec);
          tr.append(el("td", { class: "cell " + cls, title: `${w}, ${ind.title}: ${label}`, "data-wijk": w, "data-indicator": ind.id,
                               "data-diff-mean": d.diff_mean, "data-p-better": d.p_better },
            el("span", { class: "delta", text: signed(d.diff_mean, dec) }),
            el("span", { class: "chance", text: cls === "same" ? "–" : pct(d.p_better) })));
        }
        tbody.append(tr);
      }
      const legend = el("div", { class: "legend" }, ...[["chance3", "vrijwel zeker beter (≥ 95%)"], ["chance2", "waarschijnlijk beter (50–95%)"],
        ["chance1", "waarschijnlijk niet beter (5–50%)"], ["chance0", "vrijwel zeker niet beter (< 5%)"], ["same", "geen of verwaarloosbaar verschil"]]
        .map(([c, t]) => el("span", {}, el("i", { class: c }), t)));
      box.replaceChildren(el("p", { class: "sub", text: `Per focuswijk en indicator: het gemiddelde verschil met de basislijn in dezelfde trekking (+ = beter, in de eenheid van de indicator) en daaronder P(beter), het aandeel trekkingen waarin het plan beter is.` }),
        el("div", { class: "scroll" }, el("table", { class: "matrix" }, el("thead", {}, head), tbody)), legend);
    }
    function renderFan(data) {
      const w = $("fan-wijk").value, id = $("fan-indicator").value, ind = indicator[id];
      const own = data.trajectories.filter((r) => r.variant === 0 && r.wijk === w && r.indicator === id);
      const city = data.trajectories.filter((r) => r.variant === 0 && r.wijk === "city" && r.indicator === id);
      const base = data.effect ? data.effect.filter((r) => r.scenario !== S.name && r.variant === 0 && r.wijk === w && r.indicator === id) : [];
      const all = own.flatMap((r) => [r.p05, r.p95]).concat(city.map((r) => r.mean), base.map((r) => r.mean));
      let lo = Math.min(...all), hi = Math.max(...all);
      if (!(hi > lo)) { hi = lo + 1; }
      const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
      const W = 680, H = 280, L = 52, R = 12, T = 12, B = 28;
      const x = (year) => L + (year - S.years.from) / Math.max(1, S.years.to - S.years.from) * (W - L - R);
      const y = (v) => T + (hi - v) / (hi - lo) * (H - T - B);
      const path = (rows, f) => rows.map((r, k) => (k ? "L" : "M") + x(r.year).toFixed(1) + " " + y(f(r)).toFixed(1)).join(" ");
      let svg = `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="waaier ${w} ${id}">`;
      for (let k = 0; k <= 4; k++) {
        const v = lo + (hi - lo) * k / 4;
        svg += `<line class="grid" x1="${L}" x2="${W - R}" y1="${y(v)}" y2="${y(v)}"/><text x="${L - 4}" y="${y(v) + 4}" text-anchor="end">${nl(v, decimals(ind))}</text>`;
      }
      for (let year = S.years.from; year <= S.years.to; year += 5) svg += `<text x="${x(year)}" y="${H - 8}" text-anchor="middle">${year}</text>`;
      const band = own.map((r) => `${x(r.year).toFixed(1)},${y(r.p95).toFixed(1)}`).concat(own.slice().reverse().map((r) => `${x(r.year).toFixed(1)},${y(r.p05).toFixed(1)}`));
      svg += `<polygon class="fan-band" points="${band.join(" ")}"/>`;
      svg += `<path class="fan-city" d="${path(city, (r) => r.mean)}"/>`;
      if (base.length) svg += `<path class="fan-base" d="${path(base, (r) => r.mean)}"/>`;
      svg += `<path class="fan-mean" d="${path(own, (r) => r.mean)}"/><path class="fan-p50" d="${path(own, (r) => r.p50)}"/></svg>`;
      const end = own[own.length - 1];
      const legend = `<div class="legend"><span><i style="background:#9fb8d6"></i>${w}: 90% van de trekkingen (p05–p95)</span><span><i style="background:#1d4e89"></i>mediaan</span>` +
        `<span><i style="background:#6b7280"></i>stadsgemiddelde</span>` + (base.length ? `<span><i style="background:#b7791f"></i>basislijn (${S.baseline})</span>` : "") + `</div>`;
      $("fan").innerHTML = svg + legend;
      $("fan").append(el("p", { class: "sub", "data-wijk": w, "data-indicator": id, "data-mean": end.mean,
        text: `${ind.title} in ${w}, ${S.years.to}: gemiddeld ${nl(end.mean, decimals(ind))} ${ind.unit} (90%: ${nl(end.p05, decimals(ind))} – ${nl(end.p95, decimals(ind))}); stad ${nl(city[city.length - 1].mean, decimals(ind))}.` }));
    }
    function renderMoney(data) {
      const rows = data.funding.filter((r) => r.variant === 0);
      if (!rows.length) { $("geld").replaceChildren(el("p", { text: "Dit scenario heeft geen financieringsstromen." })); return; }
      const most = Math.max(...rows.map((r) => Math.max(r.spent, r.budget)), 1);
      const tbody = el("tbody");
      for (const r of rows) {
        const bar = el("div", { class: "bar" }, el("i", { class: r.overspent ? "over" : "", style: `width:${(r.spent / most * 100).toFixed(1)}%` }),
                       el("b", { style: `left:${(r.budget / most * 100).toFixed(1)}%`, title: "budget" }));
        const state = r.overspent ? (r.spent > r.budget ? "overschreden met " + euro(r.spent - r.budget) : "") + (r.spent_outside > 0 ? (r.spent > r.budget ? "; " : "") + euro(r.spent_outside) + " buiten de looptijd" : "") : "binnen budget";
        tbody.append(el("tr", { class: r.overspent ? "overspent" : "", "data-funding": r.funding, "data-spent": r.spent },
          el("td", { text: r.funding }), el("td", { class: "num", text: euro(r.spent) }), el("td", { class: "num", text: euro(r.budget) }),
          el("td", {}, bar), el("td", { text: state })));
      }
      $("geld").replaceChildren(el("table", {}, el("thead", {}, el("tr", {}, ...["Stroom", "Uitgegeven (gem.)", "Budget", "", ""].map((t) => el("th", { text: t })))), tbody),
        el("p", { class: "sub", text: "Gemiddelde totale uitgaven over de trekkingen; rood: meer uitgegeven dan het budget, of buiten de jaren van de stroom." }));
    }
    function render(data) { renderEffect(data); renderFan(data); renderMoney(data); }

    // ---- start
    $("meta").textContent = (S.baseline ? `Gemeten tegen de basislijn ${S.baseline}` : "Zonder basislijn") +
      ` · ${S.wijken.length} wijken · ${S.years.from}–${S.years.to} · seed ${S.seed} · hoogstens ${S.max_draws.toLocaleString("nl-NL")} trekkingen per run`;
    $("draws").value = S.draws; $("draws").max = S.max_draws;
    $("draws").addEventListener("change", () => {
      const n = Number($("draws").value);
      if (Number.isInteger(n) && n >= 1 && n <= S.max_draws) { state.draws = n; schedule(); }
    });
    const boxes = S.interventions.map(interventionBox);
    $("maatregelen").replaceChildren(...boxes);
    $("alles-terug").addEventListener("click", () => {
      state.params = {}; state.windows = {}; state.draws = S.draws; $("draws").value = S.draws;
      for (const b of boxes) { b.resetTo(); b.querySelectorAll(".param").forEach((p) => p.resetTo()); }
      schedule();
    });
    const focus0 = activeFocus();
    for (const w of S.wijken) $("fan-wijk").append(el("option", { value: w, text: w }));
    for (const i of S.indicators) $("fan-indicator").append(el("option", { value: i.id, text: i.title.replace(/ \(.*$/, "") }));
    if (focus0.length) $("fan-wijk").value = focus0[0];
    const redraw = () => { if (shown) renderFan(shown); };
    $("fan-wijk").addEventListener("change", redraw); $("fan-indicator").addEventListener("change", redraw);
    run();
    """#
}
