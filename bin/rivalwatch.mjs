#!/usr/bin/env node
// Runs the TypeScript CLI straight from the source tree through tsx, so a checkout needs no build step.
import { register } from 'tsx/esm/api';
register();
await import('../server/cli.ts');
