// The `digest:` section of the config: when the weekly digest is built and sent, in which
// languages and formats, to whom, and the campaign calendar that labels weeks. Validated with zod;
// a bad field stops with its path ("digest.email.to[0]") and what was expected.
import { z } from 'zod';
import cron from 'node-cron';
import { ConfigError, type LoadedConfig } from '../../server/config.ts';
import { timeZoneSchema } from '../../server/timezone.ts';
import { parseAlertsConfig, smtpSchema, type Channel } from '../alerts/config.ts';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const FORMATS = ['html', 'md', 'json', 'csv'] as const;
export type DigestFormat = (typeof FORMATS)[number];

/** "11-01" (every year) or "2026-07-08" (one year only: Prime Day moves every year). */
const calendarDate = z
  .string()
  .regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date "MM-DD" (every year) or "YYYY-MM-DD" (one year)');

export const campaignSchema = z
  .object({
    name: z.string().min(1),
    from: calendarDate,
    to: calendarDate,
  })
  .strict()
  .refine((c) => (c.from.length === 10) === (c.to.length === 10), '`from` and `to` both "MM-DD" or both "YYYY-MM-DD"');

export const webhookSchema = z
  .object({
    url: z.string().url('an absolute http(s) URL').refine((u) => /^https?:/i.test(u), 'an http(s) URL'),
    /** json: the digest and its Markdown; slack / feishu / dingtalk / wecom: that chat's message shape. */
    format: z.enum(['json', 'slack', 'feishu', 'dingtalk', 'wecom']).default('json'),
    language: z.enum(LANGUAGES).optional(),
    /** Signing secret (or "env:VAR"), signed the way the alerts sign: DingTalk / Feishu signatures, else X-RivalWatch-Signature. */
    secret: z.string().min(1).optional(),
    /** Extra request headers; values may be "env:VAR". */
    headers: z.record(z.string(), z.string()).default({}),
    timeoutMs: z.number().int().min(100).default(10_000),
  })
  .strict();

export const thresholdsSchema = z
  .object({
    /** A competitor price cut at least this deep and below our price reads as a possible dump (低价倾销). */
    dumpPct: z.number().positive().max(100).default(15),
    /** A rating move (5-point scale) at least this large is reported as a rating move. */
    ratingMove: z.number().positive().default(0.1),
    /** Estimated new negative reviews in a week that count as a spike (and 3× the previous 4 weeks' mean). */
    negativeSpikeMin: z.number().int().positive().default(5),
    /** Promotions at least this deep suggest a counter-promotion. */
    deepPromotionPct: z.number().positive().max(100).default(20),
    /** A price index at least this far above 100 suggests reviewing a category's prices. */
    pricedAbovePct: z.number().positive().default(10),
    /** A competitor with a smaller share of listings read than this gets a "fix crawling" action. */
    minCoveragePct: z.number().min(0).max(100).default(80),
  })
  .strict();

export const digestConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** When last week's digest is sent, in the digest time zone. Default: Monday 09:00. */
    schedule: z.string().refine((c) => cron.validate(c), 'a cron expression such as "0 9 * * 1"').default('0 9 * * 1'),
    /** Defaults to the shop's time zone. */
    timeZone: timeZoneSchema.optional(),
    /** ISO weekday a week starts on: 1 = Monday (ISO 8601) … 7 = Sunday. */
    weekStart: z.number().int().min(1).max(7).default(1),
    /** Languages the digest is sent in; defaults to the shop's language. */
    languages: z.array(z.enum(LANGUAGES)).min(1).optional(),
    /** Formats attached to the email (HTML is always its body). */
    formats: z.array(z.enum(FORMATS)).min(1).default(['html', 'md']),
    /** Weeks in the trend sparklines. */
    trendWeeks: z.number().int().min(2).max(53).default(12),
    /** Rows in the "biggest drops / rises" tables. */
    topN: z.number().int().min(1).max(100).default(10),
    maxActions: z.number().int().min(1).max(30).default(8),
    thresholds: thresholdsSchema.default(() => thresholdsSchema.parse({})),
    /** 618, 双11, 双12, Black Friday and Cyber Monday label weeks unless turned off. */
    builtInCampaigns: z.boolean().default(true),
    campaigns: z.array(campaignSchema).default([]),
    email: z
      .object({
        smtp: smtpSchema,
        from: z.string().min(3),
        to: z.array(z.string().min(3)).min(1, 'at least one recipient'),
      })
      .strict()
      .optional(),
    webhooks: z.array(webhookSchema).default([]),
    /** Names of `alerts.channels` (email or webhook) that receive the digest too: one setup for both. */
    channels: z.array(z.string().min(1)).default([]),
  })
  .strict();

export type DigestSection = z.infer<typeof digestConfigSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type WebhookTarget = z.infer<typeof webhookSchema>;
export type EmailTarget = NonNullable<DigestSection['email']>;

/** The section with the shop's defaults filled in: what the digest code works with. */
export interface DigestSettings extends Omit<DigestSection, 'timeZone' | 'languages' | 'channels'> {
  timeZone: string;
  languages: Language[];
  shop: string;
  currency: string;
  /** The alert channels named in `digest.channels`, resolved. */
  channels: Exclude<Channel, { type: 'extension' }>[];
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), 'digest');
}

/** Validates the raw `digest:` section (undefined when absent); errors name "digest.field.path". */
export function parseDigestConfig(raw: unknown, file: string): DigestSection {
  const parsed = digestConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) throw new ConfigError(file, parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`));
  return parsed.data;
}

/** The digest settings of a loaded config: its `digest:` section plus the shop's defaults. */
export function digestSettings(loaded: LoadedConfig): DigestSettings {
  const section = parseDigestConfig(loaded.config.digest, loaded.file);
  const { shop } = loaded.config;
  const channels: DigestSettings['channels'] = [];
  if (section.channels.length > 0) {
    const known = parseAlertsConfig(loaded.config.alerts, loaded.file, shop).channels;
    const problems: string[] = [];
    section.channels.forEach((name, i) => {
      const c = known.find((k) => k.name === name);
      if (!c) problems.push(`digest.channels[${i}]: unknown channel "${name}" (alerts.channels has ${known.map((k) => `"${k.name}"`).join(', ') || 'none'})`);
      else if (c.type === 'extension') problems.push(`digest.channels[${i}]: "${name}" is the extension channel, which shows alerts only; name an email or webhook channel`);
      else channels.push(c);
    });
    if (problems.length) throw new ConfigError(loaded.file, problems);
  }
  return {
    ...section,
    timeZone: section.timeZone ?? shop.timeZone,
    languages: section.languages ?? [shop.language],
    shop: shop.name,
    currency: shop.currency,
    channels,
  };
}

/** Reads "env:VAR" from the environment; other values are returned as written. */
export function resolveSecret(value: string, what: string): string {
  if (!value.startsWith('env:')) return value;
  const name = value.slice(4);
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${what}: environment variable ${name} is not set`);
  return v;
}
