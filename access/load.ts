/**
 * Reads the configurations under some paths exactly as `tipkit lint` discovers and loads them, and computes
 * their trust paths. A configuration that breaks the schema is refused (exit 2): paths computed from a model
 * with dropped values could hide access.
 */
import { InputError } from '../model/errors.js';
import { displayPath, readInputs } from '../inputs/index.js';
import { exchangePairBudget, type ExchangeStats } from './exchange.js';
import { computeAccessPaths, type AccessPath } from './paths.js';

export interface AccessInputs {
  paths: AccessPath[];
  /** Every declared application's Name. */
  applications: string[];
  /** The files read, as displayed. */
  files: string[];
  /** What readers skipped (unresolvable TypeScript values, …), as `file:line:col: message`. */
  notes: string[];
}

export async function readAccessPaths(paths: readonly string[], opts: { cwd: string; maxInputBytes?: number }): Promise<AccessInputs> {
  const display = (file: string): string => displayPath(opts.cwd, file);
  const result: AccessInputs = { paths: [], applications: [], files: [], notes: [] };
  const inputs = await readInputs(paths, opts);
  // A named file that is no tipkit input is a note beside usable inputs, and the error when nothing was usable (as lint).
  const usable = inputs.filter((i) => i.notTipkitInput === undefined);
  if (inputs.length > 0 && usable.length === 0) {
    const [first] = inputs;
    throw new InputError(first!.notTipkitInput!, { file: display(first!.loaded.model.positions.defaultFile) });
  }
  for (const skipped of inputs.filter((i) => i.notTipkitInput !== undefined)) result.notes.push(`${skipped.files.map(display).join(', ')}: ${skipped.notTipkitInput}`);
  for (const { loaded, files } of usable) {
    const first = loaded.violations[0];
    if (first) {
      const at = first.atKey ? loaded.model.positions.locateKey(first.pointer) : loaded.model.positions.locate(first.pointer);
      const more = loaded.violations.length > 1 ? ` (and ${loaded.violations.length - 1} more; run tipkit lint for all)` : '';
      throw new InputError(`${first.message}${more}`, { ...at, file: display(at.file) });
    }
    result.files.push(...files.map(display));
    result.applications.push(...loaded.model.applications.filter((a) => !loaded.model.unknown.isUnknown(a.pointer)).map((a) => a.name));
    result.notes.push(...loaded.notes.map((n) => `${display(n.file)}:${n.line}:${n.column}: ${n.message}`));
    const stats: ExchangeStats = { work: 0, pairs: 0, summarized: false };
    result.paths.push(...computeAccessPaths(loaded.model, { display, stats }));
    if (stats.summarized)
      result.notes.push(
        `${files.map(display).join(', ')}: token-exchange chains summarized: more than ${exchangePairBudget(loaded.model.applications.length)} holder → application pairs; each token-exchange path is one direct step, with how many applications' tokens reach its application through some chain`,
      );
  }
  return result;
}
