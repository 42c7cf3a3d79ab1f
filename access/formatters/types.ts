/** What every access formatter receives. */
import type { AccessDiff } from '../diff.js';
import type { AccessPath } from '../paths.js';

export interface AccessReport {
  /** Every path of the current configuration, sorted. */
  paths: AccessPath[];
  /** With `--base`: what changed. */
  diff?: AccessDiff;
  /** The base as given (a ref or a path). */
  base?: string;
  /** Applications declared (a page lists those no path reaches too). */
  applications: string[];
}

export interface AccessFormatContext {
  cwd: string;
  toolVersion: string;
  /** `--fail-on-new-access`: new access is an error rather than a warning (github, sarif). */
  failOnNewAccess: boolean;
}

export type AccessFormatter = (report: AccessReport, context: AccessFormatContext) => string;
