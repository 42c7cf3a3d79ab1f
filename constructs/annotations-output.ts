/**
 * Printing TipkitChecks findings where nothing else would: set by tipkit/ts-register, and off under the cdktf
 * CLI (which sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS and prints the manifest's annotations itself).
 */

/** Symbol.for, so the flag is seen by every copy of tipkit in the process. */
export const PRINT_ANNOTATIONS: unique symbol = Symbol.for('tipkit.printAnnotations') as never;

export function printsAnnotations(): boolean {
  return (globalThis as Record<symbol, unknown>)[PRINT_ANNOTATIONS] === true && process.env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === undefined;
}

/** `[WARN] [tipkit/okta] issuer-unused: …`: the level and construct path, then the message, as cdktf lists annotations. */
export function printAnnotation(level: 'WARN' | 'INFO', constructPath: string, message: string): void {
  process.stderr.write(`[${level}] [${constructPath}] ${message}\n`);
}
