// zod schemas for everything the store keeps. The same schemas validate what comes in
// (observations, listings, runs) and what is read back from disk, so the store can never
// write a value it would later refuse to load.
import { z } from 'zod';
import type {
  CrawlRun,
  Listing,
  ListingHistory,
  Money,
  Promotion,
  TrackedValues,
} from './model.ts';

export const STORE_FORMAT = 'rivalwatch-store';
export const STORE_VERSION = 1;

const isoTime = z.iso.datetime({ offset: true });

export const MoneySchema = z.object({
  amountMinor: z.int(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as "CNY"'),
}) satisfies z.ZodType<Money>;

const PromotionTypeSchema = z.enum([
  'threshold',
  'percent',
  'amount_off',
  'coupon',
  'flash_sale',
  'bundle',
  'gift',
  'free_shipping',
  'presale',
  'member_price',
  'group_buy',
  'points',
  'other',
]);

export const PromotionSchema = z.object({
  type: PromotionTypeSchema,
  text: z.string(),
  threshold: MoneySchema.nullish(),
  amount: MoneySchema.nullish(),
  percent: z.number().nullish(),
  repeat: z.boolean().optional(),
  tiers: z.array(z.object({ threshold: MoneySchema, amount: MoneySchema })).optional(),
  quantity: z.number().nullish(),
  code: z.string().nullish(),
  endsAt: isoTime.nullish(),
}) satisfies z.ZodType<Promotion>;

const AvailabilitySchema = z.enum(['in_stock', 'out_of_stock', 'preorder', 'limited', 'unknown']);
const FieldSourceSchema = z.enum(['json-ld', 'microdata', 'rdfa', 'meta', 'state-json', 'recipe', 'visible', 'layout', 'derived']);
const ExtractedFieldSchema = z.enum([
  'title',
  'price',
  'listPrice',
  'effectivePrice',
  'currency',
  'promotions',
  'availability',
  'rating',
  'reviewCount',
  'positiveRate',
  'sku',
  'gtin',
  'brand',
  'image',
  'canonicalUrl',
]);
const FailureKindSchema = z.enum(['network', 'timeout', 'http', 'blocked', 'gone', 'robots', 'no-price']);
const FetchModeSchema = z.enum(['http', 'browser']);
const SourcesSchema = z.partialRecord(ExtractedFieldSchema, FieldSourceSchema);

const trackedValueSchemas = {
  price: MoneySchema.nullable(),
  listPrice: MoneySchema.nullable(),
  effectivePrice: MoneySchema.nullable(),
  promotions: z.array(PromotionSchema),
  availability: AvailabilitySchema,
  rating: z.number().nullable(),
  ratingScale: z.number().nullable(),
  reviewCount: z.int().nullable(),
  positiveRate: z.number().min(0).max(1).nullable(),
  title: z.string().nullable(),
} satisfies { [K in keyof TrackedValues]: z.ZodType<TrackedValues[K]> };

function changePoints<T extends z.ZodType>(value: T) {
  return z.array(z.object({ at: isoTime, value, lastSeenAt: isoTime }));
}

export const ListingHistorySchema = z.object({
  listingId: z.string().min(1),
  lastCheckedAt: isoTime.nullable(),
  lastOkAt: isoTime.nullable(),
  via: FetchModeSchema.nullable(),
  sources: SourcesSchema,
  sku: z.string().nullable(),
  gtin: z.string().nullable(),
  brand: z.string().nullable(),
  fields: z.object({
    price: changePoints(trackedValueSchemas.price),
    listPrice: changePoints(trackedValueSchemas.listPrice),
    effectivePrice: changePoints(trackedValueSchemas.effectivePrice),
    promotions: changePoints(trackedValueSchemas.promotions),
    availability: changePoints(trackedValueSchemas.availability),
    rating: changePoints(trackedValueSchemas.rating),
    ratingScale: changePoints(trackedValueSchemas.ratingScale),
    reviewCount: changePoints(trackedValueSchemas.reviewCount),
    positiveRate: changePoints(trackedValueSchemas.positiveRate),
    title: changePoints(trackedValueSchemas.title),
  }),
  failures: z.array(
    z.object({
      kind: FailureKindSchema,
      reason: z.string(),
      httpStatus: z.int().nullable(),
      firstAt: isoTime,
      lastAt: isoTime,
      count: z.int().positive(),
    }),
  ),
  consecutiveFailures: z.int().nonnegative(),
}) satisfies z.ZodType<ListingHistory>;

export const ListingSchema = z.object({
  id: z.string().min(1),
  url: z.string().min(1),
  competitor: z.string(),
  sku: z.string(),
  status: z.enum(['active', 'gone', 'paused']),
  addedAt: isoTime,
  goneAt: isoTime.nullish(),
  own: z.boolean().optional(),
  label: z.string().nullish(),
}) satisfies z.ZodType<Listing>;

export const NewListingSchema = ListingSchema.pick({ url: true, competitor: true, sku: true, own: true, label: true });

export const ListingPatchSchema = ListingSchema.pick({ status: true, goneAt: true, sku: true, label: true }).partial();

export const CrawlRunSchema = z.object({
  id: z.string().min(1),
  competitor: z.string(),
  startedAt: isoTime,
  finishedAt: isoTime.nullable(),
  at: isoTime,
  listings: z.int().nonnegative(),
  ok: z.int().nonnegative(),
  failed: z.int().nonnegative(),
  failuresByKind: z.partialRecord(FailureKindSchema, z.int().nonnegative()),
}) satisfies z.ZodType<CrawlRun>;

export const DocumentRecordSchema = z.object({
  kind: z.string().min(1),
  id: z.string().min(1),
  doc: z.unknown(),
  updatedAt: isoTime,
});

/**
 * The parts of an observation the store keeps. Extraction fields the store does not keep
 * (rejected candidates, notes, images...) pass through unchecked.
 */
export const ObservationSchema = z.discriminatedUnion('ok', [
  z.object({
    listingId: z.string().min(1),
    url: z.string(),
    at: isoTime,
    via: FetchModeSchema,
    ok: z.literal(true),
    httpStatus: z.int().nullable(),
    extraction: z.looseObject({
      ...trackedValueSchemas,
      sources: SourcesSchema,
      sku: z.string().nullable(),
      gtin: z.string().nullable(),
      brand: z.string().nullable(),
    }),
  }),
  z.object({
    listingId: z.string().min(1),
    url: z.string(),
    at: isoTime,
    via: FetchModeSchema.nullable(),
    ok: z.literal(false),
    httpStatus: z.int().nullable(),
    failure: z.object({ kind: FailureKindSchema, reason: z.string().min(1), httpStatus: z.int().nullish() }),
  }),
]);

export const StoreFileSchema = z.object({
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION),
  listings: z.array(ListingSchema),
  histories: z.record(z.string(), ListingHistorySchema),
  runs: z.array(CrawlRunSchema),
  documents: z.record(z.string(), z.record(z.string(), DocumentRecordSchema)),
});

export type StoreFile = z.infer<typeof StoreFileSchema>;

/** One line per problem, with the JSON path, for error messages a person can act on. */
export function describeIssues(error: z.ZodError, limit = 5): string {
  const lines = error.issues.slice(0, limit).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  if (error.issues.length > limit) lines.push(`... and ${error.issues.length - limit} more`);
  return lines.join('; ');
}
