/**
 * One entry point for every input kind. Each loader turns its file into a RawConfig plus positions; the
 * schema check and buildModel() are shared. Heavy readers (TypeScript via ts-morph, HCL) load lazily.
 */
import { buildModel, unknownAt } from './build.js';
import { InputError } from './errors.js';
import { parseDocumentFile, parseDocumentText, type ReadOptions } from './load-yaml.js';
import type { PositionIndex } from './positions.js';
import { validateConfig, type SchemaViolation } from './schema.js';
import type { ConstructSuppression, NodePath, RawConfig, TipModel } from './types.js';

export type InputKind = 'config' | 'tfjson' | 'typescript' | 'hcl';

export interface LoadedConfig {
  kind: InputKind;
  model: TipModel;
  /** Schema violations (the linter reports them as findings; synth and simulate refuse the file). */
  violations: SchemaViolation[];
  /** Things a reader skipped rather than guessed (unresolvable TypeScript arguments, …). */
  notes: { message: string; file: string; line: number; column: number }[];
}

/** What a reader hands to the shared part of loading. */
export interface RawInput {
  raw: RawConfig;
  positions: PositionIndex;
  suppressions?: ConstructSuppression[];
  notes?: LoadedConfig['notes'];
  /**
   * Places the reader could not read (a `var.x`, a value only known at run time). The value there is
   * unknown, not missing: schema violations at or under a hole are dropped, the note already says why.
   */
  holes?: NodePath[];
}

export function inputKind(file: string): InputKind | undefined {
  if (/\.tf\.json$/i.test(file)) return 'tfjson';
  if (/\.(ya?ml|json)$/i.test(file)) return 'config';
  if (/\.(ts|mts|cts)$/i.test(file) && !/\.d\.ts$/i.test(file)) return 'typescript';
  if (/\.tf$/i.test(file)) return 'hcl';
  return undefined;
}

export function fromRawInput(kind: InputKind, input: RawInput): LoadedConfig {
  return {
    kind,
    model: buildModel(input.raw, { positions: input.positions, suppressions: input.suppressions, holes: input.holes }),
    violations: withoutHoles(validateConfig(input.raw), input.holes ?? []),
    notes: input.notes ?? [],
  };
}

function withoutHoles(violations: SchemaViolation[], holes: readonly NodePath[]): SchemaViolation[] {
  if (holes.length === 0) return violations;
  const underHole = unknownAt(holes);
  return violations.filter((v) => {
    const target = v.keyword === 'required' ? [...v.pointer, String(v.params.missingProperty)] : v.pointer;
    return !underHole(target);
  });
}

export function loadConfigText(text: string, file: string): LoadedConfig {
  const { value, positions } = parseDocumentText(text, file);
  return fromRawInput('config', { raw: value as RawConfig, positions });
}

export async function loadConfigFile(file: string, opts: ReadOptions = {}): Promise<LoadedConfig> {
  const kind = inputKind(file);
  switch (kind) {
    case 'config': {
      const { value, positions } = parseDocumentFile(file, opts);
      return fromRawInput(kind, { raw: value as RawConfig, positions });
    }
    case 'tfjson': {
      const { tfJsonToRaw } = await import('./load-tfjson.js');
      const doc = parseDocumentFile(file, opts);
      return fromRawInput(kind, tfJsonToRaw(doc.value, doc.positions, file));
    }
    case 'typescript': {
      const { readTypeScriptFiles } = await import('./load-typescript.js');
      return fromRawInput(kind, await readTypeScriptFiles([file], opts));
    }
    case 'hcl': {
      const { readHclFiles } = await import('./load-hcl.js');
      return fromRawInput(kind, await readHclFiles([file], opts));
    }
    default:
      throw new InputError('unsupported file type: expected .yaml, .yml, .json, .tf.json, .ts or .tf', { file });
  }
}

/** Load a file that must satisfy the schema (synth, simulate): the first violation is an InputError. */
export async function loadValidConfigFile(file: string, opts: ReadOptions = {}): Promise<LoadedConfig> {
  const loaded = await loadConfigFile(file, opts);
  const first = loaded.violations[0];
  if (first) {
    const loc = first.atKey ? loaded.model.positions.locateKey(first.pointer) : loaded.model.positions.locate(first.pointer);
    const more = loaded.violations.length > 1 ? ` (and ${loaded.violations.length - 1} more; run tipkit lint for all)` : '';
    throw new InputError(`${first.message}${more}`, loc);
  }
  return loaded;
}
