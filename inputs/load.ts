/**
 * One entry point for every input kind. Each loader turns its file into a RawConfig plus positions; the
 * schema check and buildModel() are shared. Heavy readers (TypeScript via ts-morph, HCL) load lazily.
 */
import { buildModel } from '../model/build.js';
import { InputError } from '../model/errors.js';
import { parseDocumentFile, parseDocumentText, type ReadOptions } from './yaml/parse.js';
import { validateConfig, type SchemaViolation } from '../model/schema.js';
import type { NodePath, RawConfig } from '../model/types.js';
import { UnknownValues } from '../model/unknown.js';
import type { InputKind, LoadedConfig, RawInput } from './raw-input.js';

export type { ForeignKind, InputKind, LoadedConfig, RawInput } from './raw-input.js';

export function inputKind(file: string): InputKind | undefined {
  if (/\.tf\.json$/i.test(file)) return 'tfjson';
  if (/\.(ya?ml|json)$/i.test(file)) return 'config';
  if (/\.(ts|mts|cts)$/i.test(file) && !/\.d\.ts$/i.test(file)) return 'typescript';
  if (/\.tf$/i.test(file)) return 'hcl';
  return undefined;
}

export function fromRawInput(kind: InputKind, input: RawInput): LoadedConfig {
  const unknown = new UnknownValues(input.holes);
  let violations = withoutUnknown(validateConfig(input.raw), unknown, input.raw);
  if (kind !== 'config') violations = violations.filter((v) => !isInstanceRequirement(v));
  return {
    kind,
    model: buildModel(input.raw, { positions: input.positions, suppressions: input.suppressions, holes: input.holes, managedApplications: input.managedApplications, applicationLabels: input.applicationLabels, roleUsages: input.roleUsages }),
    violations,
    notes: input.notes ?? [],
  };
}

/**
 * The `instance` section (and its InstanceArn) is required of tipkit's own config format only. Terraform,
 * plans and provider bindings give the instance ARN on each resource (Terraform itself requires it there), and
 * an input with no resource at all has no instance to miss.
 */
function isInstanceRequirement(v: SchemaViolation): boolean {
  if (v.keyword !== 'required') return false;
  return (v.pointer.length === 0 && v.params.missingProperty === 'instance') || (v.pointer.length === 1 && v.pointer[0] === 'instance' && v.params.missingProperty === 'InstanceArn');
}

/**
 * Unknown, not missing: a violation about a value the reader could not know is dropped (the reader's note
 * says why). That is a missing member where a hole is, a value under a hole that was not read, and a "too
 * few" (an empty list, a union with no member) where some of the items or members are unknown. A value that
 * was read is still checked, even beside unknown ones.
 */
function withoutUnknown(violations: SchemaViolation[], unknown: UnknownValues, raw: unknown): SchemaViolation[] {
  if (unknown.none) return violations;
  return violations.filter((v) => {
    if (v.keyword === 'required') return !unknown.isUnknown([...v.pointer, String(v.params.missingProperty)]);
    if (v.keyword === 'minItems' || v.keyword === 'minProperties') return !unknown.hasUnknownParts(v.pointer);
    if (v.atKey) return true;
    return !(unknown.isUnknown(v.pointer) && valueAtPointer(raw, v.pointer) === undefined);
  });
}

function valueAtPointer(root: unknown, pointer: NodePath): unknown {
  let cur: unknown = root;
  for (const seg of pointer) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
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
      const { isTerraformPlan, planToRaw } = await import('./terraform/plan.js');
      if (isTerraformPlan(value)) return fromRawInput('plan', planToRaw(value, positions, file));
      return fromRawInput(kind, { raw: value as RawConfig, positions });
    }
    case 'tfjson': {
      const { tfJsonToRaw } = await import('./terraform/tfjson.js');
      const doc = parseDocumentFile(file, opts);
      return fromRawInput(kind, tfJsonToRaw(doc.value, doc.positions, file));
    }
    case 'typescript': {
      const { readTypeScriptFiles } = await import('./typescript/index.js');
      return fromRawInput(kind, await readTypeScriptFiles([file], opts));
    }
    case 'hcl': {
      const { readHclFiles } = await import('./terraform/hcl.js');
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
