// `npm run bench`: every benchmark, each printing its figures as ratios to a baseline measured in
// the same run (the machines are shared and noisy; absolute times alone mean little).
// `npm run bench -- extract store` runs only the named ones.
const benches: Record<string, () => Promise<void>> = {
  store: async () => (await import('./store.ts')).benchStore(),
  extract: async () => (await import('./extract.ts')).benchExtract(),
  crawl: async () => (await import('./crawl.ts')).benchCrawl(),
  api: async () => (await import('./api.ts')).benchApi(),
  overlay: async () => (await import('./overlay.ts')).benchOverlay(),
  alerts: async () => (await import('./alerts.ts')).benchAlerts(),
  digest: async () => (await import('./digest.ts')).benchDigest(),
  postgres: async () => (await import('./postgres.ts')).benchPostgres(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in benches));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${Object.keys(benches).join(', ')}`);
  process.exit(2);
}
let failed = 0;
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  console.log(`\n=== ${name} ===`);
  try {
    await run();
  } catch (err) {
    failed++;
    console.error(`${name} failed: ${(err as Error).stack ?? err}`);
  }
}
process.exit(failed ? 1 : 0);
