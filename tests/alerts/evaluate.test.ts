import { describe, expect, it } from 'vitest';
import type { Listing, Money, RecordResult, TrackedValues } from '../../store/model.ts';
import { parseAlertsConfig, type AlertRule } from '../../insights/alerts/config.ts';
import { evaluate, stateKey } from '../../insights/alerts/evaluate.ts';
import { renderMessage } from '../../insights/alerts/messages.ts';
import type { AlertEvent, RuleState } from '../../insights/alerts/types.ts';
import type { ProductInfo } from '../../insights/alerts/rules/context.ts';
import { ConfigError } from '../../server/config.ts';

const cny = (major: number): Money => ({ amountMinor: Math.round(major * 100), currency: 'CNY' });
const listing: Listing = { id: 'L1', url: 'http://shop.test/item/1', competitor: 'Acme', sku: 'SKU-1', status: 'active', addedAt: '2024-01-01T00:00:00Z' };
const product: ProductInfo = { sku: 'SKU-1', name: 'Widget', tags: ['audio'], category: 'speakers', floor: cny(1000) };

function ok(previous: Partial<TrackedValues>, current: Partial<TrackedValues>, changed: RecordResult['changed']): RecordResult {
  return { listingId: 'L1', ok: true, changed, previous, current: { ...previous, ...current } };
}

/** Runs results through evaluate in order, keeping state like the engine does. */
function run(rules: AlertRule[], steps: { result: RecordResult; at: string; ourPrice?: Money | null }[]): AlertEvent[] {
  const states = new Map<string, RuleState>();
  const events: AlertEvent[] = [];
  for (const s of steps) {
    const out = evaluate({ rules, listing, product, result: s.result, history: null, ourPrice: s.ourPrice ?? cny(1199), at: s.at, states });
    for (const st of out.states) states.set(stateKey(st.ruleId, st.subject), st);
    events.push(...out.events);
  }
  return events;
}

const cfg = (rules: unknown[]) => parseAlertsConfig({ rules, owners: [{ name: 'p', channels: ['b'] }], channels: [{ name: 'b', type: 'extension' }] }, 'test.yaml');

describe('undercut', () => {
  const rules = cfg([{ id: 'u', kind: 'undercut', owner: 'p', warning: { percent: 1 }, critical: { percent: 10 }, cooldownMinutes: 60 }]).rules;

  it('fires once per episode at the right level, escalates, and re-arms when it clears', () => {
    const events = run(rules, [
      { result: ok({ price: cny(1299) }, {}, ['price']), at: '2024-01-01T00:00:00Z' },
      { result: ok({ price: cny(1299) }, { price: cny(1099) }, ['price']), at: '2024-01-01T06:00:00Z' }, // −8.3%: warning
      { result: ok({ price: cny(1099) }, {}, []), at: '2024-01-01T12:00:00Z' }, // still holding: nothing
      { result: ok({ price: cny(1099) }, { price: cny(999) }, ['price']), at: '2024-01-01T18:00:00Z' }, // −16.7%: critical
      { result: ok({ price: cny(999) }, { price: cny(1299) }, ['price']), at: '2024-01-02T00:00:00Z' }, // cleared
      { result: ok({ price: cny(1299) }, { price: cny(1000) }, ['price']), at: '2024-01-02T06:00:00Z' }, // new episode: critical
    ]);
    expect(events.map((e) => [e.severity, e.eventKey])).toEqual([
      ['warning', 'u|L1|undercut|ep1|warning'],
      ['critical', 'u|L1|undercut|ep1|critical'],
      ['critical', 'u|L1|undercut|ep2|critical'],
    ]);
  });

  it('holds a new episode inside the cooldown and fires it later if it still holds', () => {
    const events = run(rules, [
      { result: ok({ price: cny(1299) }, { price: cny(1099) }, ['price']), at: '2024-01-01T00:00:00Z' },
      { result: ok({ price: cny(1099) }, { price: cny(1299) }, ['price']), at: '2024-01-01T00:10:00Z' },
      { result: ok({ price: cny(1299) }, { price: cny(1099) }, ['price']), at: '2024-01-01T00:20:00Z' }, // in cooldown
      { result: ok({ price: cny(1099) }, {}, []), at: '2024-01-01T01:30:00Z' }, // cooldown over, still holding
    ]);
    expect(events.map((e) => [e.at, e.eventKey])).toEqual([
      ['2024-01-01T00:00:00Z', 'u|L1|undercut|ep1|warning'],
      ['2024-01-01T01:30:00Z', 'u|L1|undercut|ep2|warning'],
    ]);
  });

  it('says what happened in English and Chinese', () => {
    const [e] = run(rules, [{ result: ok({ price: cny(1299) }, { price: cny(1099) }, ['price']), at: '2024-01-01T00:00:00Z' }]);
    expect(renderMessage(e, 'en')).toBe("[WARNING] Acme undercuts us on SKU-1 'Widget': CN¥1,099.00 (was CN¥1,299.00) vs our CN¥1,199.00 (−8.3%, CN¥100.00 below)");
    expect(renderMessage(e, 'zh-CN')).toBe('【警告】竞品 Acme 的「Widget」(SKU-1)价格 ¥1,299.00 → ¥1,099.00，低于我方 ¥1,199.00（低 8.3%，差 ¥100.00）');
  });

  it('uses the effective price and the floor', () => {
    const floorRules = cfg([{ id: 'f', kind: 'undercut', owner: 'p', critical: { belowFloor: true } }]).rules;
    const events = run(floorRules, [{ result: ok({ price: cny(1299) }, { effectivePrice: cny(950) }, ['effectivePrice']), at: '2024-01-01T00:00:00Z' }]);
    expect(events).toHaveLength(1);
    expect(events[0].facts.belowFloor).toBe(true);
    expect(renderMessage(events[0], 'en')).toContain('below our floor CN¥1,000.00');
  });
});

describe('events', () => {
  it('a price drop fires per change point, only beyond its threshold', () => {
    const rules = cfg([{ id: 'd', kind: 'price_change', owner: 'p', warning: { percent: 10 }, critical: { amount: '500' }, cooldownMinutes: 0 }]).rules;
    const events = run(rules, [
      { result: ok({ price: cny(1299) }, { price: cny(1250) }, ['price']), at: '2024-01-01T00:00:00Z' },
      { result: ok({ price: cny(1250) }, { price: cny(1100) }, ['price']), at: '2024-01-02T00:00:00Z' },
      { result: ok({ price: cny(1100) }, { price: cny(500) }, ['price']), at: '2024-01-03T00:00:00Z' },
      { result: ok({ price: cny(500) }, { price: cny(1100) }, ['price']), at: '2024-01-04T00:00:00Z' },
    ]);
    expect(events.map((e) => e.severity)).toEqual(['warning', 'critical']);
    expect(renderMessage(events[0], 'en')).toContain('cut the price of');
  });

  it('promotions fire on start, change and end, not on the first crawl', () => {
    const rules = cfg([{ id: 'pr', kind: 'promotion', owner: 'p', cooldownMinutes: 0 }]).rules;
    const a = { type: 'threshold' as const, text: '满300减50', threshold: cny(300), amount: cny(50) };
    const b = { ...a, text: '满300减80', amount: cny(80) };
    const events = run(rules, [
      { result: { ...ok({}, { promotions: [a] }, ['promotions']), previous: {} }, at: '2024-01-01T00:00:00Z' },
      { result: ok({ promotions: [] }, { promotions: [a] }, ['promotions']), at: '2024-01-02T00:00:00Z' },
      { result: ok({ promotions: [a] }, { promotions: [b] }, ['promotions']), at: '2024-01-03T00:00:00Z' },
      { result: ok({ promotions: [b] }, { promotions: [] }, ['promotions']), at: '2024-01-04T00:00:00Z' },
    ]);
    expect(events.map((e) => e.condition)).toEqual(['started:threshold', 'changed:threshold', 'ended:threshold']);
    expect(renderMessage(events[1], 'zh-CN')).toContain('满300减50 → 满300减80');
  });

  it('stock: out of stock re-arms, back in stock fires on the change', () => {
    const rules = cfg([
      { id: 'o', kind: 'out_of_stock', owner: 'p', cooldownMinutes: 0 },
      { id: 'b', kind: 'back_in_stock', owner: 'p', cooldownMinutes: 0 },
    ]).rules;
    const events = run(rules, [
      { result: ok({ availability: 'in_stock' }, { availability: 'out_of_stock' }, ['availability']), at: '2024-01-01T00:00:00Z' },
      { result: ok({ availability: 'out_of_stock' }, {}, []), at: '2024-01-01T06:00:00Z' },
      { result: ok({ availability: 'out_of_stock' }, { availability: 'in_stock', price: cny(1299) }, ['availability']), at: '2024-01-02T00:00:00Z' },
      { result: ok({ availability: 'in_stock' }, { availability: 'out_of_stock' }, ['availability']), at: '2024-01-03T00:00:00Z' },
    ]);
    expect(events.map((e) => `${e.ruleId}:${e.eventKey.split('|').slice(3).join('|')}`)).toEqual(['o:ep1|warning', 'b:2024-01-02T00:00:00Z', 'o:ep2|warning']);
  });
});

describe('scope and config', () => {
  it('matches sku, competitor, tag and category, and skips our own pages for market rules', () => {
    const rules = cfg([
      { id: 'tag', kind: 'out_of_stock', owner: 'p', scope: { tag: 'audio' } },
      { id: 'cat', kind: 'out_of_stock', owner: 'p', scope: { category: 'phones' } },
      { id: 'comp', kind: 'out_of_stock', owner: 'p', scope: { competitor: 'Acme' } },
    ]).rules;
    const result = ok({ availability: 'in_stock' }, { availability: 'out_of_stock' }, ['availability']);
    expect(run(rules, [{ result, at: '2024-01-01T00:00:00Z' }]).map((e) => e.ruleId)).toEqual(['tag', 'comp']);
    const own = evaluate({ rules, listing: { ...listing, own: true }, product, result, history: null, ourPrice: null, at: '2024-01-01T00:00:00Z', states: new Map() });
    expect(own.events).toEqual([]);
  });

  it('names the field path of a bad rule', () => {
    expect(() => cfg([{ id: 'x', kind: 'undercut', owner: 'nobody', warning: { percent: 1 } }])).toThrow(/alerts\.rules\[0\]\.owner: unknown owner "nobody"/);
    try {
      cfg([{ id: 'x', kind: 'price_change', owner: 'p', warning: { pecent: 1 } }]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).problems.join('\n')).toMatch(/alerts\.rules\[0\]/);
    }
  });

  it('says what an owner time zone must look like', () => {
    const bad = { owners: [{ name: 'p', timeZone: 'Mars/Olympus', channels: ['b'] }], channels: [{ name: 'b', type: 'extension' }] };
    expect(() => parseAlertsConfig(bad, 'test.yaml')).toThrow(ConfigError);
    expect(() => parseAlertsConfig(bad, 'test.yaml')).toThrow('alerts.owners[0].timeZone: an IANA time zone such as "Asia/Shanghai"');
  });

  it('has default rules when the section is absent', () => {
    const config = parseAlertsConfig(undefined, 'x.yaml', { language: 'zh-CN', timeZone: 'Asia/Shanghai' });
    expect(config.rules.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['undercut', 'price_change', 'promotion', 'out_of_stock', 'back_in_stock', 'listing_gone', 'extraction_failing', 'blocked']),
    );
    expect(config.owners[0]).toMatchObject({ language: 'zh-CN', timeZone: 'Asia/Shanghai', channels: ['browser'] });
  });
});

describe('the demo section', () => {
  it('is a valid alerts section in both languages', async () => {
    const { demoAlertsSection } = await import('../../insights/alerts/demo.ts');
    for (const lang of ['en', 'zh-CN'] as const) {
      const config = parseAlertsConfig(demoAlertsSection(lang, 'Asia/Shanghai'), 'demo');
      expect(config.rules.map((r) => r.kind)).toContain('undercut');
      expect(config.owners.every((o) => o.language === lang)).toBe(true);
    }
  });
});
