// Request and response schemas: they validate what comes in, check what goes out and make up the
// OpenAPI document. Built from the store's schemas so the API and storage cannot disagree.
import { z } from 'zod';
import { ListingSchema, MoneySchema, PromotionSchema } from '../../store/schema.ts';
import { HISTORY_DAYS } from './compute/history.ts';

const iso = z.string().describe('UTC ISO-8601 time');
const money = MoneySchema.describe('exact money: integer minor units and an ISO 4217 code');
const nullableMoney = money.nullable();
const availability = z.enum(['in_stock', 'out_of_stock', 'preorder', 'limited', 'unknown']);
const point = <T extends z.ZodType>(value: T) => z.object({ at: iso, value, lastSeenAt: iso });

export const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) }).describe('an error a person can act on');

export const DifferenceSchema = z
  .object({ amountMinor: z.int(), currency: z.string(), percent: z.number().nullable() })
  .describe('their price minus ours (positive: they are dearer), and that relative to ours in percent');

export const PromotionPeriodSchema = z.object({ promotion: PromotionSchema, from: iso, to: iso.nullable() });

export const PageQuerySchema = z.object({
  url: z.string().min(1).max(4096).describe('the page URL as the browser shows it'),
  canonical: z.string().max(4096).optional().describe('the canonical URL the page declares, if any'),
});

export const DaysSchema = z.coerce
  .number()
  .int()
  .refine((d) => (HISTORY_DAYS as readonly number[]).includes(d), `one of ${HISTORY_DAYS.join(', ')}`)
  .default(90);

export const PageLookupSchema = z.object({
  url: z.string(),
  tracked: z.boolean(),
  listing: ListingSchema.nullable(),
  competitor: z.string().nullable(),
  onCompetitorDomain: z.boolean(),
  product: z.object({ sku: z.string(), name: z.string() }).nullable(),
  canTrack: z.boolean(),
});

export const OfferSchema = z.object({
  listingId: z.string(),
  competitor: z.string(),
  url: z.string(),
  label: z.string().nullable(),
  status: z.enum(['active', 'gone', 'paused']),
  title: z.string().nullable(),
  price: nullableMoney,
  listPrice: nullableMoney,
  effectivePrice: nullableMoney,
  promotions: z.array(PromotionSchema),
  availability,
  rating: z.number().nullable(),
  ratingScale: z.number().nullable(),
  reviewCount: z.number().nullable(),
  lastCheckedAt: iso.nullable(),
  lastOkAt: iso.nullable(),
  convertedPrice: nullableMoney.describe('their buyer price in our currency, through the configured exchange rates'),
  difference: DifferenceSchema.nullable(),
  effectiveDifference: DifferenceSchema.nullable(),
});

export const ComparisonSchema = z.object({
  sku: z.string(),
  name: z.string(),
  at: iso,
  ours: z.object({ price: nullableMoney, source: z.enum(['config', 'own-listing']).nullable(), listingId: z.string().nullable() }),
  offers: z.array(OfferSchema),
  cheapest: z.object({ listingId: z.string(), competitor: z.string(), price: money, convertedPrice: money, difference: DifferenceSchema.nullable() }).nullable(),
});

export const HistorySchema = z.object({
  listingId: z.string(),
  days: z.number(),
  from: iso,
  to: iso,
  price: z.array(point(nullableMoney)),
  listPrice: z.array(point(nullableMoney)),
  effectivePrice: z.array(point(nullableMoney)),
  availability: z.array(point(availability)),
  rating: z.array(point(z.number().nullable())),
  reviewCount: z.array(point(z.number().nullable())),
  promotionPeriods: z.array(PromotionPeriodSchema),
  ours: z.array(point(nullableMoney)),
});

const windowStats = z.object({
  days: z.number(),
  from: iso,
  to: iso,
  lowest: nullableMoney,
  highest: nullableMoney,
  average: nullableMoney,
  outOfStockShare: z.number().nullable(),
});
const fieldStats = z.object({ current: nullableMoney, lowestEver: nullableMoney, windows: z.array(windowStats) });

export const StatisticsSchema = z.object({ listingId: z.string(), at: iso, price: fieldStats, effectivePrice: fieldStats });

export const DiscountCheckSchema = z.object({
  listingId: z.string(),
  at: iso,
  verdict: z.enum(['no-discount', 'genuine', 'inflated', 'unknown']),
  claim: z
    .object({ kind: z.enum(['list-price', 'promotion']), wasPrice: money, price: money, startedAt: iso, claimedPercent: z.number().nullable() })
    .nullable(),
  reference: z.object({ from: iso, to: iso, lowest: nullableMoney, complete: z.boolean() }).nullable(),
  realPercent: z.number().nullable(),
  reason: z.string(),
});

const change = z.object({ now: nullableMoney, weekAgo: nullableMoney, change: DifferenceSchema.nullable() });
export const WeeklySchema = z.object({
  listingId: z.string(),
  thisWeek: z.object({ from: iso, to: iso }),
  lastWeek: z.object({ from: iso, to: iso }),
  price: change,
  effectivePrice: change,
  promotions: z.object({ started: z.array(PromotionPeriodSchema), ended: z.array(PromotionPeriodSchema), active: z.number() }),
  stock: z.object({
    now: availability,
    weekAgo: availability,
    outOfStockShareThisWeek: z.number().nullable(),
    outOfStockShareLastWeek: z.number().nullable(),
  }),
  rating: z.object({ now: z.number().nullable(), weekAgo: z.number().nullable(), delta: z.number().nullable(), scale: z.number().nullable() }),
  reviews: z.object({
    now: z.number().nullable(),
    weekAgo: z.number().nullable(),
    gainedThisWeek: z.number().nullable(),
    gainedLastWeek: z.number().nullable(),
  }),
});

export const FreshnessSchema = z.object({
  lastCheckedAt: iso.nullable(),
  lastOkAt: iso.nullable(),
  ageMs: z.number().nullable(),
  expectedIntervalMs: z.number().nullable(),
  stale: z.boolean(),
  staleAfterMs: z.number(),
  consecutiveFailures: z.number(),
  lastFailure: z.object({ kind: z.string(), reason: z.string(), at: iso }).nullable(),
});

export const OverlaySchema = z.object({
  lookup: PageLookupSchema,
  comparison: ComparisonSchema.nullable(),
  history: HistorySchema.nullable(),
  statistics: StatisticsSchema.nullable(),
  discount: DiscountCheckSchema.nullable(),
  weekly: WeeklySchema.nullable(),
  freshness: FreshnessSchema.nullable(),
});

export const ScopeSchema = z.object({
  domains: z.array(z.string()).describe('competitor domain entries as configured: host[:port][/path-prefix]; subdomains match'),
  listingHosts: z.array(z.string()).describe('host[:port] of every tracked listing, without www./m.'),
});

export const CatalogueEntrySchema = z.object({
  sku: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  price: nullableMoney,
});

export const AddListingSchema = z
  .object({
    url: z.string().min(1).max(4096).describe('the competitor product page'),
    sku: z.string().min(1).max(200).describe('our SKU this page competes with'),
    label: z.string().max(500).optional().describe('a note shown beside the listing, e.g. the page title'),
  })
  .strict();

export const AddListingResultSchema = z.object({ created: z.boolean(), listing: ListingSchema });
