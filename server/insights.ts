// Wires the layers above the store (alerts, digest) and the API around one store, for the daemon
// and the demo. Each part keeps its own rules; this file only connects them.
import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import type { RecordResult } from '../store/model.ts';
import type { LoadedConfig } from './config.ts';
import { parseAlertsConfig, type AlertsConfig } from '../insights/alerts/config.ts';
import { createAlertEngine, type AlertEngine } from '../insights/alerts/engine.ts';
import { createDispatcher, type Dispatcher } from '../insights/alerts/dispatcher.ts';
import { alertsRoutes } from '../insights/alerts/routes.ts';
import { digestRoutes } from '../insights/digest/routes.ts';
import { scheduleDigest, type DigestScheduler } from '../insights/digest/send.ts';
import { ensureToken } from './api/token.ts';
import { startApi, type RunningApi } from './api/index.ts';

export interface InsightsOptions {
  loaded: LoadedConfig;
  store: Store;
  now?: () => Date;
  /** Crawls these listings again now and records them (confirms suspicious moves before alerting). */
  recrawl?: (listingIds: string[]) => Promise<RecordResult[]>;
  log?: (line: string) => void;
}

export interface Insights {
  alertsConfig: AlertsConfig;
  engine: AlertEngine;
  dispatcher: Dispatcher;
  /** Evaluates a run's results; written with the run's own flush. */
  afterRun(results: RecordResult[]): Promise<void>;
  routes: Array<(app: FastifyInstance) => Promise<void>>;
}

export function createInsights(opts: InsightsOptions): Insights {
  const { loaded, store } = opts;
  const log = opts.log ?? ((l: string) => console.log(l));
  const alertsConfig = parseAlertsConfig(loaded.config.alerts, loaded.file, loaded.config.shop);
  const engine = createAlertEngine({ store, config: loaded.config, alerts: alertsConfig, now: opts.now, recrawl: opts.recrawl, onWarning: (m) => log(`alerts: ${m}`) });
  const dispatcher = createDispatcher({ store, alerts: alertsConfig, now: opts.now, onWarning: (m) => log(`alerts: ${m}`) });
  return {
    alertsConfig,
    engine,
    dispatcher,
    async afterRun(results) {
      await engine.process(results, { flush: false });
    },
    routes: [
      alertsRoutes({ store, config: loaded.config, alertsConfig, now: opts.now }),
      digestRoutes({ store, config: loaded, now: opts.now }),
    ],
  };
}

export interface Services {
  api: RunningApi;
  token: string;
  stop(): Promise<void>;
}

/** Starts the API, the alert delivery loop and the digest schedule. */
export async function startServices(opts: InsightsOptions & { insights: Insights; digestSchedule?: boolean }): Promise<Services> {
  const { loaded, store, insights } = opts;
  const log = opts.log ?? ((l: string) => console.log(l));
  const token = await ensureToken(store);
  const api = await startApi({
    store,
    config: loaded.config,
    token: () => token,
    now: opts.now,
    host: loaded.config.server.host,
    port: loaded.config.server.port,
    extraRoutes: insights.routes,
  });
  const loop = insights.dispatcher.start(15_000);
  let digest: DigestScheduler | null = null;
  if (opts.digestSchedule !== false) {
    digest = scheduleDigest(store, loaded, {
      now: opts.now,
      onOutcome: (o) => {
        if (o.status === 'sent' || o.status === 'failed') log(`digest ${o.week}: ${o.status}`);
      },
      onError: (err) => log(`digest: ${err.message}`),
    });
  }
  return {
    api,
    token,
    async stop() {
      await digest?.stop();
      await loop.stop();
      insights.dispatcher.close();
      await api.close();
    },
  };
}
