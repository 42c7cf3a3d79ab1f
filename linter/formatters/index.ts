/** The lint output formats, one module each, all fed the same report. */
import type { LintReport } from '../index.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { FormatContext, Formatter } from './types.js';

export type { FormatContext, Formatter } from './types.js';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

const FORMATTERS: Record<OutputFormat, Formatter> = { text: formatText, json: formatJson, sarif: formatSarif, github: formatGithub };

export function formatReport(format: OutputFormat, report: LintReport, context: FormatContext): string {
  return FORMATTERS[format](report, context);
}
