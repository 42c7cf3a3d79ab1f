/**
 * Input that cannot be used at all (unreadable file, unparseable YAML/JSON, a scenario that breaks its
 * schema). The CLI prints `file:line:column: message` and exits 2; nothing else is written.
 */
import type { SourceLocation } from './types.js';

/**
 * Characters a terminal or log viewer acts on, as `\uXXXX`: C0 and C1 controls (a newline, ESC, the 8-bit CSI), line
 * separators and bidi overrides (which reorder what a reader sees). Keeps a message on one line, and input
 * from a file or a request from writing escape sequences or forged lines.
 */
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export const unicodeEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Control characters (a newline inside a quoted key or value) escaped, so a message stays one line. */
export const oneLine = (text: string): string => text.replace(UNSAFE_TEXT, unicodeEscape);

export class InputError extends Error {
  readonly code = 'ERR_TIPKIT_INPUT';
  constructor(
    message: string,
    readonly location?: Partial<SourceLocation> & { file: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InputError';
  }

  /** The same error naming the file as the user wrote it (the loaders see absolute paths). */
  relocated(file: string): InputError {
    return new InputError(this.message, { ...this.location, file }, { cause: this });
  }

  /** One line: `tipkit.yaml:3:7: expected …`. */
  format(): string {
    const loc = this.location;
    if (!loc) return oneLine(this.message);
    const where = [loc.file, loc.line, loc.line !== undefined ? loc.column : undefined].filter((p) => p !== undefined).join(':');
    return oneLine(`${where}: ${this.message}`);
  }
}

/** A path that names nothing: one line, `no such file: PATH`, whichever command read it. */
export class NoSuchFileError extends InputError {
  constructor(file: string) {
    super(`no such file: ${file}`, { file });
    this.name = 'NoSuchFileError';
  }

  override relocated(file: string): InputError {
    return new NoSuchFileError(file);
  }

  override format(): string {
    return oneLine(this.message);
  }
}

/** A command-line mistake (unknown flag, missing argument): exit 2 with the usage hint. */
export class UsageError extends Error {
  readonly code = 'ERR_TIPKIT_USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
