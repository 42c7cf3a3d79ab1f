/**
 * access/ — access review (`tipkit access`): the effective trust paths of the configurations under some paths, and
 * with a base (a git ref or an earlier file) what a change adds, removes, widens or narrows.
 *
 * May import: model/, inputs/ and simulator/ (their index files), formats/. Imported by: cli/, through this file.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';
import { diffPaths } from './diff.js';
import type { AccessReport } from './formatters/types.js';
import { checkoutPaths, isGitRef } from './git-base.js';
import { readAccessPaths, type AccessInputs } from './load.js';

export { computeAccessPaths, type AccessPath, type PathOptions } from './paths.js';
export { exchangePairBudget, type ExchangeStats } from './exchange.js';
export { diffPaths, hasNewAccess, type AccessDiff, type ChangedPath, type Change, type ChangeKind } from './diff.js';
export { readAccessPaths } from './load.js';

export interface AccessOptions {
  cwd: string;
  /** A path to the earlier configuration, or a git ref (a path wins when both exist). */
  base?: string;
  maxInputBytes?: number;
}

export interface AccessResult extends AccessReport {
  files: string[];
  notes: string[];
}

/** The paths under `paths`, and with `opts.base` what changed since it. */
export async function accessReview(paths: readonly string[], opts: AccessOptions): Promise<AccessResult> {
  const head = await readAccessPaths(paths, opts);
  const result: AccessResult = { paths: head.paths, applications: head.applications, files: head.files, notes: head.notes };
  if (opts.base === undefined) return result;
  const base = await readBase(opts.base, paths, opts);
  return { ...result, base: opts.base, diff: diffPaths(base.paths, head.paths), notes: [...head.notes, ...base.notes.map((n) => `${opts.base}: ${n}`)] };
}

async function readBase(base: string, paths: readonly string[], opts: AccessOptions): Promise<AccessInputs> {
  if (base === '') throw new UsageError('--base needs a git ref or a path');
  if (existsSync(resolve(opts.cwd, base))) return readAccessPaths([base], opts);
  if (!isGitRef(base, opts.cwd)) throw new UsageError(`--base ${base}: neither a file nor a commit of a git repository at ${opts.cwd}`);
  const checkout = checkoutPaths(base, paths, opts.cwd);
  try {
    return await readAccessPaths(paths, { ...opts, cwd: checkout.cwd });
  } catch (err) {
    // Name the file as git does (REF:path), not by the temporary checkout.
    if (err instanceof InputError && err.location) throw new InputError(err.message, { ...err.location, file: `${base}:${err.location.file}` }, { cause: err });
    throw err;
  } finally {
    checkout.dispose();
  }
}
