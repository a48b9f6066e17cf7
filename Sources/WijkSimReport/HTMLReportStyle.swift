/// The report's stylesheet, inline in the page. Charts carry geometry and
/// class names only; colours live here. Colours print (print-color-adjust),
/// and every colour that carries meaning is also said in words.
enum ReportStyle {
    static let css = """
    :root{--ink:#1f2933;--muted:#5b6675;--line:#d9dee5;--red:#c53030;--green:#2f7d4f}
    *{box-sizing:border-box}
    html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
    body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#eef0f3}
    main{max-width:1180px;margin:0 auto;padding:20px 32px 40px;background:#fff}
    header h1{font-size:28px;line-height:1.2;margin:2px 0 4px}
    .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);margin:0}
    .meta{color:var(--muted);margin:0 0 6px}
    .description{max-width:860px;margin:4px 0 0;font-size:14px}
    nav ol{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;padding:8px 0;margin:12px 0 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line);font-size:13px}
    nav a{color:#1d4e89;text-decoration:none}
    section{margin-top:26px}
    h2{font-size:21px;margin:0 0 8px;padding-bottom:3px;border-bottom:2px solid var(--ink)}
    h3{font-size:17px;margin:20px 0 4px}
    p{margin:6px 0}
    .lead{font-size:17px;line-height:1.45;background:#f1f5fa;border-left:4px solid #1d4e89;padding:8px 14px;margin:4px 0 10px;max-width:1000px}
    ul.answer{padding-left:20px;margin:6px 0 12px;max-width:980px}
    ul.answer li{margin:3px 0}
    .note{font-size:12.5px;color:var(--muted);max-width:980px}
    .alert{background:#fde8e6;border-left:4px solid var(--red);padding:6px 10px;margin:8px 0}
    .alert-text{color:var(--red)}
    .okay{color:var(--green)}
    table{border-collapse:collapse;font-size:13px;margin:6px 0}
    th,td{padding:3px 7px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
    thead th{border-bottom:2px solid #aab2bd;font-weight:600}
    .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .scroll{overflow-x:auto}
    .unit{display:block;font-weight:400;color:var(--muted);font-size:11px}
    .matrix th[scope=row]{min-width:150px;max-width:210px;font-weight:600}
    .matrix thead th{text-align:center;font-size:12.5px;padding:3px 3px}
    .matrix td.cell{text-align:center;min-width:60px;border:2px solid #fff;padding:3px 4px;line-height:1.3}
    .matrix .gaps,.matrix .delta{display:block;font-variant-numeric:tabular-nums;white-space:nowrap;font-size:12px}
    .matrix .state{display:block;font-size:11px;font-weight:600}
    .matrix .chance{display:block;font-size:10.5px;color:#33415c}
    .chance3{background:#b9e0c2}.chance2{background:#e1f1d3}.chance1{background:#fde6c4}.chance0{background:#f6cbc5}.same{background:#eceff3}
    .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;color:#33415c;margin:6px 0;align-items:center}
    .legend span{display:inline-flex;align-items:center;gap:5px}
    .key{display:inline-block;width:22px;height:12px;border:1px solid #c9ced6}
    svg.swatch{width:26px;height:12px}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(350px,1fr));gap:14px 20px}
    .grid.wide{grid-template-columns:repeat(auto-fill,minmax(460px,1fr))}
    figure{margin:0;break-inside:avoid;page-break-inside:avoid}
    figcaption{font-weight:600;font-size:14px;line-height:1.3}
    figcaption .unit{display:inline;margin-left:4px}
    p.says{font-size:12.5px;margin:3px 0 0;color:#2d3744}
    svg.chart{width:100%;height:auto;display:block}
    svg text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
    .tick{font-size:9.5px;fill:#5b6675}
    .axis-label{font-size:10px;fill:#33415c}
    .gridline{stroke:#e6e9ee;stroke-width:1}
    .zero{stroke:#7b8794;stroke-width:1}
    .band{fill:var(--c);fill-opacity:.22;stroke:none}
    .median{fill:none;stroke:var(--c);stroke-width:2}
    .mean{fill:none;stroke:var(--c);stroke-width:1.2;stroke-dasharray:2 2}
    .city{fill:none;stroke:#1f2933;stroke-width:1.5;stroke-dasharray:6 3}
    .window{fill:var(--w);fill-opacity:.13}
    .window-bar{fill:var(--w);fill-opacity:.3}
    .window-label{font-size:8.5px;fill:#2d3744}
    .alt0{--c:#66707d;--w:#66707d}.alt1{--c:#1f6fb2;--w:#1f6fb2}.alt2{--c:#d97706;--w:#d97706}
    .alt3{--c:#7c3aed;--w:#7c3aed}.alt4{--c:#0f766e;--w:#0f766e}.alt5{--c:#be185d;--w:#be185d}
    .winrun{--w:#d69e00}
    .obs{fill:#1f2933;stroke:#fff;stroke-width:1}
    .obs-outside{fill:var(--red)}
    .obs-bar{stroke:#1f2933;stroke-width:1.2}
    .on-course{color:var(--green);font-weight:600}
    .off-course{color:var(--red);font-weight:600}
    tr.outside td{background:#fde8e6}
    svg.hist{width:168px;height:34px;display:block}
    .hist-prior{fill:#c3c9d1}
    .hist-post{fill:#1f6fb2}
    .gap-start{fill:#eef0f3;stroke:#8a94a3;stroke-width:1}
    .gap-end{fill:var(--c)}
    .row-label{font-size:10px;fill:#1f2933}
    .bar-note{font-size:9px;fill:#33415c}
    .bar.c0,.key.c0{fill:#1f6fb2;background:#1f6fb2}.bar.c1,.key.c1{fill:#d97706;background:#d97706}
    .bar.c2,.key.c2{fill:#0f766e;background:#0f766e}.bar.c3,.key.c3{fill:#7c3aed;background:#7c3aed}
    .bar.c4,.key.c4{fill:#be185d;background:#be185d}.bar.c5,.key.c5{fill:#65a30d;background:#65a30d}
    .bar.c6,.key.c6{fill:#0891b2;background:#0891b2}.bar.c7,.key.c7{fill:#a16207;background:#a16207}
    .budget-window{fill:#2f7d4f;fill-opacity:.09}
    .outside{fill:none;stroke:var(--red);stroke-width:2}
    .meter-budget{fill:#fff;stroke:#7b8794}
    .meter-spent{fill:var(--green)}
    .meter-over{fill:var(--red)}
    .meter-limit{stroke:#1f2933;stroke-width:2}
    figure.overspent{outline:3px solid var(--red);outline-offset:4px}
    tr.overspent td{background:#fde8e6}
    aside.caveats{margin:10px 0 14px;padding:8px 12px;border:1px solid var(--line);border-left:4px solid #b7791f;background:#fffaf0;font-size:14px;color:var(--ink)}
    tr.chosen td{font-weight:600;box-shadow:inset 0 -2px 0 var(--ink)}
    .diff-band{fill:#8a94a3}
    .diff-band.chance3{fill:#2f7d4f}.diff-band.chance2{fill:#8cc49a}.diff-band.chance1{fill:#e8a556}.diff-band.chance0{fill:var(--red)}
    .diff-mean{fill:#1f2933}
    table.diff td{vertical-align:middle}
    table.diff td.chart-cell{padding:0 4px;width:170px}
    table.diff svg.diff-bar{width:160px;height:16px}
    tr.reference td{color:var(--muted)}
    tr.group-start td,tr.group-start th{border-top:2px solid #aab2bd}
    .params td{font-size:12px}
    .params td.source{max-width:520px;color:#3b4654}
    .provenance dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:13.5px;margin:6px 0}
    .provenance dt{color:var(--muted)}
    .provenance dd{margin:0}
    code{font-size:12.5px;background:#f1f3f6;padding:0 3px;border-radius:3px}
    footer{margin-top:32px;padding-top:8px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
    @page{size:A4;margin:14mm}
    @media print{
      body{background:#fff;font-size:10pt}
      main{max-width:none;padding:0}
      nav{display:none}
      .grid{grid-template-columns:repeat(2,1fr)}
      .grid.wide{grid-template-columns:1fr}
      .scroll{overflow:visible}
      .matrix{font-size:7.5pt}
      .matrix thead th{font-size:7pt;overflow-wrap:anywhere;hyphens:auto}
      .matrix th[scope=row]{min-width:0;max-width:130px}
      .matrix td.cell{min-width:0;padding:2px 1px}
      .matrix .gaps,.matrix .delta{white-space:normal;font-size:7.5pt}
      .matrix .state,.matrix .chance,.unit{font-size:6.5pt}
      table.diff td.chart-cell{width:auto}
      p.says,.note{font-size:8.5pt}
      h2,h3{break-after:avoid;page-break-after:avoid}
      section.wijk{break-before:page;page-break-before:always}
      table{break-inside:auto}
      tr{break-inside:avoid}
      a{color:inherit;text-decoration:none}
    }
    """
}
