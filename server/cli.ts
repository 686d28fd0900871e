// The `rivalwatch` command line. Each command lives in server/commands/ and registers itself here.
import { Command, CommanderError } from 'commander';
import { createContext, UsageError, type RegisterCommand } from './context.ts';
import { ConfigError } from './config.ts';
import { StoreError } from '../store/store.ts';
import { InvalidUrlError } from '../crawler/url.ts';
import { register as init } from './commands/init.ts';
import { register as listings } from './commands/listings.ts';
import { register as crawl } from './commands/crawl.ts';
import { register as status } from './commands/status.ts';
import { register as start } from './commands/start.ts';
import { register as demo } from './commands/demo.ts';
import { register as inspect } from './commands/inspect.ts';
import { register as parsePrice } from './commands/parse-price.ts';
import { register as token } from './commands/token.ts';
import { register as alerts } from './commands/alerts.ts';
import { register as digest } from './commands/digest.ts';
import { register as migrate } from './commands/migrate.ts';
import { register as worker } from './commands/worker.ts';

const commands: RegisterCommand[] = [init, listings, crawl, status, start, demo, inspect, parsePrice, token, alerts, digest, migrate, worker];

export async function main(argv: string[]): Promise<void> {
  const program = new Command('rivalwatch')
    .description('Competitor monitor for e-commerce teams: prices, promotions, stock and reviews of competitor product pages.')
    .option('-c, --config <path>', 'configuration file (default: rivalwatch.config.yaml here, or $RIVALWATCH_CONFIG)')
    .showHelpAfterError()
    .exitOverride();
  const ctx = createContext(program);
  for (const register of commands) register(program, ctx);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof InvalidUrlError || err instanceof UsageError) {
      console.error(`rivalwatch: ${err.message}`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}

await main(process.argv);
