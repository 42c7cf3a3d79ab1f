/**
 * cdktf TypeScript, read statically with ts-morph → RawConfig. The files are parsed, never executed: only
 * `new <TipkitConstruct>(scope, id, props)` calls and `new <ProviderBinding>(scope, id, config)` calls (the
 * AWS provider's own classes, `SsoadminApplication` & co., imported from `@cdktf/provider-aws`, `@cdktn/provider-aws`
 * or a `cdktf get` `.gen/providers/aws` folder) are read, and only arguments that are literals or can be
 * resolved to literals without running code (const bindings, `as const`, simple spreads, template strings of
 * constants, `JSON.stringify` / `Fn.jsonencode` of literals, references to other constructs). Anything else is
 * skipped with a note, never guessed. Provider bindings become Terraform blocks (their config is the camelCase
 * of the HCL attributes) and go through the same mapping as HCL, so they lint exactly as the same HCL does.
 */
import { posix, resolve as resolvePath } from 'node:path';
import type { Project, SourceFile } from 'ts-morph';
import { isObject } from '../../model/build.js';
import { PositionIndex } from '../../model/positions.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';
import { readSourceFile, type ReadOptions } from '../yaml/parse.js';
import { cfnConstructsToRaw } from './aws-cdk.js';
import { BindingMapper } from './bindings.js';
import { RawBuilder } from './constructs.js';
import { StaticReader } from './static-reader.js';
import type { Note, Obj, TsMorph } from './values.js';

export async function readTypeScriptFiles(files: string[], opts: ReadOptions = {}): Promise<RawInput> {
  const tsm: TsMorph = await import('ts-morph');
  const project: Project = new tsm.Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, allowJs: false, noResolve: true },
  });
  const positions = new PositionIndex(files[0] ?? '<none>');
  const notes: Note[] = [];
  // In-memory path → the file name as the user gave it (locations report the latter).
  const displayName = new Map<string, string>();
  const sources: SourceFile[] = [];
  for (const file of files) {
    const text = readSourceFile(file, opts);
    positions.texts.set(file, text);
    const memPath = posix.normalize('/' + resolvePath(file).replace(/\\/g, '/').replace(/^[A-Za-z]:/, ''));
    displayName.set(memPath, file);
    let sf: SourceFile;
    try {
      sf = project.createSourceFile(memPath, text, { overwrite: true });
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      notes.push({ message: `skipped ${file}: it nests too deeply to read`, file, line: 1, column: 1 });
      continue;
    }
    // The parser's own diagnostics, which are a program's syntactic diagnostics for a .ts file (building a program
    // after each file made reading many files quadratic).
    const first = (sf.compilerNode as { parseDiagnostics?: readonly import('ts-morph').ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
    if (first) {
      const pos = sf.getLineAndColumnAtPos(first.start);
      const msg = first.messageText;
      const text = typeof msg === 'string' ? msg : msg.messageText;
      notes.push({ message: `skipped ${file}: TypeScript syntax error: ${text}`, file, line: pos.line, column: pos.column });
      continue;
    }
    sources.push(sf);
  }
  const reader = new StaticReader(tsm, sources, displayName, notes);
  return readDeclarations(reader, positions, notes);
}

/** The constructs, bindings and AWS CDK Cfn constructs a file set declares → one RawInput (tipkit's constructs first, then the bindings, then the Cfn constructs). */
function readDeclarations(reader: StaticReader, positions: PositionIndex, notes: Note[]): RawInput {
  const all = reader.findAll();
  let raw = new RawBuilder(reader, positions, notes).build(all.filter((d) => d.tfType === undefined && d.cfnType === undefined));
  const bindings = all.filter((d) => d.tfType !== undefined);
  if (bindings.length) raw = mergeRawInputs(raw, new BindingMapper(reader, notes).toRaw(bindings, positions));
  const cfn = all.filter((d) => d.cfnType !== undefined);
  if (cfn.length) raw = mergeRawInputs(raw, cfnConstructsToRaw(reader, cfn, positions));
  return raw;
}


/**
 * One RawInput of two (a file set with both tipkit constructs and provider bindings): the second's issuers,
 * applications, roles and AWS-managed applications follow the first's, with their positions and holes re-rooted.
 */
function mergeRawInputs(a: RawInput, b: RawInput): RawInput {
  if (!a.raw.applications && !a.raw.trustedTokenIssuers && !a.suppressions?.length) {
    return { ...b, notes: [...(a.notes ?? []), ...(b.notes ?? [])], holes: [...(a.holes ?? []), ...(b.holes ?? [])] };
  }
  const positions = a.positions;
  const holes = [...(a.holes ?? [])];
  const raw = a.raw;
  // The second input's application labels (an address, a logical id) follow the first's applications.
  const firstApplications = ((raw.applications as Obj[] | undefined) ?? []).length;
  const applicationLabels = b.applicationLabels?.length
    ? [...Array.from({ length: firstApplications }, (_, i) => a.applicationLabels?.[i]), ...b.applicationLabels]
    : a.applicationLabels;
  for (const section of ['trustedTokenIssuers', 'applications', 'roles'] as const) {
    const extra = (b.raw[section] ?? []) as Obj[];
    if (extra.length === 0) continue;
    const list = ((raw[section] as Obj[] | undefined) ??= []);
    const offset = list.length;
    extra.forEach((item, i) => {
      list.push(item);
      positions.absorb(b.positions, [section, i], [section, offset + i]);
    });
    for (const hole of b.holes ?? []) {
      if (hole[0] === section && typeof hole[1] === 'number') holes.push([section, hole[1] + offset, ...hole.slice(2)]);
    }
  }
  for (const hole of b.holes ?? []) if (hole[0] !== 'trustedTokenIssuers' && hole[0] !== 'applications' && hole[0] !== 'roles') holes.push(hole);
  for (const hole of b.holes ?? []) if (hole[0] === 'applications' && hole[1] === ANY_SEGMENT) holes.push(hole);
  const instance = isObject(b.raw.instance) ? b.raw.instance : {};
  if (raw.instance && Object.keys(raw.instance).length === 0 && Object.keys(instance).length > 0) {
    raw.instance = instance;
    positions.absorb(b.positions, ['instance'], ['instance']);
  }
  if (b.managedApplications?.length) positions.absorb(b.positions, ['managedApplications'], ['managedApplications']);
  return {
    raw,
    positions,
    suppressions: [...(a.suppressions ?? []), ...(b.suppressions ?? [])],
    notes: [...(a.notes ?? []), ...(b.notes ?? [])],
    holes,
    managedApplications: [...(a.managedApplications ?? []), ...(b.managedApplications ?? [])],
    roleUsages: [...(a.roleUsages ?? []), ...(b.roleUsages ?? [])],
    applicationLabels,
  };
}
