// What every CLI command needs: the config file and a store opened from it.
import type { Command } from 'commander';
import { findConfigFile, loadConfig, resolveStoreSpec, ConfigError, type LoadedConfig } from './config.ts';
import { openStore } from '../store/index.ts';
import { StoreError, type Store } from '../store/store.ts';

export interface CommandContext {
  /** Loads and validates the config named by --config, RIVALWATCH_CONFIG or the default file name. */
  config(): LoadedConfig;
  /** Opens the configured store; read-only opens do not take the writer lock. */
  openStore(opts?: { readOnly?: boolean }): Promise<Store>;
  /** Read-only open that answers null when no store exists yet (nothing crawled so far). */
  openExistingStore(): Promise<Store | null>;
}

export function createContext(program: Command): CommandContext {
  let cached: LoadedConfig | null = null;
  const ctx: CommandContext = {
    config() {
      if (cached) return cached;
      const explicit = program.opts<{ config?: string }>().config;
      const file = findConfigFile(explicit);
      if (!file) throw new ConfigError('rivalwatch.config.yaml', ['no configuration file found here; run "rivalwatch init" to write a starter, or pass --config PATH']);
      cached = loadConfig(file);
      return cached;
    },
    async openStore(opts) {
      return openStore(resolveStoreSpec(ctx.config()), opts);
    },
    async openExistingStore() {
      try {
        return await openStore(resolveStoreSpec(ctx.config()), { readOnly: true });
      } catch (err) {
        if (err instanceof StoreError && err.code === 'not-found') return null;
        throw err;
      }
    },
  };
  return ctx;
}

/** Every command module exports one of these; server/cli.ts registers them all. */
export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

/** An error a user can fix (bad argument, unknown SKU): printed as one clear line with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
