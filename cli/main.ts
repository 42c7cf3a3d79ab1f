/**
 * cli/ — the `tipkit` command: a thin shell that parses the command name, loads the command lazily (so `lint`
 * never pays for cdktf, nor `synth` for ts-morph) and turns errors into exit codes:
 * 0 clean, 1 findings / failed expectations, 2 unusable input (one line on stderr, no stack without --debug).
 *
 * May import: every room (this is the shell that wires them). Imported by: nothing (bin/tipkit.js runs it).
 */
import { InputError, UsageError } from '../model/errors.js';
import { processIo, type Io } from './io.js';

export type { Command } from './command.js';
import type { Command } from './command.js';

const commands: Record<string, () => Promise<{ command: Command }>> = {
  lint: () => import('./commands/lint.js'),
  simulate: () => import('./commands/simulate.js'),
  synth: () => import('./commands/synth.js'),
  serve: () => import('./commands/serve.js'),
  rules: () => import('./commands/rules.js'),
  aws: () => import('./commands/aws.js'),
  pull: () => import('./commands/pull.js'),
  drift: () => import('./commands/drift.js'),
  access: () => import('./commands/access.js'),
  init: () => import('./commands/init.js'),
};

async function usage(): Promise<string> {
  const lines = ['Usage: tipkit <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).command.summary}`);
  lines.push('', 'Run `tipkit <command> --help` for a command\'s options.', 'Exit codes: 0 clean, 1 findings or failed expectations, 2 unusable input.', '');
  return lines.join('\n');
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv;
  try {
    // `tipkit help lint` is `tipkit lint --help`.
    if (name === 'help' && rest.length > 0) return await main([rest[0]!, '--help'], io);
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(await usage());
      return name === undefined ? 2 : 0;
    }
    if (name === '--version' || name === '-v') {
      const { toolVersion } = await import('../formats/version.js');
      io.stdout(`${toolVersion()}\n`);
      return 0;
    }
    const load = commands[name];
    if (!load) throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(commands).join(', ')})`);
    const { command } = await load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(command.usage.endsWith('\n') ? command.usage : `${command.usage}\n`);
      return 0;
    }
    return await command.run(rest, io);
  } catch (err) {
    return reportError(err, io, debug);
  }
}

export function reportError(err: unknown, io: Io, debug: boolean): number {
  if (err instanceof InputError) io.stderr(`tipkit: ${err.format()}\n`);
  else if (err instanceof UsageError) io.stderr(`tipkit: ${err.message}\n`);
  else io.stderr(`tipkit: internal error: ${(err as Error)?.message ?? String(err)}${debug ? '' : ' (run with --debug for details)'}\n`);
  if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
  return 2;
}
