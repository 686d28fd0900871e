// Sentences built from the digest's data: recommended actions, notes, names of campaigns and
// reasons. Plain text: the HTML renderer escapes what these return.
import type { Action, Digest, Note } from '../types.ts';
import type { Money } from '../../../store/model.ts';
import type { Language } from '../config.ts';
import { Formatter } from './format.ts';
import { fill, messages, type Messages } from './messages.ts';
import { round } from '../series.ts';

export interface TextKit {
  lang: Language;
  m: Messages;
  fmt: Formatter;
}

export function textKit(digest: Digest, lang: Language): TextKit {
  return { lang, m: messages(lang), fmt: new Formatter(lang, digest.timeZone) };
}

export function campaignName(k: TextKit, id: string): string {
  return k.m.campaigns[id] ?? id;
}

export function noteText(k: TextKit, note: Note): string {
  const params: Record<string, string | number> = { ...note.params };
  if (typeof params.campaigns === 'string') params.campaigns = params.campaigns.split(', ').map((c) => campaignName(k, c)).join(', ');
  return fill(k.m.notes[note.key], params);
}

function str(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function money(v: unknown): Money | null {
  return v && typeof v === 'object' && 'amountMinor' in v ? (v as Money) : null;
}

export function reasonText(k: TextKit, reason: string | null): string {
  if (!reason) return '–';
  return (k.m.failureKinds as Record<string, string>)[reason] ?? (k.m.notReadReasons as Record<string, string>)[reason] ?? reason;
}

/** A "since" date, marked when it is only the first reading we have. */
export function sinceText(k: TextKit, at: string, firstReading: boolean): string {
  const date = k.fmt.day(at);
  return firstReading ? fill(k.m.sinceTracking, { date }) : date;
}

/** The recommended action as one sentence in the kit's language. */
export function actionText(k: TextKit, a: Action): string {
  const { m, fmt } = k;
  const p = a.params;
  const products = a.products.length ? fmt.list(a.products) : '';
  const base = { competitor: a.competitor ?? '', products };
  const campaign = typeof p.campaign === 'string' ? fill(m.campaignSuffix, { campaign: campaignName(k, p.campaign) }) : '';
  switch (a.kind) {
    case 'undercut':
      return fill(m.actions.undercut, { ...base, skus: str(p.skus), gap: fmt.pct(num(p.averageGapPct)), since: sinceText(k, str(p.since), p.sinceFirstReading === 1) }) + campaign;
    case 'price-dump': {
      const change = fmt.pct(Math.abs(num(p.changePct) ?? 0));
      const count = num(p.count) ?? 1;
      const text =
        count > 1
          ? fill(m.actionsMany['price-dump'], { ...base, count, change, dump: fmt.pct(num(p.dumpPct)) })
          : fill(m.actions['price-dump'], { ...base, change, to: fmt.money(money(p.to)), ours: fmt.money(money(p.ours)) });
      return text + campaign;
    }
    case 'stock-opportunity':
      return fill(m.actions['stock-opportunity'], { ...base, skus: str(p.skus), since: fmt.day(str(p.since)) });
    case 'counter-promotion':
      return fill(m.actions['counter-promotion'], { ...base, count: str(p.count), depth: fmt.pct(num(p.maxDepthPct)) }) + campaign;
    case 'priced-above': {
      const kind = str(p.segmentKind) as 'overall' | 'category' | 'tag';
      const segment = fill(m.segmentPhrase[kind] ?? m.segmentPhrase.overall, { name: str(p.segment) });
      return fill(m.actions['priced-above'], { segment, gap: fmt.pct(round((num(p.index) ?? 100) - 100, 1)), skus: str(p.matchedSkus) });
    }
    case 'misleading-discount':
      return fill(m.actions['misleading-discount'], { ...base, count: str(p.count), claimed: fmt.pct(num(p.claimedPct)) });
    case 'competitor-reviews': {
      const neg = num(p.newNegative);
      const negative = neg !== null && neg > 0 ? fill(m.negativeSuffix, { n: neg }) : '';
      const count = num(p.count) ?? 1;
      if (count > 1) return fill(m.actionsMany['competitor-reviews'], { ...base, count, negative });
      return fill(m.actions['competitor-reviews'], { ...base, previous: fmt.number(num(p.previousRating)), rating: fmt.number(num(p.rating)), negative });
    }
    case 'fix-crawling': {
      const listings = num(p.listings) ?? 0;
      return fill(m.actions['fix-crawling'], { ...base, read: listings - (num(p.notRead) ?? 0), listings, reason: reasonText(k, str(p.reason) || null) });
    }
  }
}

/** "Week 2026-W47: 16 Nov 2026 – 22 Nov 2026". */
export function weekTitle(k: TextKit, d: Digest): string {
  return fill(k.m.week, { week: d.period.week, from: k.fmt.calendarDate(d.period.firstDay), to: k.fmt.calendarDate(d.period.lastDay) });
}

export function generatedLine(k: TextKit, d: Digest): string {
  return fill(k.m.generated, { at: k.fmt.dateTime(d.generatedAt), tz: d.timeZone, previous: d.previous.week, yearAgo: d.yearAgo.week });
}
