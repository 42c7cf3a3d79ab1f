/** What every lint output format receives: the report and how to render it. */
import type { LintReport } from '../index.js';
import type { Rule } from '../types.js';

export interface FormatContext {
  /** Directory the report's file names are relative to (SARIF's %SRCROOT%). */
  cwd: string;
  /** ANSI colour (text only). */
  color: boolean;
  /** List suppressed findings in text output. */
  showSuppressed: boolean;
  /** Every rule, for SARIF's tool.driver.rules. */
  rules: readonly Rule[];
  toolVersion: string;
}

export type Formatter = (report: LintReport, context: FormatContext) => string;
