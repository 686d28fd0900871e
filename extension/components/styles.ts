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
.rw-chart svg { display: block; background: #f9fafb; border-radius: 6px; }
.rw-chart-promo { fill: #fdb022; opacity: .22; }
.rw-line-theirs { fill: none; stroke: #1f4fd8; stroke-width: 2; }
.rw-line-effective { fill: none; stroke: #f79009; stroke-width: 1.5; stroke-dasharray: 4 3; }
.rw-line-ours { fill: none; stroke: #12b76a; stroke-width: 1.5; }
.rw-chart-axis { font-size: 9px; fill: #667085; }
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
.rw-page .rw-alerts { border-top: 2px solid #eaecf0; padding-top: 8px; }
`;
