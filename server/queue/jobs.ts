// A crawl job: one listing, one scheduled run. It carries everything a worker needs to crawl the
// page (so workers need no config file), and `scheduledAt` becomes the observation's time, so a
// retried job records the very same observation and the store recognizes it as a replay.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { recipeSchema } from '../../crawler/recipe.ts';
import { parseDomainEntry, politenessSchema, type CompetitorConfig, type Config, type Politeness } from '../config.ts';
import { crawlableCompetitors } from '../pipeline.ts';

export const CrawlJobSchema = z.object({
  runId: z.string().min(1),
  listingId: z.string().min(1),
  url: z.string().min(1),
  competitor: z.string().min(1),
  /** The run's scheduled time: the `at` of the observation this job records. */
  scheduledAt: z.iso.datetime({ offset: true }),
  host: z.string().min(1),
  renderMode: z.enum(['http', 'browser', 'auto']),
  politeness: politenessSchema,
  recipe: recipeSchema.optional(),
  currency: z.string().nullable(),
  /** Sent with every request (the demo's simulated-time header). */
  extraHeaders: z.record(z.string(), z.string()).optional(),
});

export type CrawlJob = z.infer<typeof CrawlJobSchema>;

/** The unit of politeness: the host with its port, as the crawler's own per-host pacing keys it. */
export function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

const QUEUE_PREFIX = 'rw-crawl.';

/** One pg-boss queue per host, so a worker takes a host's slot first and only then its next job. */
export function queueFor(host: string): string {
  const readable = host.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(host).digest('hex').slice(0, 8);
  return `${QUEUE_PREFIX}${readable}.${hash}`;
}

export function isCrawlQueue(name: string): boolean {
  return name.startsWith(QUEUE_PREFIX);
}

/** A UUID derived from `key` (name-based, version 5 layout), so enqueueing twice inserts once. */
export function stableUuid(key: string): string {
  const h = createHash('sha1').update(`rivalwatch:${key}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The id of a competitor's run scheduled at `scheduledAt`: the same for every enqueuer. */
export function runIdFor(competitor: string, scheduledAt: string): string {
  return stableUuid(`run:${competitor}:${new Date(scheduledAt).toISOString()}`);
}

export function jobIdFor(runId: string, listingId: string): string {
  return stableUuid(`job:${runId}:${listingId}`);
}

/**
 * The politeness a host gets: the strictest of every crawlable competitor whose domains name it
 * (two competitors on one marketplace share its limits), or `fallback` when none names it.
 */
export function hostPoliteness(config: Config, host: string, fallback: Politeness): Pick<Politeness, 'maxConcurrency' | 'delayMs'> {
  const [bare, port = null] = host.split(':');
  const covering = crawlableCompetitors(config).filter((c) =>
    c.domains.some((d) => {
      const entry = parseDomainEntry(d);
      return (entry.host === bare || bare.endsWith(`.${entry.host}`)) && (entry.port === null || entry.port === port);
    }),
  );
  const all = covering.length ? covering.map((c) => c.politeness) : [fallback];
  return { maxConcurrency: Math.min(...all.map((p) => p.maxConcurrency)), delayMs: Math.max(...all.map((p) => p.delayMs)) };
}

/**
 * How long a job may stay active before pg-boss hands it to another worker: every attempt timing
 * out, the waits between retries, and a margin. A live crawl must never outlast it.
 */
export function jobExpirySeconds(competitor: Pick<CompetitorConfig, 'politeness' | 'renderMode'>): number {
  const p = competitor.politeness;
  const attempts = p.maxRetries + 1;
  const stages = competitor.renderMode === 'auto' ? 2 : 1;
  return Math.ceil((stages * attempts * p.timeoutMs + p.maxRetries * 30_000 + 60_000) / 1000);
}
