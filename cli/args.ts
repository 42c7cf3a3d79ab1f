/**
 * Flag parsing for every command, on node:util parseArgs (strict: an unknown flag is a UsageError → exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../model/errors.js';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** The parsed flag values of an option table. */
export type Values<O extends Options> = {
  [K in keyof O]?: O[K] extends { multiple: true } ? (O[K] extends { type: 'boolean' } ? boolean[] : string[]) : O[K] extends { type: 'boolean' } ? boolean : string;
};

/** Flags every command takes, with the same short forms everywhere. */
export const commonOptions = {
  help: { type: 'boolean', short: 'h' },
  debug: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  output: { type: 'string', short: 'o' },
} as const satisfies Options;

/** Flags several commands take: where a command has one, it has it under this name and short form. */
export const sharedOptions = {
  config: { type: 'string', short: 'c' },
  format: { type: 'string', short: 'f' },
  'max-input-bytes': { type: 'string' },
} as const satisfies Options;

/** The --help lines of the common flags, the same in every command's usage (each command words -o and -q). */
export const commonFlagsHelp = (output: string, quiet: string): string =>
  [`  -o, --output FILE   ${output}`, `  -q, --quiet         ${quiet}`, '      --debug         print stack traces (without it an error is one line)', '  -h, --help          print this help'].join('\n');

export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  command: string,
): { values: Values<O & typeof commonOptions>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args: argv, options: { ...commonOptions, ...options }, allowPositionals: true, strict: true });
    return parsed as { values: Values<O & typeof commonOptions>; positionals: string[] };
  } catch (err) {
    const msg = (err as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option');
    throw new UsageError(`${command}: ${msg} (see: tipkit ${command} --help)`);
  }
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
}

export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} takes a whole number (got '${value}')`);
  return Number(value);
}

/** No input at all is an error (exit 2) unless --allow-empty, as ESLint treats a pattern that matches no file. */
export const noInputFound = (positionals: readonly string[], allowed = false): string =>
  `no tipkit config, Terraform or cdktf file found under ${positionals.length > 0 ? positionals.join(', ') : '.'}${allowed ? '' : ' (--allow-empty makes that exit 0)'}`;
