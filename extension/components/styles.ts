// The extension's CSS, as text: injected into the overlay's shadow root (so the page's styles
// cannot reach it and ours cannot leak out) and into the popup and options pages.
export const baseCss = `
:host, .rw-root { all: initial; }
.rw-root, .rw-page { font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2433; }
.rw-root *, .rw-page * { box-sizing: border-box; }
.rw-muted { color: #667085; }
.rw-error { color: #b42318; }
.rw-ok { color: #067647; }
.rw-warn { color: #b54708; background: #fffaeb; border-radius: 6px; padding: 4px 8px; }
h4 { margin: 10px 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #475467; }
p { margin: 4px 0; }
button { font: inherit; cursor: pointer; }
.rw-primary { background: #1f4fd8; color: #fff; border: 0; border-radius: 6px; padding: 6px 10px; margin-top: 6px; }
.rw-primary:disabled { background: #98a2b3; cursor: default; }
.rw-prices, .rw-stats { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
.rw-prices dt, .rw-stats dt { color: #475467; }
.rw-prices dd, .rw-stats dd { margin: 0; font-weight: 600; text-align: right; }
.rw-stats { grid-template-columns: auto 1fr auto 1fr; }
.rw-cheaper { color: #b42318; }
.rw-promotions ul { margin: 2px 0; padding-left: 18px; }
.rw-history-head { display: flex; align-items: center; justify-content: space-between; }
.rw-days { display: flex; gap: 4px; margin-top: 6px; }
.rw-day { border: 1px solid #d0d5dd; background: #fff; border-radius: 4px; padding: 1px 6px; font-size: 11px; }
.rw-day.rw-active { background: #1f4fd8; color: #fff; border-color: #1f4fd8; }
.rw-chart { margin: 4px 0; }
.rw-chart svg { display: block; background: #fcfcfd; border: 1px solid #eaecf0; border-radius: 6px; }
.rw-chart-promo { fill: #fdb022; opacity: .2; }
.rw-chart-grid { stroke: #eaecf0; stroke-width: 1; }
.rw-chart-baseline { stroke: #d0d5dd; stroke-width: 1; }
.rw-area-theirs { fill: #1f4fd8; opacity: .08; }
.rw-line-theirs { fill: none; stroke: #1f4fd8; stroke-width: 1.8; stroke-linejoin: round; }
.rw-dot-theirs { fill: #1f4fd8; }
.rw-line-effective { fill: none; stroke: #f79009; stroke-width: 1.5; stroke-dasharray: 4 3; }
.rw-line-ours { fill: none; stroke: #12b76a; stroke-width: 1.5; stroke-dasharray: 6 2; }
.rw-chart-axis { font-size: 9px; fill: #667085; font-variant-numeric: tabular-nums; }
.rw-legend { display: flex; flex-wrap: wrap; gap: 10px; font-size: 11px; color: #475467; margin-top: 2px; }
.rw-key::before { content: ""; display: inline-block; width: 10px; height: 3px; margin-right: 4px; vertical-align: middle; }
.rw-key-theirs::before { background: #1f4fd8; }
.rw-key-effective::before { background: #f79009; }
.rw-key-ours::before { background: #12b76a; }
.rw-key-promo::before { background: #fdb022; height: 8px; opacity: .5; }
.rw-discount { border-left: 3px solid #98a2b3; padding-left: 8px; }
.rw-verdict-inflated { border-color: #d92d20; }
.rw-verdict-genuine { border-color: #12b76a; }
.rw-search input { width: 100%; padding: 5px 8px; border: 1px solid #d0d5dd; border-radius: 6px; font: inherit; }
.rw-results { list-style: none; margin: 4px 0; padding: 0; max-height: 160px; overflow: auto; }
.rw-result { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 3px 4px; border-radius: 4px; font: inherit; color: inherit; }
button.rw-result:hover { background: #eef4ff; }
.rw-picked { background: #dbe6ff; }
.rw-sku { font-family: ui-monospace, monospace; font-size: 12px; color: #1f4fd8; }
.rw-weekly { border-top: 1px solid #eaecf0; padding-top: 6px; margin-top: 8px; }
.rw-freshness { font-size: 12px; color: #667085; }
`;

export const panelCss = `${baseCss}
.rw-panel { position: fixed; z-index: 2147483647; width: 340px; max-height: 80vh; overflow: auto; background: #fff; border: 1px solid #d0d5dd; border-radius: 10px; box-shadow: 0 8px 24px rgba(16,24,40,.18); }
.rw-panel.rw-bottom-right { right: 16px; bottom: 16px; }
.rw-panel.rw-bottom-left { left: 16px; bottom: 16px; }
.rw-panel.rw-top-right { right: 16px; top: 16px; }
.rw-panel.rw-top-left { left: 16px; top: 16px; }
.rw-header { display: flex; align-items: center; justify-content: space-between; gap: 8px; padding: 6px 10px; background: #1f4fd8; color: #fff; border-radius: 10px 10px 0 0; position: sticky; top: 0; }
.rw-panel.rw-collapsed .rw-header { border-radius: 10px; }
.rw-header strong { font-size: 13px; }
.rw-header-note { font-size: 12px; opacity: .9; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rw-toggle { background: rgba(255,255,255,.18); color: #fff; border: 0; border-radius: 4px; padding: 1px 8px; font-size: 12px; }
.rw-body { padding: 6px 12px 10px; }
.rw-product { font-weight: 600; }
.rw-listing-title { font-size: 12px; color: #344054; overflow-wrap: anywhere; }
`;

export const pageCss = `${baseCss}
.rw-page { display: block; padding: 12px 16px; min-width: 320px; max-width: 560px; }
.rw-page h1 { font-size: 16px; margin: 0 0 8px; }
.rw-page section { margin-bottom: 14px; }
.rw-page label { display: block; margin: 8px 0 2px; font-weight: 600; }
.rw-page input[type=text], .rw-page input[type=password], .rw-page input[type=url], .rw-page select { width: 100%; padding: 5px 8px; border: 1px solid #d0d5dd; border-radius: 6px; font: inherit; }
body { margin: 0; }
.rw-popup { width: 400px; min-width: 0; padding: 0 0 10px; }
.rw-popup > * { margin-left: 14px; margin-right: 14px; }
.rw-popup-head { display: flex; align-items: center; justify-content: space-between; margin: 0 0 8px; padding: 9px 14px; background: #1f4fd8; color: #fff; }
.rw-popup .rw-popup-head h1 { font-size: 14px; margin: 0; }
.rw-popup-head .rw-link-button { color: #dbe6ff; }
.rw-popup section { margin-bottom: 10px; }
.rw-status p { margin: 0; font-size: 12px; }
.rw-dot { display: inline-block; width: 7px; height: 7px; border-radius: 50%; margin-right: 2px; vertical-align: 1px; }
.rw-dot-ok { background: #12b76a; }
.rw-dot-error { background: #d92d20; }
.rw-link-button { background: none; border: 0; padding: 0; color: #1f4fd8; font-size: 12px; }
.rw-link-button:hover { text-decoration: underline; }
.rw-link-button:disabled { color: #98a2b3; text-decoration: none; cursor: default; }
.rw-wide { display: block; width: calc(100% - 28px); margin-top: 0; margin-bottom: 10px; padding: 7px 10px; font-weight: 600; }
.rw-section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 8px; }
.rw-count { display: inline-block; min-width: 18px; padding: 0 5px; margin-left: 4px; border-radius: 9px; background: #d92d20; color: #fff; font-size: 11px; line-height: 17px; text-align: center; letter-spacing: 0; vertical-align: 1px; }
.rw-alerts { border-top: 1px solid #eaecf0; padding-top: 2px; }
.rw-empty { padding: 6px 0; }
.rw-alert-list { list-style: none; margin: 4px 0 0; padding: 0; max-height: 330px; overflow: auto; }
.rw-alert { border: 1px solid #eaecf0; border-left: 3px solid #dc6803; border-radius: 6px; padding: 6px 8px 5px; margin: 0 0 6px; background: #fff; }
.rw-alert-critical { border-left-color: #d92d20; background: #fffbfa; }
.rw-alert-meta { display: flex; align-items: center; gap: 6px; font-size: 11px; color: #667085; }
.rw-alert-meta time { margin-left: auto; white-space: nowrap; }
.rw-sev { font-size: 10px; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; padding: 0 5px; border-radius: 3px; line-height: 16px; }
.rw-sev-warning { background: #fef0c7; color: #93370d; }
.rw-sev-critical { background: #fee4e2; color: #b42318; }
.rw-alert-competitor { font-weight: 600; color: #344054; }
.rw-alert-text { margin: 3px 0 4px; font-size: 12.5px; line-height: 1.4; overflow-wrap: anywhere; }
.rw-alert-actions { display: flex; gap: 14px; font-size: 12px; }
.rw-alert-actions a { color: #1f4fd8; text-decoration: none; }
.rw-alert-actions a:hover { text-decoration: underline; }
`;

/** The digest page: weeks on the left, the week's digest as a readable report. */
export const digestCss = `${pageCss}
html, body { background: #f2f4f7; }
.rw-digest-page { display: grid; grid-template-columns: 220px minmax(0, 1fr); gap: 0; max-width: 1180px; min-height: 100vh; padding: 0; margin: 0 auto; }
.rw-weeks { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow: auto; padding: 16px 12px; }
.rw-brand { font-weight: 700; color: #1f4fd8; font-size: 15px; margin: 0 0 12px; }
.rw-weeks h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .05em; color: #667085; margin: 0 0 6px; }
.rw-weeks ul { list-style: none; margin: 0; padding: 0; }
.rw-week { display: block; padding: 6px 8px; border-radius: 6px; color: inherit; text-decoration: none; margin-bottom: 2px; }
.rw-week:hover { background: #e4e7ec; }
.rw-week-active, .rw-week-active:hover { background: #1f4fd8; color: #fff; }
.rw-week-id { display: block; font-weight: 600; font-variant-numeric: tabular-nums; }
.rw-week-days { display: block; font-size: 11.5px; opacity: .8; }
.rw-week-tags { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 2px; }
.rw-week-active .rw-tag { background: rgba(255,255,255,.2); color: #fff; }
.rw-digest-main { padding: 16px 20px 40px; min-width: 0; }
.rw-digest { background: #fff; border: 1px solid #eaecf0; border-radius: 10px; padding: 18px 22px; max-width: 940px; }
.rw-digest-head h1 { font-size: 20px; margin: 0; }
.rw-shop { margin: 0; color: #667085; font-size: 12px; }
.rw-week-title { font-size: 14px; font-weight: 600; margin: 2px 0; }
.rw-small { font-size: 12px; }
.rw-notes { background: #fffaeb; border-left: 3px solid #f79009; border-radius: 4px; padding: 6px 10px; margin: 10px 0; color: #7a2e0e; }
.rw-kpis { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 8px; margin: 14px 0 6px; }
.rw-kpi { border: 1px solid #eaecf0; border-radius: 8px; padding: 8px 10px; }
.rw-kpi-warn { border-color: #fec84b; background: #fffaeb; }
.rw-kpi-label { font-size: 11px; color: #667085; line-height: 1.25; min-height: 2.5em; }
.rw-kpi-value { font-size: 20px; font-weight: 700; font-variant-numeric: tabular-nums; }
.rw-kpi-detail { font-size: 11px; color: #475467; }
.rw-digest-section { margin: 20px 0 0; }
.rw-digest-section h2 { font-size: 15px; margin: 0 0 2px; padding-bottom: 4px; border-bottom: 1px solid #eaecf0; }
.rw-digest-section h3 { font-size: 12.5px; margin: 10px 0 4px; color: #344054; }
.rw-intro { color: #667085; font-size: 12px; margin: 4px 0 6px; }
.rw-actions { margin: 6px 0 0; padding-left: 20px; }
.rw-actions li { margin: 0 0 6px; }
.rw-evidence { font-size: 11.5px; color: #667085; white-space: nowrap; }
.rw-evidence a { margin-left: 4px; color: #1f4fd8; }
.rw-table-block { margin: 4px 0 8px; overflow-x: auto; }
.rw-table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
.rw-table th { text-align: left; font-weight: 600; color: #475467; font-size: 11.5px; border-bottom: 1px solid #d0d5dd; padding: 4px 8px; white-space: nowrap; }
.rw-table td { border-bottom: 1px solid #f2f4f7; padding: 4px 8px; vertical-align: middle; }
.rw-table tr:hover td { background: #f9fafb; }
.rw-table .rw-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.rw-table a { color: #1f4fd8; text-decoration: none; }
.rw-table a:hover { text-decoration: underline; }
.rw-row-warn td { background: #fffaeb; }
.rw-flash td { background: #dbe6ff !important; transition: background .3s; }
.rw-good { color: #067647; }
.rw-bad { color: #b42318; }
.rw-tag { display: inline-block; font-size: 10.5px; line-height: 16px; padding: 0 5px; border-radius: 3px; background: #eef4ff; color: #1f4fd8; white-space: nowrap; }
.rw-tag-campaign { background: #fef0c7; color: #93370d; }
.rw-tag-new { background: #fee4e2; color: #b42318; }
.rw-tag-warn { background: #fee4e2; color: #b42318; }
.rw-spark { display: block; }
.rw-spark-line { fill: none; stroke: #1f4fd8; stroke-width: 1.5; }
.rw-spark-dot { fill: #1f4fd8; }
.rw-spark-campaign { fill: #fdb022; opacity: .25; }
@media (max-width: 900px) { .rw-kpis { grid-template-columns: repeat(3, minmax(0, 1fr)); } }
`;
