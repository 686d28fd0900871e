// The `alerts:` section of the config: rules, owners and channels, validated with zod. When the
// section (or its `rules`) is absent, a default rule set covers what pricing staff ask for first.
import { z } from 'zod';
import { ConfigError } from '../../server/config.ts';
import { timeZoneSchema } from '../../server/timezone.ts';

const decimal = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(?:\.\d+)?$/, 'a decimal such as "99.00"')])
  .transform((v) => String(v));
const percent = z.number().positive().max(100_000);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as "22:00"');
const severity = z.enum(['warning', 'critical']);
/** A secret or password written inline or as "env:VAR" (read from the environment when used). */
const secretRef = z.string().min(1);

/** The mail server alerts and the weekly digest are sent through. */
export const smtpSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).default(587),
    secure: z.boolean().default(false),
    /** Skip STARTTLS (a local relay without TLS). */
    ignoreTLS: z.boolean().default(false),
    user: z.string().optional(),
    /** The password, or "env:VAR" to read it from the environment when mail is sent. */
    pass: secretRef.optional(),
  })
  .strict();

/** What a rule watches: one SKU, one competitor, a tag or category of our products, or everything. */
export const scopeSchema = z
  .object({
    all: z.literal(true).optional(),
    sku: z.string().min(1).optional(),
    competitor: z.string().min(1).optional(),
    tag: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
  })
  .strict()
  .refine((s) => Object.keys(s).length === 1, 'exactly one of all, sku, competitor, tag or category');

function atLeastOne<T extends z.ZodRawShape>(shape: T, what: string) {
  return z
    .object(shape)
    .strict()
    .refine((o) => Object.values(o).some((v) => v !== undefined && v !== false), `at least one of ${what}`);
}

const moveLevel = atLeastOne({ percent: percent.optional(), amount: decimal.optional() }, 'percent or amount');
const undercutLevel = atLeastOne(
  { percent: z.number().nonnegative().optional(), amount: decimal.optional(), belowFloor: z.boolean().optional() },
  'percent, amount or belowFloor',
);
const thresholdLevel = atLeastOne({ below: decimal.optional(), above: decimal.optional() }, 'below or above');
const ratingLevel = z.object({ drop: z.number().positive() }).strict();
const spikeLevel = atLeastOne(
  { newReviews: z.number().int().positive().optional(), percent: percent.optional() },
  'newReviews or percent',
);
const failingLevel = z.object({ consecutive: z.number().int().min(1) }).strict();

const base = {
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." or "-"'),
  scope: scopeSchema.default({ all: true }),
  owner: z.string().min(1),
  /** Channel names; the owner's channels when omitted. */
  channels: z.array(z.string().min(1)).optional(),
  /** Minimum time between two alerts of this rule for one listing and condition. */
  cooldownMinutes: z.number().int().min(0).default(60),
  enabled: z.boolean().default(true),
  description: z.string().optional(),
};

function leveled<K extends string, L extends z.ZodType, E extends z.ZodRawShape = {}>(kind: K, level: L, extra?: E) {
  return z
    .object({ ...base, ...(extra as E), kind: z.literal(kind), warning: level.optional(), critical: level.optional() })
    .strict()
    .refine((r) => {
      const levels = r as { warning?: unknown; critical?: unknown };
      return levels.warning !== undefined || levels.critical !== undefined;
    }, 'a warning or critical level (or both)');
}

function fixed<K extends string, E extends z.ZodRawShape = {}>(kind: K, extra?: E) {
  return z.object({ ...base, ...(extra as E), kind: z.literal(kind), severity: severity.default('warning') }).strict();
}

export const PROMOTION_TYPES = [
  'threshold', 'percent', 'amount_off', 'coupon', 'flash_sale', 'bundle', 'gift',
  'free_shipping', 'presale', 'member_price', 'group_buy', 'points', 'other',
] as const;

export const ruleSchema = z.union([
  leveled('price_change', moveLevel, {
    direction: z.enum(['drop', 'rise', 'any']).default('drop'),
    compareWith: z.enum(['previous', 'avg7d']).default('previous'),
    /** Which price moves: the selling price, or what a buyer of one unit pays after promotions. */
    field: z.enum(['price', 'effectivePrice']).default('price'),
  }),
  leveled('undercut', undercutLevel),
  leveled('price_threshold', thresholdLevel),
  leveled('rating_drop', ratingLevel, { windowDays: z.number().int().min(1).max(365).default(7) }),
  leveled('review_spike', spikeLevel, {
    windowDays: z.number().int().min(1).max(365).default(7),
    /** The rating (on a 5-point scale) must have fallen by at least this much over the window. */
    minRatingDrop: z.number().min(0).default(0.05),
  }),
  leveled('extraction_failing', failingLevel),
  leveled('blocked', failingLevel),
  fixed('promotion', {
    events: z.array(z.enum(['started', 'ended', 'changed'])).min(1).default(['started', 'ended', 'changed']),
    types: z.array(z.enum(PROMOTION_TYPES)).optional(),
  }),
  fixed('out_of_stock'),
  fixed('back_in_stock'),
  fixed('listing_gone'),
  fixed('price_glitch'),
]);

export const ownerSchema = z
  .object({
    name: z.string().min(1),
    language: z.enum(['en', 'zh-CN']).default('en'),
    timeZone: timeZoneSchema.default('UTC'),
    /** Alerts in this window are held and sent as one summary when it ends. */
    quietHours: z
      .object({ start: hhmm, end: hhmm, criticalBypass: z.boolean().default(true) })
      .strict()
      .optional(),
    channels: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const channelSchema = z.discriminatedUnion('type', [
  z
    .object({
      name: z.string().min(1),
      type: z.literal('webhook'),
      format: z.enum(['slack', 'feishu', 'dingtalk', 'wecom', 'json']).default('json'),
      url: z.string().url('an absolute http(s) URL'),
      secret: secretRef.optional(),
      timeoutMs: z.number().int().min(100).default(10_000),
    })
    .strict(),
  z
    .object({
      name: z.string().min(1),
      type: z.literal('email'),
      smtp: smtpSchema,
      from: z.string().min(3),
      to: z.array(z.string().min(3)).min(1, 'at least one recipient'),
    })
    .strict(),
  z.object({ name: z.string().min(1), type: z.literal('extension') }).strict(),
]);

export const deliverySchema = z
  .object({
    /** First retry delay; each further retry doubles it (with jitter) up to `maxDelayMinutes`. */
    baseDelaySeconds: z.number().positive().default(30),
    maxDelayMinutes: z.number().positive().default(30),
    /** A delivery still failing this long after the alert is marked failed. */
    giveUpAfterHours: z.number().positive().default(48),
  })
  .strict();

const sectionSchema = z
  .object({
    owners: z.array(ownerSchema).optional(),
    channels: z.array(channelSchema).optional(),
    rules: z.array(ruleSchema).optional(),
    /** Price moves beyond these are re-crawled before anyone is alerted. */
    suspiciousMoveBound: z
      .object({ dropPercent: percent.max(100).default(60), risePercent: percent.default(200) })
      .strict()
      .default({ dropPercent: 60, risePercent: 200 }),
    delivery: deliverySchema.default(() => deliverySchema.parse({})),
  })
  .strict();

export type AlertRule = z.infer<typeof ruleSchema>;
export type RuleKind = AlertRule['kind'];
export type RuleOf<K extends RuleKind> = Extract<AlertRule, { kind: K }>;
export type Owner = z.infer<typeof ownerSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type Scope = z.infer<typeof scopeSchema>;
export type Severity = z.infer<typeof severity>;
export type Language = Owner['language'];

export interface AlertsConfig {
  owners: Owner[];
  channels: Channel[];
  rules: AlertRule[];
  suspiciousMoveBound: { dropPercent: number; risePercent: number };
  delivery: z.infer<typeof deliverySchema>;
}

const CAMPAIGN_TYPES = ['threshold', 'percent', 'amount_off', 'coupon', 'flash_sale', 'bundle', 'gift', 'presale', 'member_price', 'group_buy'];

/** The rules used when the config names none: the moves pricing staff asked for, and crawler health. */
export function defaultRules(pricingOwner: string, dataOwner: string): AlertRule[] {
  const raw = [
    { id: 'undercut', kind: 'undercut', owner: pricingOwner, warning: { percent: 5 }, critical: { percent: 15, belowFloor: true } },
    { id: 'price-drop', kind: 'price_change', owner: pricingOwner, direction: 'drop', warning: { percent: 15 }, critical: { percent: 30 } },
    // Campaign-like promotions only: free-shipping thresholds and points change often and mean little.
    { id: 'promotion', kind: 'promotion', owner: pricingOwner, events: ['started', 'ended'], types: CAMPAIGN_TYPES, cooldownMinutes: 0 },
    { id: 'out-of-stock', kind: 'out_of_stock', owner: pricingOwner },
    { id: 'back-in-stock', kind: 'back_in_stock', owner: pricingOwner },
    { id: 'listing-gone', kind: 'listing_gone', owner: dataOwner },
    { id: 'extraction-failing', kind: 'extraction_failing', owner: dataOwner, warning: { consecutive: 3 }, critical: { consecutive: 10 } },
    { id: 'blocked', kind: 'blocked', owner: dataOwner, warning: { consecutive: 2 }, critical: { consecutive: 6 } },
    { id: 'price-glitch', kind: 'price_glitch', owner: dataOwner },
  ];
  return raw.map((r) => ruleSchema.parse(r));
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), 'alerts');
}

/**
 * Validates the `alerts:` section (`undefined` when absent). `shop` gives the default owner's
 * language and time zone. Throws a ConfigError naming each bad field as "alerts.rules[2].owner".
 */
export function parseAlertsConfig(
  raw: unknown,
  file: string,
  shop: { language: Language; timeZone: string } = { language: 'en', timeZone: 'UTC' },
): AlertsConfig {
  const parsed = sectionSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  const section = parsed.data;
  const channels: Channel[] = section.channels ?? [{ name: 'browser', type: 'extension' }];
  const owners: Owner[] = section.owners ?? [
    { name: 'pricing', language: shop.language, timeZone: shop.timeZone, channels: channels.map((c) => c.name) },
    { name: 'crawler-team', language: shop.language, timeZone: shop.timeZone, channels: channels.map((c) => c.name) },
  ];
  const dataOwner = owners.find((o) => o.name === 'crawler-team')?.name ?? owners[0]?.name ?? 'pricing';
  const rules = section.rules ?? defaultRules(owners[0]?.name ?? 'pricing', dataOwner);
  const config: AlertsConfig = { owners, channels, rules, suspiciousMoveBound: section.suspiciousMoveBound, delivery: section.delivery };
  const problems = crossCheck(config);
  if (problems.length > 0) throw new ConfigError(file, problems);
  return config;
}

function crossCheck(config: AlertsConfig): string[] {
  const problems: string[] = [];
  const channelNames = new Set<string>();
  config.channels.forEach((c, i) => {
    if (channelNames.has(c.name)) problems.push(`alerts.channels[${i}].name: duplicate channel "${c.name}"`);
    channelNames.add(c.name);
  });
  const owners = new Map<string, Owner>();
  config.owners.forEach((o, i) => {
    if (owners.has(o.name)) problems.push(`alerts.owners[${i}].name: duplicate owner "${o.name}"`);
    owners.set(o.name, o);
    o.channels.forEach((c, j) => {
      if (!channelNames.has(c)) problems.push(`alerts.owners[${i}].channels[${j}]: unknown channel "${c}"`);
    });
  });
  const ruleIds = new Set<string>();
  config.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) problems.push(`alerts.rules[${i}].id: duplicate rule id "${r.id}"`);
    ruleIds.add(r.id);
    const owner = owners.get(r.owner);
    if (!owner) problems.push(`alerts.rules[${i}].owner: unknown owner "${r.owner}"; add it under alerts.owners`);
    (r.channels ?? []).forEach((c, j) => {
      if (!channelNames.has(c)) problems.push(`alerts.rules[${i}].channels[${j}]: unknown channel "${c}"`);
    });
    if (owner && (r.channels ?? owner.channels).length === 0)
      problems.push(`alerts.rules[${i}].channels: no channel to deliver to; name one here or under the owner "${r.owner}"`);
  });
  return problems;
}

/** The channels a rule's alerts go to: its own list, else its owner's. */
export function channelsOf(config: AlertsConfig, rule: AlertRule): string[] {
  return rule.channels ?? config.owners.find((o) => o.name === rule.owner)?.channels ?? [];
}

/** Reads an "env:VAR" reference; plain values pass through. Throws a sentence naming the variable. */
export function resolveSecret(value: string | undefined): string | undefined {
  if (value === undefined || !value.startsWith('env:')) return value;
  const name = value.slice(4);
  const resolved = process.env[name];
  if (resolved === undefined || resolved === '') throw new Error(`environment variable ${name} is not set`);
  return resolved;
}
