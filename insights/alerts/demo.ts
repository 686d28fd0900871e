// The `alerts:` section the demo writes into its config: rules tuned so the demo's simulated weeks
// (seven busy shops, daily lightning deals and coupons) yield a handful of alerts a day that show
// each kind, instead of one per promotion badge. Two weeks of the demo give about forty.
export function demoAlertsSection(language: 'en' | 'zh-CN' = 'en', timeZone = 'UTC'): Record<string, unknown> {
  return {
    channels: [{ name: 'browser', type: 'extension' }],
    owners: [
      { name: 'pricing', language, timeZone, channels: ['browser'] },
      { name: 'crawler-team', language, timeZone, channels: ['browser'] },
    ],
    rules: [
      { id: 'undercut', kind: 'undercut', owner: 'pricing', scope: { tag: 'bestseller' }, warning: { percent: 10 }, critical: { percent: 20, belowFloor: true } },
      { id: 'dump', kind: 'price_change', owner: 'pricing', direction: 'drop', compareWith: 'avg7d', warning: { percent: 30 }, critical: { percent: 50 } },
      { id: 'campaign', kind: 'promotion', owner: 'pricing', events: ['started'], types: ['threshold', 'coupon', 'bundle'], cooldownMinutes: 7 * 24 * 60 },
      { id: 'stock-out', kind: 'out_of_stock', owner: 'pricing', scope: { tag: 'bestseller' } },
      { id: 'reviews', kind: 'review_spike', owner: 'pricing', minRatingDrop: 0.1, warning: { percent: 3 } },
      { id: 'listing-gone', kind: 'listing_gone', owner: 'crawler-team' },
      { id: 'blocked', kind: 'blocked', owner: 'crawler-team', warning: { consecutive: 3 } },
      { id: 'price-glitch', kind: 'price_glitch', owner: 'crawler-team' },
    ],
  };
}
