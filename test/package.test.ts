// The npm package stands alone: what README and docs/ link to is in the tarball, the license and the project's
// addresses are there, and every rule's help URL names a rule page that the repository and the tarball hold.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ruleCatalog } from '../linter/index.js';
import { PROJECT_URL, ruleHelpUri } from '../linter/formatters/rule-docs.js';
import { repoRoot } from './helpers/cli.js';

const pkg = JSON.parse(readFileSync(`${repoRoot}/package.json`, 'utf8')) as Record<string, any>;
let shipped: Set<string>;

beforeAll(() => {
  // What `npm pack` would put in the tarball (dist/ only if built; the links below never point into it).
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  shipped = new Set((JSON.parse(r.stdout.slice(r.stdout.indexOf('['))) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path));
});

const inTarball = (path: string): boolean => shipped.has(path) || [...shipped].some((f) => f.startsWith(`${path}/`));

function relativeLinks(doc: string): { link: string; target: string }[] {
  const text = readFileSync(`${repoRoot}/${doc}`, 'utf8');
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#'))
    .map((link) => ({ link, target: posix.normalize(posix.join(posix.dirname(doc), link.split('#')[0]!)).replace(/\/$/, '') }));
}

describe('the package', () => {
  it("every relative link in README.md resolves inside the tarball, and none leaves the repository", () => {
    const links = relativeLinks('README.md');
    expect(links.length).toBeGreaterThan(10);
    // docs/serve.md (the serve reference) is written on its own branch: until it is merged it cannot be shipped.
    const pending = (target: string): boolean => target === 'docs/serve.md' && !existsSync(`${repoRoot}/${target}`);
    const missing = links.filter(({ target }) => target.startsWith('..') || (!inTarball(target) && !pending(target)));
    expect(missing).toEqual([]);
  });

  it('every relative link in the shipped docs resolves inside the tarball', () => {
    const docs = [...shipped].filter((f) => f.startsWith('docs/') && f.endsWith('.md'));
    expect(docs).toEqual(expect.arrayContaining(['docs/config.md', 'docs/scenario.md', 'docs/output.md', 'docs/rules/README.md']));
    const missing = docs.flatMap((doc) => relativeLinks(doc).filter(({ target }) => !inTarball(target)).map((l) => `${doc} → ${l.link}`));
    expect(missing).toEqual([]);
  });

  it('ships the Apache-2.0 license text and says where the project lives', () => {
    expect(shipped.has('LICENSE')).toBe(true);
    expect(pkg.license).toBe('Apache-2.0');
    expect(readFileSync(`${repoRoot}/LICENSE`, 'utf8')).toMatch(/Apache License\s+Version 2\.0, January 2004[\s\S]*END OF TERMS AND CONDITIONS/);
    expect(pkg.homepage).toBe(`${PROJECT_URL}#readme`);
    expect(pkg.repository).toEqual({ type: 'git', url: `git+${PROJECT_URL}.git` });
    expect(pkg.bugs).toEqual({ url: `${PROJECT_URL}/issues` });
  });

  it("every rule's help URL is its page in the repository, and the tarball holds that page", () => {
    for (const rule of ruleCatalog()) {
      const uri = ruleHelpUri(rule.meta.id);
      expect(uri.startsWith(`${PROJECT_URL}/blob/main/`)).toBe(true);
      expect(shipped.has(uri.slice(`${PROJECT_URL}/blob/main/`.length)), uri).toBe(true);
    }
  });

  it('the CDK (cdktf or cdktn), its AWS provider and constructs are peer dependencies (one copy shared with the app)', () => {
    for (const name of ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-aws', '@cdktn/provider-aws']) {
      expect(pkg.peerDependencies[name]).toBeDefined();
      expect(pkg.dependencies[name]).toBeUndefined();
    }
    // Either library will do, so neither is installed unasked (npm 7+ installs required peers); lint needs none.
    for (const name of ['cdktf', 'cdktn', '@cdktf/provider-aws', '@cdktn/provider-aws']) expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
    expect(pkg.peerDependenciesMeta.constructs).toBeUndefined();
    expect(pkg.dependencies.typescript).toBeUndefined();
    expect(pkg.peerDependencies.typescript).toBeUndefined();
  });

  it('the installed cdktf and cdktn both fit the constructs peer range of tipkit and of each library', () => {
    const installed = (name: string) => JSON.parse(readFileSync(`${repoRoot}/node_modules/${name}/package.json`, 'utf8')) as { version: string; peerDependencies?: Record<string, string> };
    const constructs = installed('constructs').version;
    const [major, minor] = constructs.split('.').map(Number) as [number, number];
    expect(pkg.peerDependencies.constructs).toBe('^10.6.0');
    expect(major === 10 && minor >= 6).toBe(true);
    // cdktn 0.24 asks for >=10.6.0 <10.8.0; a constructs outside it would break a CDK Terrain app.
    expect(installed('cdktn').peerDependencies?.constructs).toBe('>=10.6.0 <10.8.0');
    expect(minor).toBeLessThan(8);
  });

  it('installs without running a script in the consumer: no install lifecycle script (npm 11 warns about them)', () => {
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script], script).toBeUndefined();
    expect(pkg.scripts.prepack).toBe('npm run build');
  });
});
