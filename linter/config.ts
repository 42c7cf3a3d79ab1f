/**
 * The lint rc file: `.tipkitrc.json` / `.tipkitrc.yaml` in the working directory (or `--config-file FILE`)
 * sets rule severities, `{ "rules": { "issuer-unused": "off", "iam-auth-method-missing": "error" } }`.
 * `--rule ID=LEVEL` flags override it. A bad rc file is unusable input (exit 2) with its position.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';
import { parseDocumentText, readSourceFile, type ParsedDocument } from '../inputs/index.js';
import type { SeverityOverride } from './engine.js';

export const RC_FILE_NAMES = ['.tipkitrc.json', '.tipkitrc.yaml', '.tipkitrc.yml'] as const;
export const SEVERITY_LEVELS: readonly SeverityOverride[] = ['off', 'note', 'warning', 'error'];

export interface LintRc {
  /** The rc file read, if any. */
  file?: string;
  severities: Record<string, SeverityOverride>;
}

const isLevel = (v: unknown): v is SeverityOverride => typeof v === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(v);

/** Read `configFile`, else the first rc file found in `cwd`, else nothing. */
export function loadLintRc(cwd: string, configFile: string | undefined, knownRuleIds: ReadonlySet<string>): LintRc {
  const file = configFile ?? RC_FILE_NAMES.find((name) => existsSync(join(cwd, name)));
  if (!file) return { severities: {} };
  const { value, positions } = readRcFile(cwd, file);
  const fail = (message: string, path: (string | number)[], atKey = false): never => {
    const at = atKey ? positions.locateKey(path) : positions.locate(path);
    throw new InputError(message, { file, line: at.line, column: at.column });
  };
  if (!value || typeof value !== 'object' || Array.isArray(value)) fail('expected an object with a `rules` member', []);
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) if (key !== 'rules') fail(`unknown key '${key}'; expected: rules`, [key], true);
  const rules = doc.rules ?? {};
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) fail('`rules` must map rule ids to off, note, warning or error', ['rules']);
  const severities: Record<string, SeverityOverride> = {};
  for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
    if (!knownRuleIds.has(id)) fail(`unknown rule '${id}' (see: tipkit rules)`, ['rules', id], true);
    if (!isLevel(level)) fail(`rule '${id}' must be one of ${SEVERITY_LEVELS.join(', ')}`, ['rules', id]);
    severities[id] = level as SeverityOverride;
  }
  return { file, severities };
}

/** `--rule ID=LEVEL` flags (repeatable). */
export function parseRuleFlags(flags: readonly string[], knownRuleIds: ReadonlySet<string>): Record<string, SeverityOverride> {
  const severities: Record<string, SeverityOverride> = {};
  for (const flag of flags) {
    const m = /^([^=]+)=(.*)$/.exec(flag);
    if (!m) throw new UsageError(`--rule takes ID=LEVEL (LEVEL: ${SEVERITY_LEVELS.join(', ')}), got '${flag}'`);
    const [, id, level] = m as unknown as [string, string, string];
    if (!knownRuleIds.has(id)) throw new UsageError(`--rule: unknown rule '${id}' (see: tipkit rules)`);
    if (!isLevel(level)) throw new UsageError(`--rule ${id}: level must be one of ${SEVERITY_LEVELS.join(', ')} (got '${level}')`);
    severities[id] = level;
  }
  return severities;
}

/** Parse the rc file, naming it in errors as the user wrote it (not as an absolute path). */
function readRcFile(cwd: string, file: string): ParsedDocument {
  try {
    return parseDocumentText(readSourceFile(resolve(cwd, file)), file);
  } catch (err) {
    if (err instanceof InputError && err.location) throw err.relocated(file);
    throw err;
  }
}
