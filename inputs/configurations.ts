/**
 * A repository's files → configurations: discovery (discover.ts) finds the candidates, and each configuration is
 * read on its own (a Terraform module directory, a cdktf app, each tipkit config), so a finding never depends on
 * which other files are read beside it. Every command that reads a repository (lint, access) reads it here.
 */
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError } from '../model/errors.js';
import type { PositionIndex } from '../model/positions.js';
import type { RawConfig } from '../model/types.js';
import { discoverFiles, isTipkitConfigValue, mayBeTipkitConfigText, mentionsIdentityCenter, projectRootOf, relativeTypeScriptImports, type DiscoveredFile } from './discover.js';
import { fromRawInput } from './load.js';
import type { LoadedConfig } from './raw-input.js';
import { isTerraformPlan, mayBeIdentityCenterPlan, PLAN_FILE_NAME } from './terraform/plan-detect.js';
import type { VariableArgument } from './terraform/tfvars.js';
import { parseDocumentText, readSourceFile, type ReadOptions } from './yaml/parse.js';

/**
 * Discover and load every supported file under `paths` (default `.`), one LoadedInput per configuration, as lint
 * sees them (`tipkit access` reads its inputs the same way). An unreadable file is an InputError named relative to cwd.
 */
export async function readInputs(paths: readonly string[], opts: { cwd: string; maxInputBytes?: number; terraformVariables?: readonly VariableArgument[] }): Promise<LoadedInput[]> {
  try {
    return await loadInputs(discoverFiles(paths.length > 0 ? paths : ['.'], opts.cwd), { maxBytes: opts.maxInputBytes }, opts.terraformVariables);
  } catch (err) {
    if (err instanceof InputError && err.location) throw err.relocated(displayPath(opts.cwd, err.location.file));
    throw err;
  }
}

/** Relative to cwd (with `/`) when inside it, else as given. */
export function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** One configuration as discovery found it: the loaded model and the files it was read from. */
export interface LoadedInput {
  loaded: LoadedConfig;
  files: string[];
  /** Set for a named file that holds no tipkit input: the one line that says so. */
  notTipkitInput?: string;
}

/**
 * A named JSON/YAML file that is not a tipkit config: an sso-admin request body (`--cli-input-json`) or a
 * CloudFormation template is linted for what it is (inputs/foreign.ts); a document that looks like a
 * tipkit config with mistakes is left to the schema (undefined); anything else is not a tipkit input.
 */
async function foreignInput(value: unknown, positions: PositionIndex, file: string): Promise<LoadedInput | undefined> {
  const { describeForeign, foreignToRaw, recognizeForeign } = await import('./foreign.js');
  const recognized = recognizeForeign(value);
  if (recognized) return { loaded: fromRawInput(recognized.kind, foreignToRaw(value, positions, file)), files: [file] };
  const isScenario = value !== null && typeof value === 'object' && !Array.isArray(value) && 'requests' in value;
  if (!isScenario && value !== null && typeof value === 'object' && !Array.isArray(value) && TIPKIT_KEYS.some((k) => k in value)) return undefined;
  const message = `not a tipkit input: ${isScenario ? 'a tipkit scenario (run it with tipkit simulate; lint the config it names)' : describeForeign(value)}`;
  const loaded = fromRawInput('request', { raw: { version: 1 }, positions, notes: [{ message, file, line: 1, column: 1 }] });
  return { loaded, files: [], notTipkitInput: message };
}

/** Top-level keys of a tipkit config: a named file with any of them is judged as one (its mistakes reported). */
const TIPKIT_KEYS = ['version', 'instance', 'applications', 'trustedTokenIssuers'];

/**
 * Load what discovery found, one configuration at a time, so a finding never depends on which other files
 * are linted beside it. Config and Terraform JSON files are each one configuration (read once, parsed
 * once; walked files are sniffed first); HCL files are one per directory (a Terraform module); TypeScript
 * files are one per app: an entry file (one no other linted file imports, or the files a cdktf.json `app`
 * names) together with the files it imports, so references across files resolve.
 */
async function loadInputs(discovered: readonly DiscoveredFile[], readOptions: ReadOptions, terraformVariables: readonly VariableArgument[] = []): Promise<LoadedInput[]> {
  const inputs: LoadedInput[] = [];
  const typescriptFiles = new Map<string, string>();
  const hclByDirectory = new Map<string, { files: string[]; relevant: boolean; explicit?: boolean }>();
  const projectRoots = new Map<string, string | null>();

  for (const d of discovered) {
    if (d.kind === 'config' || d.kind === 'tfjson') {
      const text = readCandidate(d, readOptions);
      if (text === undefined) continue;
      // A Terraform plan (terraform show -json) is recognized by content: named, or walked under a plan file name.
      const walkedPlan = !d.explicit && d.kind === 'config' && PLAN_FILE_NAME.test(d.file) && mayBeIdentityCenterPlan(text);
      // A CloudFormation template is recognized by content too; a walk lints those that hold something tipkit reads.
      const walkedTemplate = !d.explicit && d.kind === 'config' && !mayBeTipkitConfigText(text) && mayBeCloudFormationText(text);
      if (!d.explicit && !walkedPlan && !walkedTemplate && !(d.kind === 'config' ? mayBeTipkitConfigText(text) : mentionsIdentityCenter(d.kind, text))) continue;
      const doc = walkedTemplate ? parseWalkedTemplate(text, d.file, readOptions) : parseDocumentText(text, d.file, readOptions);
      if (!doc) continue;
      if (walkedTemplate) {
        const { holdsIdentityCenterResources } = await import('./cloudformation/index.js');
        const value = doc.value as Record<string, unknown>;
        if (value && typeof value === 'object' && holdsIdentityCenterResources(value)) {
          const other = await foreignInput(doc.value, doc.positions, d.file);
          if (other) inputs.push(other);
        }
        continue;
      }
      if (d.kind === 'config' && isTerraformPlan(doc.value)) {
        const { planToRaw } = await import('./terraform/plan.js');
        inputs.push({ loaded: fromRawInput('plan', planToRaw(doc.value, doc.positions, d.file)), files: [d.file] });
      } else if (d.kind === 'config') {
        if (!isTipkitConfigValue(doc.value)) {
          if (!d.explicit) continue;
          const other = await foreignInput(doc.value, doc.positions, d.file);
          if (other) {
            inputs.push(other);
            continue;
          }
        }
        inputs.push({ loaded: fromRawInput('config', { raw: doc.value as RawConfig, positions: doc.positions }), files: [d.file] });
      } else {
        const { tfJsonToRaw } = await import('./terraform/tfjson.js');
        inputs.push({ loaded: fromRawInput('tfjson', tfJsonToRaw(doc.value, doc.positions, d.file)), files: [d.file] });
      }
    } else if (d.kind === 'typescript') {
      const text = readCandidate(d, readOptions);
      if (text === undefined || (!d.explicit && !mentionsIdentityCenter(d.kind, text))) continue;
      typescriptFiles.set(d.file, text);
    } else {
      const dir = dirname(d.file);
      const group = hclByDirectory.get(dir) ?? { files: [], relevant: false };
      group.files.push(d.file);
      group.explicit ||= d.explicit;
      group.relevant ||= d.explicit || mentionsIdentityCenter(d.kind, readCandidate(d, readOptions) ?? '');
      hclByDirectory.set(dir, group);
    }
  }

  if (typescriptFiles.size > 0) {
    const { readTypeScriptFiles } = await import('./typescript/index.js');
    for (const files of typescriptApps(typescriptFiles, readOptions, projectRoots)) {
      inputs.push({ loaded: fromRawInput('typescript', await readTypeScriptFiles(files, readOptions)), files });
    }
  }
  if (hclByDirectory.size > 0) {
    // Directories of module calls only, and modules linted through their callers: see terraformConfigurations.
    const { readHclFiles, terraformConfigurations, terraformFilesIn } = await import('./terraform/hcl.js');
    // A named .tf file is read with the rest of its module (its directory): one configuration, whichever file is named.
    for (const [dir, group] of hclByDirectory) {
      if (group.explicit) for (const file of terraformFilesIn(dir)) if (!group.files.includes(file)) group.files.push(file);
    }
    const hclGroups = terraformConfigurations(hclByDirectory, readOptions);
    for (const { files } of hclGroups) {
      const loaded = fromRawInput('hcl', await readHclFiles(files, { ...readOptions, variables: terraformVariables }));
      // The files of the local modules it follows are linted too.
      inputs.push({ loaded, files: [...loaded.model.positions.texts.keys()] });
    }
  }
  return inputs;
}

/**
 * The TypeScript configurations among `candidates` (file → text): each entry file with the files it imports
 * (transitively, by relative path). An entry is a candidate no other candidate's imports reach, plus the files
 * a project's cdktf.json `app` names (those are one app together). Two apps side by side (`envs/dev.ts`,
 * `envs/prod.ts`) are two configurations even when both import one stack module.
 */
function typescriptApps(candidates: ReadonlyMap<string, string>, readOptions: ReadOptions, projectRoots: Map<string, string | null>): string[][] {
  const texts = new Map(candidates);
  const importsOf = new Map<string, string[]>();
  const imports = (file: string): string[] => {
    let out = importsOf.get(file);
    if (!out) {
      let text = texts.get(file);
      if (text === undefined) {
        text = readSourceFile(file, readOptions);
        texts.set(file, text);
      }
      out = relativeTypeScriptImports(file, text);
      importsOf.set(file, out);
    }
    return out;
  };
  const closure = (entries: readonly string[]): string[] => {
    const seen = new Set<string>();
    const pending = [...entries];
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      pending.push(...imports(file).filter((f) => !seen.has(f)));
    }
    return [...seen];
  };

  const importedByAnother = new Set<string>();
  for (const file of candidates.keys()) for (const reached of closure([file])) if (reached !== file) importedByAnother.add(reached);

  const apps: string[][] = [];
  const covered = new Set<string>();
  const byCdktfApp = new Map<string, string[]>();
  const cdktfApps = new Map<string, string | undefined>();
  for (const file of candidates.keys()) {
    if (importedByAnother.has(file)) continue;
    const app = cdktfAppOf(file, projectRoots, cdktfApps);
    if (app) byCdktfApp.set(app, [...(byCdktfApp.get(app) ?? []), file]);
    else apps.push(closure([file]));
  }
  for (const entries of byCdktfApp.values()) apps.push(closure(entries));
  for (const app of apps) for (const file of app) covered.add(file);
  // Files that import each other in a ring have no entry: the ring is one configuration.
  for (const file of candidates.keys()) {
    if (covered.has(file)) continue;
    const ring = closure([file]);
    ring.forEach((f) => covered.add(f));
    apps.push(ring);
  }
  return apps.map((files) => files.sort());
}

/**
 * The app a cdktf.json names this file in (`"app": "npx ts-node main.ts"`), as a key; undefined when the
 * nearest project has no cdktf.json or its `app` does not name the file.
 */
function cdktfAppOf(file: string, projectRoots: Map<string, string | null>, cache: Map<string, string | undefined>): string | undefined {
  const root = projectRootOf(file, projectRoots);
  const app = readCdktfApp(join(root, 'cdktf.json'), cache);
  if (!app) return undefined;
  const named = app.split(/\s+/).filter((t) => /\.[cm]?ts$/.test(t)).map((t) => resolve(root, t));
  return named.includes(file) ? `${root}\u0000${app}` : undefined;
}

function readCdktfApp(path: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(path)) return cache.get(path);
  let app: string | undefined;
  try {
    const value = JSON.parse(readSourceFile(path)) as { app?: unknown };
    if (typeof value.app === 'string') app = value.app;
  } catch {
    app = undefined; // no cdktf.json, or not one cdktf itself could read: the files stand alone
  }
  cache.set(path, app);
  return app;
}

/** Cheap text test before parsing a walked YAML/JSON file: could it be a CloudFormation template? */
function mayBeCloudFormationText(text: string): boolean {
  return /AWSTemplateFormatVersion/.test(text) || (/(^|["'\s{,])Resources["']?\s*:/m.test(text) && /["'\s:]AWS::[A-Za-z0-9]+::/.test(text));
}

/** A walked template that does not parse is not linted (it may be a Helm chart or a Jinja template named .yaml). */
function parseWalkedTemplate(text: string, file: string, readOptions: ReadOptions): ReturnType<typeof parseDocumentText> | undefined {
  try {
    return parseDocumentText(text, file, readOptions);
  } catch (err) {
    if (err instanceof InputError) return undefined;
    throw err;
  }
}

/**
 * The text of a discovered file. A named file that cannot be read is an InputError; a walked one (a huge
 * lock file, a binary with a .json name) is simply not a tipkit input, so it is skipped.
 */
function readCandidate(d: DiscoveredFile, readOptions: ReadOptions): string | undefined {
  try {
    return readSourceFile(d.file, readOptions);
  } catch (err) {
    if (d.explicit || !(err instanceof InputError)) throw err;
    return undefined;
  }
}
