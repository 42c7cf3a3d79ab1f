/** `tipkit access` as a user runs it: formats, --base as a file and as a git ref (a temporary repository), exit codes. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ensureDistBuilt, runCli } from '../helpers/cli.js';
import { sarifValidator } from '../linter/formatters/sarif-schema.js';
import { app, codeGrant, config, issuer, JWT, jwtGrant } from './support.js';

const before = config([app('portal', { Grants: [jwtGrant(['okta', ['aud-1']])] })], [issuer('okta')]);
const after = config([app('portal', { Grants: [jwtGrant(['okta', ['aud-1', 'aud-2']])] }), app('web', { Grants: [codeGrant('https://web.example.com/cb')] })], [issuer('okta')]);
const yaml = (raw: unknown) => stringify(raw, { lineWidth: 0 });

let dir: string;
const hasGit = spawnSync('git', ['--version']).status === 0;
const git = (...args: string[]) => {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
};

beforeAll(() => {
  ensureDistBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tipkit-access-cli-'));
  writeFileSync(join(dir, 'before.yaml'), yaml(before));
  if (!hasGit) return;
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'tipkit.yaml'), yaml(before));
  git('add', 'tipkit.yaml');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(dir, 'tipkit.yaml'), yaml(after));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tipkit access', () => {
  it('json: { tool, command: "access", paths } with every member of a path', () => {
    writeFileSync(join(dir, 'single.yaml'), yaml(before));
    const r = runCli(['access', 'single.yaml', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tool).toBe('tipkit');
    expect(doc.command).toBe('access');
    const jwt = doc.paths.find((p: { grantType: string }) => p.grantType === JWT);
    expect(jwt).toMatchObject({ from: 'okta', to: 'portal', audiences: ['aud-1'], users: 'everyone', via: [], source: { file: 'single.yaml' } });
    for (const key of ['from', 'to', 'grantType', 'audiences', 'callers', 'users', 'scopes', 'via', 'source']) expect(jwt).toHaveProperty(key);
    expect(doc).not.toHaveProperty('added');
  });

  it('--base FILE: added and widened in json; --fail-on-new-access exits 1, and 0 when nothing is new', () => {
    writeFileSync(join(dir, 'after.yaml'), yaml(after));
    const r = runCli(['access', 'after.yaml', '--base', 'before.yaml', '--format', 'json', '--fail-on-new-access'], { cwd: dir });
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.added.map((p: { to: string }) => p.to)).toContain('web');
    expect(doc.widened.find((w: { grantType: string }) => w.grantType === JWT).changes).toEqual([{ kind: 'audience', values: ['aud-2'] }]);
    expect(doc.removed).toEqual([]);
    expect(runCli(['access', 'before.yaml', '--base', 'after.yaml', '--fail-on-new-access'], { cwd: dir }).code).toBe(0);
  });

  it.skipIf(!hasGit)('--base REF reads the same paths at that commit (git ls-tree / cat-file)', () => {
    const r = runCli(['access', 'tipkit.yaml', '--base', 'HEAD', '--format', 'json'], { cwd: dir });
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.base).toBe('HEAD');
    expect(doc.added.map((p: { to: string }) => p.to)).toContain('web');
    expect(doc.widened.map((w: { to: string; grantType: string }) => `${w.to} ${w.grantType}`)).toEqual([`portal ${JWT}`]);
    expect(doc.removed).toEqual([]);
  });

  it.skipIf(!hasGit)('--base REF from a subdirectory, with the default path: the files of that directory at the commit', () => {
    const sub = join(dir, 'infra');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'tipkit.yaml'), yaml(before));
    git('add', 'infra/tipkit.yaml');
    git('commit', '-q', '-m', 'infra');
    writeFileSync(join(sub, 'tipkit.yaml'), yaml(after));
    const r = runCli(['access', '--base', 'HEAD', '--format', 'json', '--fail-on-new-access'], { cwd: sub });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.paths.every((p: { source: { file: string } }) => p.source.file === 'tipkit.yaml')).toBe(true);
    expect(doc.added.map((p: { to: string }) => p.to)).toContain('web');
    // The commit before infra/ existed: every path is new.
    const older = runCli(['access', '--base', 'HEAD~1', '--format', 'json'], { cwd: sub });
    expect(older.code).toBe(0);
    expect(JSON.parse(older.stdout).added.length).toBe(JSON.parse(older.stdout).paths.length);
  });

  it.skipIf(!hasGit)('--format sarif: rule new-access at the grant line, valid SARIF 2.1.0', () => {
    const r = runCli(['access', 'tipkit.yaml', '--base', 'HEAD', '--format', 'sarif'], { cwd: dir });
    expect(r.code).toBe(0);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['new-access']);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((x: { ruleId: string; level: string }) => x.ruleId === 'new-access' && x.level === 'warning')).toBe(true);
    const widened = results.find((x: { message: { text: string } }) => /audience aud-2/.test(x.message.text));
    expect(widened.locations[0].physicalLocation.artifactLocation.uri).toBe('tipkit.yaml');
    expect(widened.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
  });

  it.skipIf(!hasGit)('--format github: one annotation per new path; errors with --fail-on-new-access', () => {
    const r = runCli(['access', 'tipkit.yaml', '--base', 'HEAD', '--format', 'github', '--fail-on-new-access'], { cwd: dir });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.every((l) => /^::error file=tipkit\.yaml,line=\d+,col=\d+,title=new-access::/.test(l))).toBe(true);
    expect(r.stdout).toMatch(/web/);
  });

  it.skipIf(!hasGit)('--format markdown: new paths first, then a Mermaid flowchart with the new edges marked', () => {
    const r = runCli(['access', 'tipkit.yaml', '--base', 'HEAD', '--format', 'markdown'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text.indexOf('### New access')).toBeGreaterThan(-1);
    expect(text.indexOf('### New access')).toBeLessThan(text.indexOf('```mermaid'));
    expect(text).toMatch(/flowchart LR/);
    expect(text).toMatch(/==>\|"NEW /);
    expect(text).toMatch(/linkStyle [\d,]+ stroke:#d1242f/);
  });

  it('without --base, sarif is a valid log with no results and github prints nothing (a note says why)', () => {
    const sarif = runCli(['access', 'after.yaml', '--format', 'sarif'], { cwd: dir });
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(sarifValidator()(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
    expect(sarif.stderr).toMatch(/needs --base/);
    const github = runCli(['access', 'after.yaml', '--format', 'github'], { cwd: dir });
    expect(github.code).toBe(0);
    expect(github.stdout).toBe('');
  });

  it('dot and html render the graph', () => {
    const dot = runCli(['access', 'after.yaml', '--format', 'dot'], { cwd: dir });
    expect(dot.stdout).toMatch(/^digraph tipkit_access \{/);
    expect(dot.stdout).toMatch(/-> n\d+ \[label="jwt-bearer/);
    const html = runCli(['access', 'after.yaml', '--format', 'html', '--output', 'access.html'], { cwd: dir });
    expect(html.code).toBe(0);
    expect(existsSync(join(dir, 'access.html'))).toBe(true);
  });

  it('exit 2: an unknown ref, a schema violation, --fail-on-new-access without --base', () => {
    const ref = runCli(['access', 'after.yaml', '--base', 'no-such-ref-or-file'], { cwd: dir });
    expect(ref.code).toBe(2);
    expect(ref.stderr).toMatch(/no-such-ref-or-file/);
    writeFileSync(join(dir, 'broken.yaml'), 'version: 1\ninstance: { InstanceArn: x }\napplications:\n  - Name: a\n    Grants: nope\n');
    const broken = runCli(['access', 'broken.yaml'], { cwd: dir });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^tipkit: broken\.yaml:\d+:\d+: /);
    expect(broken.stdout).toBe('');
    expect(runCli(['access', 'after.yaml', '--fail-on-new-access'], { cwd: dir }).code).toBe(2);
  });
});
