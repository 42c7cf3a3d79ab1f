/** GitHub Actions workflow commands (`::error file=…::message`): the escaping GitHub's toolkit applies, for every report that prints them. */

import { oneLine } from '../model/errors.js';

/**
 * Escaping of a command's message: GitHub's toolkit escapeData (`%`, CR, LF), then the other control, C1 and bidi
 * characters as `\uXXXX` (the log viewer would act on ESC sequences; GitHub's escaping passes them).
 */
export function escapeData(s: string): string {
  return oneLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a command property value (GitHub's toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
