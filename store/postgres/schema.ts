// The Postgres store's tables and the analysts' views, as numbered migrations (see migrations.ts).
// Times are timestamptz (UTC); money is integer minor units plus an ISO 4217 code, never floats.
import type { MigrationSet } from './migrations.ts';

/**
 * Minor-unit digits per currency, as Node's Intl reports them (crawler/parse/money.ts uses the same
 * source): 0 for JPY, KRW, CLP…, 3 for KWD, BHD…, 2 for the rest. Only the views use it, to show
 * `amount` in major units beside the exact `amount_minor`.
 */
const ZERO_DIGITS = 'AFN,ALL,BIF,CLP,COP,DJF,GNF,HUF,IDR,IQD,IRR,ISK,JPY,KMF,KPW,KRW,LAK,LBP,MGA,MMK,PKR,PYG,RWF,SLL,SOS,SYP,UGX,VND,VUV,XAF,XOF,XPF,YER';
const THREE_DIGITS = 'BHD,JOD,KWD,LYD,OMR,TND';
const quoted = (list: string) =>
  list
    .split(',')
    .map((c) => `'${c}'`)
    .join(', ');

const TABLES = `
-- Competitor pages we watch (and our own, own = true). id is derived from the normalized URL.
CREATE TABLE listings (
  id          text PRIMARY KEY,
  url         text NOT NULL UNIQUE,
  competitor  text NOT NULL,
  sku         text NOT NULL,
  status      text NOT NULL CHECK (status IN ('active', 'gone', 'paused')),
  added_at    timestamptz NOT NULL,
  gone_at     timestamptz,
  own         boolean,
  label       text,
  seq         bigserial NOT NULL
);
CREATE INDEX listings_competitor ON listings (competitor, seq);
CREATE INDEX listings_sku ON listings (sku);

-- One row per change of a tracked field (Keepa style): a value that held from "at" until the next
-- point, last seen by the crawl at "last_seen_at". Money fields also carry amount_minor + currency.
CREATE TABLE change_points (
  listing_id    text NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
  field         text NOT NULL CHECK (field IN ('price', 'listPrice', 'effectivePrice', 'promotions', 'availability',
                                               'rating', 'ratingScale', 'reviewCount', 'positiveRate', 'title')),
  at            timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  value         jsonb NOT NULL,
  amount_minor  bigint,
  currency      text,
  PRIMARY KEY (listing_id, field, at)
);
-- The digest's and the views' scans by time ("every price change this week").
CREATE INDEX change_points_field_at ON change_points (field, at);

-- Per listing: when it was last checked and read, and how (one row, updated by every crawl).
CREATE TABLE listing_state (
  listing_id            text PRIMARY KEY REFERENCES listings (id) ON DELETE CASCADE,
  last_checked_at       timestamptz,
  last_ok_at            timestamptz,
  via                   text,
  sources               jsonb NOT NULL DEFAULT '{}',
  sku                   text,
  gtin                  text,
  brand                 text,
  consecutive_failures  integer NOT NULL DEFAULT 0
);
CREATE INDEX listing_state_last_checked ON listing_state (last_checked_at);

-- Consecutive identical crawl failures, collapsed into spans.
CREATE TABLE failure_spans (
  listing_id   text NOT NULL REFERENCES listings (id) ON DELETE CASCADE,
  first_at     timestamptz NOT NULL,
  last_at      timestamptz NOT NULL,
  kind         text NOT NULL,
  reason       text NOT NULL,
  http_status  integer,
  count        integer NOT NULL,
  PRIMARY KEY (listing_id, first_at)
);

CREATE TABLE crawl_runs (
  id                 text PRIMARY KEY,
  competitor         text NOT NULL,
  started_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  at                 timestamptz NOT NULL,
  listings           integer NOT NULL,
  ok                 integer NOT NULL,
  failed             integer NOT NULL,
  failures_by_kind   jsonb NOT NULL DEFAULT '{}',
  seq                bigserial NOT NULL
);
CREATE INDEX crawl_runs_started ON crawl_runs (started_at DESC, seq);
CREATE INDEX crawl_runs_competitor ON crawl_runs (competitor, started_at DESC, seq);

-- Documents of the layers above the store: alerts outbox, digests, tokens, settings.
CREATE TABLE documents (
  kind        text NOT NULL,
  id          text NOT NULL,
  doc         jsonb NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (kind, id)
);
CREATE INDEX documents_updated ON documents (kind, updated_at, id);
`;

const VIEWS = `
CREATE FUNCTION rw_minor_digits(currency text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN currency IN (${quoted(ZERO_DIGITS)}) THEN 0
    WHEN currency IN (${quoted(THREE_DIGITS)}) THEN 3
    ELSE 2 END
$$;

-- An exact amount in major units (12000 CNY minor → 120.00), for people reading the views.
CREATE FUNCTION rw_major(amount_minor bigint, currency text) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT round(amount_minor::numeric / (10::numeric ^ rw_minor_digits(currency)), rw_minor_digits(currency))
$$;

-- The latest known selling, list and effective price of every listing.
CREATE VIEW rw_latest_prices AS
SELECT l.id AS listing_id, l.url, l.competitor, l.sku, COALESCE(l.own, false) AS own, l.status,
       p.amount_minor, p.currency,
       rw_major(p.amount_minor, p.currency) AS amount,
       lp.amount_minor AS list_amount_minor,
       ep.amount_minor AS effective_amount_minor,
       av.value #>> '{}' AS availability,
       p.at AS price_since,
       p.last_seen_at AS price_last_seen_at,
       s.last_checked_at, s.last_ok_at
FROM listings l
LEFT JOIN listing_state s ON s.listing_id = l.id
LEFT JOIN LATERAL (SELECT * FROM change_points c WHERE c.listing_id = l.id AND c.field = 'price' ORDER BY c.at DESC LIMIT 1) p ON true
LEFT JOIN LATERAL (SELECT * FROM change_points c WHERE c.listing_id = l.id AND c.field = 'listPrice' ORDER BY c.at DESC LIMIT 1) lp ON true
LEFT JOIN LATERAL (SELECT * FROM change_points c WHERE c.listing_id = l.id AND c.field = 'effectivePrice' ORDER BY c.at DESC LIMIT 1) ep ON true
LEFT JOIN LATERAL (SELECT * FROM change_points c WHERE c.listing_id = l.id AND c.field = 'availability' ORDER BY c.at DESC LIMIT 1) av ON true;

-- The selling price per listing and UTC day: the price in effect at the end of the day (close) and
-- the lowest of the day (low), for every day from a price's first sighting until it was replaced
-- or last seen.
CREATE VIEW rw_daily_prices AS
WITH points AS (
  SELECT c.listing_id, c.at, c.amount_minor, c.currency,
         COALESCE(lead(c.at) OVER w - interval '1 microsecond', c.last_seen_at) AS until
  FROM change_points c
  WHERE c.field = 'price' AND c.amount_minor IS NOT NULL
  WINDOW w AS (PARTITION BY c.listing_id ORDER BY c.at)
), days AS (
  SELECT p.listing_id, d::date AS day, p.at, p.amount_minor, p.currency
  FROM points p,
       generate_series(date_trunc('day', p.at AT TIME ZONE 'UTC'), date_trunc('day', p.until AT TIME ZONE 'UTC'), interval '1 day') d
)
SELECT d.listing_id, l.competitor, l.sku, COALESCE(l.own, false) AS own, d.day,
       (array_agg(d.amount_minor ORDER BY d.at DESC))[1] AS close_minor,
       min(d.amount_minor) AS low_minor,
       (array_agg(d.currency ORDER BY d.at DESC))[1] AS currency,
       rw_major((array_agg(d.amount_minor ORDER BY d.at DESC))[1], (array_agg(d.currency ORDER BY d.at DESC))[1]) AS close
FROM days d JOIN listings l ON l.id = d.listing_id
GROUP BY d.listing_id, l.competitor, l.sku, l.own, d.day;

-- A chained Jevons price index per competitor and ISO week (weeks start Monday, UTC): each week's
-- change is the geometric mean of its listings' price relatives to the previous week (listings
-- priced in both weeks, in the same currency); the index chains those changes from 100 in the
-- competitor's first week. Currency-free, and robust to listings being added or dropped.
CREATE VIEW rw_weekly_price_index AS
WITH weekly AS (
  SELECT listing_id, competitor, date_trunc('week', day)::date AS week_start, currency, avg(close_minor) AS avg_minor
  FROM rw_daily_prices
  WHERE NOT own AND close_minor > 0
  GROUP BY listing_id, competitor, date_trunc('week', day), currency
), relatives AS (
  SELECT w.competitor, w.week_start, ln(w.avg_minor / p.avg_minor) AS log_relative
  FROM weekly w
  JOIN weekly p ON p.listing_id = w.listing_id AND p.currency = w.currency AND p.week_start = w.week_start - 7
), weeks AS (
  SELECT w.competitor, w.week_start, count(DISTINCT w.listing_id) AS listings,
         (SELECT count(*) FROM relatives r WHERE r.competitor = w.competitor AND r.week_start = w.week_start) AS matched,
         (SELECT avg(r.log_relative) FROM relatives r WHERE r.competitor = w.competitor AND r.week_start = w.week_start) AS mean_log
  FROM weekly w
  GROUP BY w.competitor, w.week_start
)
SELECT competitor, week_start, listings, matched,
       round((100 * (exp(mean_log) - 1))::numeric, 2) AS change_pct,
       round((100 * exp(sum(COALESCE(mean_log, 0)) OVER (PARTITION BY competitor ORDER BY week_start)))::numeric, 2) AS index
FROM weeks;
`;

export const STORE_MIGRATIONS: MigrationSet = {
  name: 'store',
  migrations: [
    { version: 1, name: 'listings, change points, state, failures, runs, documents', sql: TABLES },
    { version: 2, name: 'analyst views: rw_latest_prices, rw_daily_prices, rw_weekly_price_index', sql: VIEWS },
  ],
};

export const STORE_SCHEMA_VERSION = Math.max(...STORE_MIGRATIONS.migrations.map((m) => m.version));
