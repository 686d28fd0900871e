// The digest at the edge of the store: gather listings, histories and our catalogue, compute, and
// keep complete weeks in the archive (documents of kind "digest", id = the week) so a digest
// once sent can be shown again exactly as it was.
import type { Store } from '../../store/store.ts';
import { ourPrice, type LoadedConfig } from '../../server/config.ts';
import { computeDigest, type DigestInput, type ProductInfo } from './compute/index.ts';
import { digestSettings, type DigestFormat, type DigestSettings, type Language } from './config.ts';
import { DIGEST_FORMAT, DIGEST_VERSION, type Digest } from './types.ts';
import { addWeeks, lastCompleteWeek, parseWeekId, weekBounds, weekOf, yearAgoWeek } from './week.ts';
import { campaignsBetween } from './campaigns.ts';
import { renderHtml } from './render/html.ts';
import { renderMarkdown } from './render/markdown.ts';
import { renderCsv } from './render/csv.ts';

export const DIGEST_KIND = 'digest';
/** One small document per archived week, so listing weeks does not read every digest. */
export const DIGEST_INDEX_KIND = 'digest-index';
const DAY_MS = 86_400_000;

/** A week that cannot have a digest (not a week, not started yet), with the reason. */
export class DigestWeekError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DigestWeekError';
  }
}

export function productsOf(loaded: LoadedConfig): ProductInfo[] {
  const { config } = loaded;
  return config.products.map((p) => ({ sku: p.sku, name: p.name, ourPrice: ourPrice(config, p), category: p.category ?? null, tags: p.tags }));
}

function optionsOf(s: DigestSettings): DigestInput['options'] {
  return {
    weekStart: s.weekStart,
    trendWeeks: s.trendWeeks,
    topN: s.topN,
    maxActions: s.maxActions,
    thresholds: s.thresholds,
    campaigns: s.campaigns,
    builtInCampaigns: s.builtInCampaigns,
  };
}

/** Checks a week id against `now`: it must be a week and must have started. */
export function checkWeek(week: string, settings: DigestSettings, now: Date): string {
  if (!parseWeekId(week)) throw new DigestWeekError(`"${week}" is not a week: use an ISO week such as 2026-W47`);
  const b = weekBounds(week, settings.timeZone, settings.weekStart);
  if (b.startMs > now.getTime()) throw new DigestWeekError(`${b.week} has not started yet (it starts ${b.firstDay}, ${settings.timeZone})`);
  return b.week;
}

/**
 * Reads what the digest of `week` needs from the store: the weeks of the trend (with the review
 * baseline and 30 days before them, for the lowest prices claims are checked against) and, as a
 * second narrow read, the year-ago week. A year of history is never read whole.
 */
export async function gatherDigestInput(store: Store, loaded: LoadedConfig, week: string, now: Date): Promise<DigestInput> {
  const settings = digestSettings(loaded);
  const id = checkWeek(week, settings, now);
  const tz = settings.timeZone;
  const bounds = (w: string) => weekBounds(w, tz, settings.weekStart);
  const end = bounds(id).endMs;
  const from = bounds(addWeeks(id, -Math.max(settings.trendWeeks - 1, 5))).startMs - 31 * DAY_MS;
  const yearAgo = bounds(yearAgoWeek(id));
  const iso = (ms: number) => new Date(ms).toISOString();
  const listings = await store.listListings();
  const ids = listings.map((l) => l.id);
  const histories = await store.getHistories(ids, { from: iso(from), to: iso(end - 1) });
  const yearAgoHistories = yearAgo.endMs <= from ? await store.getHistories(ids, { from: iso(yearAgo.startMs), to: iso(yearAgo.endMs - 1) }) : undefined;
  return {
    week: id,
    timeZone: tz,
    shop: settings.shop,
    currency: settings.currency,
    listings,
    histories,
    yearAgoHistories,
    products: productsOf(loaded),
    competitors: loaded.config.competitors.map((c) => c.name),
    exchangeRates: loaded.config.exchangeRates,
    generatedAt: now.toISOString(),
    options: optionsOf(settings),
  };
}

/** The digest of `week` computed from the store now. */
export async function buildDigest(store: Store, loaded: LoadedConfig, week: string, now: Date): Promise<Digest> {
  return computeDigest(await gatherDigestInput(store, loaded, week, now));
}

function isDigest(doc: unknown): doc is Digest {
  const d = doc as Partial<Digest> | null;
  return !!d && d.format === DIGEST_FORMAT && d.version === DIGEST_VERSION;
}

export async function archivedDigest(store: Store, week: string): Promise<Digest | null> {
  const rec = await store.getDocument<Digest>(DIGEST_KIND, week);
  return rec && isDigest(rec.doc) ? rec.doc : null;
}

/**
 * The digest of a week: the archived one when there is one, else built now. A complete week's
 * digest is archived when `archive` is set (read-only callers such as the CLI leave it off).
 */
export async function getDigest(
  store: Store,
  loaded: LoadedConfig,
  week: string,
  now: Date,
  opts: { archive?: boolean } = {},
): Promise<{ digest: Digest; archived: boolean }> {
  const id = checkWeek(week, digestSettings(loaded), now);
  const kept = await archivedDigest(store, id);
  if (kept) return { digest: kept, archived: true };
  const digest = await buildDigest(store, loaded, id, now);
  if (opts.archive && !digest.partial) {
    await archiveDigest(store, digest);
    return { digest, archived: true };
  }
  return { digest, archived: false };
}

export async function archiveDigest(store: Store, digest: Digest): Promise<void> {
  await store.putDocument(DIGEST_KIND, digest.period.week, digest, digest.generatedAt);
  await store.putDocument(DIGEST_INDEX_KIND, digest.period.week, { generatedAt: digest.generatedAt }, digest.generatedAt);
}

export interface DigestWeek {
  week: string;
  firstDay: string;
  lastDay: string;
  campaigns: string[];
  archived: boolean;
  generatedAt: string | null;
  /** The week has not ended: its digest would be partial. */
  current: boolean;
}

/**
 * The weeks a digest can be read for, newest first: every archived week, plus each week from the
 * first listing's (at most `recent` weeks back) to the current one.
 */
export async function listDigestWeeks(store: Store, loaded: LoadedConfig, now: Date, recent = 26): Promise<DigestWeek[]> {
  const s = digestSettings(loaded);
  const archived = new Map((await store.listDocuments<{ generatedAt: string }>(DIGEST_INDEX_KIND)).map((r) => [r.id, r.doc]));
  const listings = await store.listListings();
  const current = weekOf(now.getTime(), s.timeZone, s.weekStart);
  const weeks = new Set(archived.keys());
  if (listings.length > 0) {
    const firstMs = Math.min(...listings.map((l) => Date.parse(l.addedAt)));
    const first = weekOf(firstMs, s.timeZone, s.weekStart);
    for (let w = current, n = 0; n < recent; n++, w = addWeeks(w, -1)) {
      weeks.add(w);
      if (w === first) break;
    }
  }
  const last = lastCompleteWeek(now.getTime(), s.timeZone, s.weekStart);
  return [...weeks]
    .sort((a, b) => (a < b ? 1 : -1))
    .map((week) => {
      const b = weekBounds(week, s.timeZone, s.weekStart);
      const doc = archived.get(week);
      return {
        week,
        firstDay: b.firstDay,
        lastDay: b.lastDay,
        campaigns: campaignsBetween(b.firstDay, b.lastDay, s.campaigns, s.builtInCampaigns),
        archived: doc !== undefined,
        generatedAt: doc?.generatedAt ?? null,
        current: week > last,
      };
    });
}

export const CONTENT_TYPES: Record<DigestFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** One rendering of a digest: HTML, Markdown, CSV (multi-section) or the JSON itself. */
export function renderDigest(digest: Digest, format: DigestFormat, lang: Language): string {
  switch (format) {
    case 'html':
      return renderHtml(digest, lang);
    case 'md':
      return renderMarkdown(digest, lang);
    case 'csv':
      return renderCsv(digest, lang);
    case 'json':
      return `${JSON.stringify(digest, null, 2)}\n`;
  }
}

export function digestFileName(digest: Digest, format: DigestFormat, lang: Language): string {
  return `rivalwatch-digest-${digest.period.week}${format === 'json' ? '' : `.${lang}`}.${format}`;
}
