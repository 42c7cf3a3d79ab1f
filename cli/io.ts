/**
 * Output helpers shared by the commands: every file is written to a temporary sibling and renamed into
 * place, so a failure never leaves half an output behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../model/errors.js';

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (colour, carets). */
  isTTY: boolean;
  cwd: string;
}

let pipeGuarded = false;

export const processIo = (): Io => {
  if (!pipeGuarded) {
    pipeGuarded = true;
    // A reader that closed the pipe (`tipkit lint | head`) wants no more output; that is not a crash.
    for (const stream of [process.stdout, process.stderr])
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        process.exit(process.exitCode ?? 0);
      });
  }
  return processStreams();
};

const processStreams = (): Io => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
});

export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tipkit-tmp-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Print a report to stdout, or to --output FILE (atomically; a file that cannot be written is bad input, exit 2). */
export function emit(io: Io, text: string, output: string | undefined): void {
  if (!output) return io.stdout(text);
  try {
    writeFileAtomic(output, text);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(`cannot write the output file (${code}); nothing was written`, { file: output }, { cause: err });
  }
}
