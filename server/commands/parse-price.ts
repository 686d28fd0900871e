// `rivalwatch parse-price`: the price parser on its own, for debugging and for measuring it.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parsePrice, type ParsedPrice } from '../../crawler/parse/price.ts';
import { UsageError, type RegisterCommand } from '../context.ts';
import { toMajor } from '../report.ts';

export interface ParsePriceRecord {
  amount: number | null;
  currency: string | null;
  error?: string;
}

function toRecord(parsed: ParsedPrice | null): ParsePriceRecord {
  if (!parsed) return { amount: null, currency: null };
  const amount = parsed.currency ? toMajor({ amountMinor: parsed.amountMinor, currency: parsed.currency }) : Number(parsed.amount);
  return { amount, currency: parsed.currency };
}

/** One batch line {"text","hint","decimalSeparator"} → {"amount","currency"}; errors are values. */
export function parsePriceLine(line: string): ParsePriceRecord {
  let item: unknown;
  try {
    item = JSON.parse(line);
  } catch {
    return { amount: null, currency: null, error: 'the input line is not JSON: expected {"text": "…", "hint": …, "decimalSeparator": …}' };
  }
  const { text, hint, decimalSeparator } = (item ?? {}) as { text?: unknown; hint?: unknown; decimalSeparator?: unknown };
  if (typeof text !== 'string') return { amount: null, currency: null, error: 'the input line has no "text" string' };
  const sep = decimalSeparator === '.' || decimalSeparator === ',' ? decimalSeparator : null;
  try {
    return toRecord(parsePrice(text, { hint: typeof hint === 'string' ? hint : null, decimalSeparator: sep }));
  } catch (err) {
    return { amount: null, currency: null, error: `parser failed: ${(err as Error).message}` };
  }
}

export const register: RegisterCommand = (program) => {
  program
    .command('parse-price [text]')
    .description('parse a price string ("¥1,299.00", "1.299,00 €", "CHF 1\'299.50")')
    .option('--hint <text>', 'text near the price that may name the currency')
    .option('--decimal-separator <sep>', '"." or ","')
    .option('--batch <file>', 'JSON lines {"text","hint","decimalSeparator"} (or - for stdin); one JSON line out per line in')
    .action(async (text: string | undefined, opts: { hint?: string; decimalSeparator?: string; batch?: string }) => {
      if (opts.batch) {
        if (opts.batch !== '-' && !existsSync(opts.batch)) throw new UsageError(`batch file ${opts.batch} does not exist`);
        const rl = createInterface({ input: opts.batch === '-' ? process.stdin : createReadStream(opts.batch), crlfDelay: Infinity });
        for await (const line of rl) process.stdout.write(`${JSON.stringify(parsePriceLine(line))}\n`);
        return;
      }
      if (text === undefined) throw new UsageError('give a price string, or --batch FILE');
      console.log(JSON.stringify(parsePriceLine(JSON.stringify({ text, hint: opts.hint ?? null, decimalSeparator: opts.decimalSeparator ?? null }))));
    });
};
