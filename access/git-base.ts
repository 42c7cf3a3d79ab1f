/**
 * `--base REF`: the same paths as they were at a git commit, read with `git ls-tree` and `git cat-file` into a
 * temporary directory laid out like the work tree, so discovery, loading and file names match the current side.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InputError, UsageError } from '../model/errors.js';
import { inputKind } from '../inputs/index.js';

/** Files besides inputs that discovery uses: project roots for TypeScript (they group a cdktf app's files). */
const PROJECT_FILES = new Set(['package.json', 'tsconfig.json', 'cdktf.json']);

function git(args: string[], cwd: string, input?: string): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) throw new UsageError(`--base: git is not available (${(r.error as NodeJS.ErrnoException).code ?? r.error.message})`);
  return { ok: r.status === 0, stdout: r.stdout, stderr: r.stderr.toString('utf8').trim() };
}

export interface Checkout {
  /** The directory that stands for `cwd` at the commit. */
  cwd: string;
  dispose(): void;
}

/** Whether `ref` names a commit of the repository that holds `cwd`. */
export function isGitRef(ref: string, cwd: string): boolean {
  if (ref.startsWith('-')) return false;
  const r = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { cwd });
  return !r.error && r.status === 0;
}

/** Materialize `paths` (relative to cwd; default `.`) as of commit `ref`. */
export function checkoutPaths(ref: string, paths: readonly string[], cwd: string): Checkout {
  const top = git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) throw new UsageError(`--base ${ref}: ${cwd} is not inside a git repository, and no such file exists`);
  const root = top.stdout.toString('utf8').trim();
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  if (!commit.ok) throw new UsageError(`--base ${ref}: neither a file nor a commit of the repository at ${root}`);
  const sha = commit.stdout.toString('utf8').trim();

  const here = realpathSync(cwd);
  const specs = (paths.length > 0 ? paths : ['.']).map((p) => relative(root, resolve(here, p)).split(sep).join('/') || '.');
  // Project files above the listed paths (a package.json at the repository root) group a cdktf app's files.
  const above = new Set<string>();
  for (const spec of specs) {
    const parts = spec === '.' ? [] : spec.split('/').slice(0, -1);
    for (let n = 0; n <= parts.length; n++) for (const f of PROJECT_FILES) above.add([...parts.slice(0, n), f].join('/'));
  }
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', sha, '--', ...specs, ...above], root);
  if (!listing.ok) throw new InputError(`git ls-tree failed: ${listing.stderr}`, { file: ref });
  const blobs: { oid: string; path: string }[] = [];
  const seen = new Set<string>();
  for (const entry of listing.stdout.toString('utf8').split('\0')) {
    const m = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (!m || seen.has(m[2]!)) continue;
    seen.add(m[2]!);
    refuseEscapingEntry(m[2]!, ref);
    const name = m[2]!.slice(m[2]!.lastIndexOf('/') + 1);
    if (inputKind(name) !== undefined || PROJECT_FILES.has(name)) blobs.push({ oid: m[1]!, path: m[2]! });
  }
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-access-base-'));
  try {
    const contents = catFiles(root, blobs.map((b) => b.oid));
    blobs.forEach((b, i) => {
      const file = join(dir, ...b.path.split('/'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, contents[i]!);
    });
    const base = join(dir, relative(root, here));
    mkdirSync(base, { recursive: true });
    return { cwd: base, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Git itself never records `..`, `.`, an empty name or `.git` in a tree, but `git mktree` writes whatever it is
 * given: such an entry would be written outside (or into the metadata of) the temporary checkout.
 */
function refuseEscapingEntry(path: string, ref: string): void {
  const bad = path.split('/').find((part) => part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git' || (sep === '\\' && part.includes('\\')));
  if (bad !== undefined || isAbsolute(path)) throw new InputError(`tree entry '${path}' names a place outside the repository; refusing to check it out`, { file: ref });
}

/** Blob contents by object id, in one `git cat-file --batch`. */
function catFiles(root: string, oids: readonly string[]): Buffer[] {
  if (oids.length === 0) return [];
  const r = git(['cat-file', '--batch'], root, `${oids.join('\n')}\n`);
  if (!r.ok) throw new InputError(`git cat-file failed: ${r.stderr}`, { file: root });
  const out: Buffer[] = [];
  let at = 0;
  for (const oid of oids) {
    const eol = r.stdout.indexOf(10, at);
    const header = r.stdout.subarray(at, eol).toString('utf8');
    const size = Number(/^[0-9a-f]+ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isFinite(size)) throw new InputError(`git cat-file: unexpected answer for ${oid}: ${header}`, { file: root });
    out.push(r.stdout.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return out;
}
