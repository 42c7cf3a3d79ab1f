/**
 * File discovery for `tipkit lint`: named files are always linted; directories are walked (skipping
 * dependency and build output folders) and what they hold is sniffed cheaply, so only files that declare
 * Identity Center applications or issuers reach the (heavier) readers.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError, NoSuchFileError } from '../model/errors.js';
import { inputKind, type InputKind } from './load.js';
import { MANAGED_APPLICATIONS } from './terraform/resource-types.js';

/** Folders a walk does not enter unless a path names them itself. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'cdktf.out', 'dist', '.terraform', '.gen']);

export interface DiscoveredFile {
  /** Absolute path. */
  file: string;
  kind: InputKind;
  /** Named on the command line (always linted), rather than found by walking. */
  explicit: boolean;
}

/** Every candidate file under `paths` (resolved against `cwd`), named files first in the order given. */
export function discoverFiles(paths: readonly string[], cwd: string): DiscoveredFile[] {
  const found = new Map<string, DiscoveredFile>();
  const walked: DiscoveredFile[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(abs).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new NoSuchFileError(p);
      throw new InputError(`cannot read (${code ?? 'error'})`, { file: p });
    }
    if (!isDirectory) {
      const kind = inputKind(abs);
      if (!kind) throw new InputError('unsupported file type: expected .yaml, .yml, .json, .tf.json, .ts or .tf', { file: p });
      found.set(abs, { file: abs, kind, explicit: true });
      continue;
    }
    walkDirectory(abs, walked, 0);
  }
  for (const w of walked.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) if (!found.has(w.file)) found.set(w.file, w);
  return [...found.values()];
}

function walkDirectory(dir: string, out: DiscoveredFile[], depth: number): void {
  if (depth > 64) return;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read directory (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file: dir });
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    // Symbolic links are not followed: a link to a parent would loop, and the target is linted where it lives.
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walkDirectory(path, out, depth + 1);
    } else if (entry.isFile()) {
      const kind = inputKind(entry.name);
      if (kind) out.push({ file: path, kind, explicit: false });
    }
  }
}

const TOP_LEVEL_SECTIONS = ['instance', 'applications', 'trustedTokenIssuers'];

/** A parsed YAML/JSON document is a tipkit config: `version` plus a section, and no scenario `requests`. */
export function isTipkitConfigValue(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.includes('version') && !keys.includes('requests') && TOP_LEVEL_SECTIONS.some((k) => keys.includes(k));
}

/** Cheap text test before parsing a walked YAML/JSON file: could it be a tipkit config at all? */
export function mayBeTipkitConfigText(text: string): boolean {
  return /^["']?version["']?\s*:|"version"\s*:/m.test(text) && /(^|["'\s{,])(instance|applications|trustedTokenIssuers)["']?\s*:/m.test(text);
}

/** Terraform that declares something tipkit reads: an sso-admin application or issuer, awscc's, or an integrated service. */
const SSOADMIN_RESOURCE = new RegExp(`\\b(aws_ssoadmin_(application|trusted_token_issuer)|awscc_sso_application|${Object.keys(MANAGED_APPLICATIONS).join('|')})\\b`);
/** The identity-enhanced session step (spec §9): a role trusted for sts:SetContext, or a service that assumes one with identity context. */
const IDENTITY_CONTEXT_ROLE = /sts:SetContext|\b(aws_s3control_access_grants_location|aws_transfer_web_app|awscc_transfer_web_app|awscc_qbusiness_web_experience)\b/;
const TIPKIT_CONSTRUCT =
  /\b(IdentityCenterApplication|ApplicationGrant|TrustedTokenIssuer|ApplicationAccessScope|ApplicationAuthenticationMethod|Ssoadmin\w+|RedshiftIdcApplication|QbusinessApplication|S3ControlAccessGrantsInstance)\b/;

/** AWS CDK (aws-cdk-lib) `Cfn*` classes of Identity Center and the services integrated with it (read as CloudFormation). */
const AWS_CDK_IMPORT = /['"]aws-cdk-lib(\/aws-[a-z0-9-]+)?['"]/;
const AWS_CDK_CLASS = /\bCfn(Application|ApplicationAssignment|Instance|AccessGrantsInstance|WebApp|WorkGroup|Domain|Studio|RedshiftIdcApplication|Capability|DataLakeSettings|IdentityCenterConfiguration)\b/;

/** Cheap text test for a walked Terraform JSON, HCL or TypeScript file. */
export function mentionsIdentityCenter(kind: InputKind, text: string): boolean {
  if (kind === 'typescript') return TIPKIT_CONSTRUCT.test(text) || IDENTITY_CONTEXT_ROLE.test(text) || (AWS_CDK_IMPORT.test(text) && AWS_CDK_CLASS.test(text));
  return SSOADMIN_RESOURCE.test(text) || IDENTITY_CONTEXT_ROLE.test(text);
}

/** The directory a TypeScript file's project starts at (nearest cdktf.json, package.json or tsconfig.json). */
export function projectRootOf(file: string, cache: Map<string, string | null>): string {
  const start = dirname(file);
  const chain: string[] = [];
  let dir = start;
  let root: string | null;
  for (;;) {
    const cached = cache.get(dir);
    if (cached !== undefined) {
      root = cached;
      break;
    }
    chain.push(dir);
    if (PROJECT_MARKERS.some((marker) => isFile(join(dir, marker)))) {
      root = dir;
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      root = null;
      break;
    }
    dir = parent;
  }
  for (const d of chain) cache.set(d, root);
  return root ?? start;
}

const PROJECT_MARKERS = ['cdktf.json', 'package.json', 'tsconfig.json'];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

const RELATIVE_IMPORT = /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/**
 * The TypeScript files that `text` imports by relative path and that exist, so the reader can follow consts
 * into them (`import { INSTANCE_ARN } from '../linter/settings.js'` → settings.ts).
 */
export function relativeTypeScriptImports(file: string, text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(RELATIVE_IMPORT)) {
    const spec = (m[1] ?? m[2])!;
    const base = resolve(dirname(file), spec);
    const candidates = /\.[cm]?js$/.test(base) ? [base.replace(/js$/, 'ts')] : /\.[cm]?ts$/.test(base) ? [base] : [`${base}.ts`, join(base, 'index.ts')];
    // Generated provider bindings (`cdktf get` → .gen/) are the provider's code, not the app's configuration.
    const hit = candidates.find((c) => !/\.d\.ts$/.test(c) && !/[\\/]\.gen[\\/]/.test(c) && isFile(c));
    if (hit) out.add(hit);
  }
  return [...out];
}
