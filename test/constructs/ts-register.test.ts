// `node --import tipkit/ts-register main.ts` runs a cdktf TypeScript app as written (imports of './x.js' find x.ts),
// and TipkitChecks findings name the TypeScript line that created the construct (source maps), honouring a
// `// tipkit-ignore` comment above it. The fixture app lives in the repository so `import 'tipkit'` resolves.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const out = mkdtempSync(join(tmpdir(), 'tipkit-ts-register-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const fixture = resolve(import.meta.dirname, 'fixtures/insecure-app');
const lineOf = (file: string, needle: string): number => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

function runApp(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tipkit/ts-register', join(fixture, 'main.ts')], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_OUTDIR: out, ...env },
    timeout: 120_000,
  });
}

describe('tipkit/ts-register with TipkitChecks', () => {
  const grantLine = lineOf(join(fixture, 'stack.ts'), 'new ApplicationGrant(');

  it('fails synth with the finding at the redirect URI the grant was created with (where tipkit lint reports it)', () => {
    const r = runApp({});
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`[tipkit/code] redirect-uri-insecure: `);
    const uriColumn = readFileSync(join(fixture, 'stack.ts'), 'utf8').split('\n')[grantLine - 1]!.indexOf("'http://wiki.example.com/cb'") + 1;
    expect(uriColumn).toBeGreaterThan(5);
    expect(r.stderr).toContain(`(${join(fixture, 'stack.ts')}:${grantLine}:${uriColumn})`);
  });

  it('applies the tipkit-ignore comment above `new IdentityCenterApplication(`', () => {
    const r = runApp({ CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' });
    expect(r.stderr).toBe('');
    const annotations = (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: { constructPath: string; level: string; message: string }[] }> }).stacks
      .tipkit!.annotations.map(({ constructPath, level, message }) => ({ constructPath, level, rule: message.split(':')[0] }));
    expect(annotations).toEqual([
      // Reported (as info) only because the fixture asks for suppressed findings (reportSuppressed).
      { constructPath: 'tipkit/wiki', level: '@cdktf/info', rule: 'iam-auth-method-missing' },
      { constructPath: 'tipkit/code', level: '@cdktf/error', rule: 'redirect-uri-insecure' },
    ]);
    expect(readFileSync(join(out, 'stacks/tipkit/cdk.tf.json'), 'utf8')).toContain('"tipkit": "PutApplicationGrant"');
  });
});

describe('the compiler ts-register transpiles with', () => {
  it("is ts-morph's bundled TypeScript (a dependency), not the project's typescript, and it passes the check", async () => {
    const { checkTranspiler } = await import('../../constructs/ts-hooks.js');
    const { ts } = await import('ts-morph');
    expect(checkTranspiler(ts).version).toMatch(/^[56]\./);
  });

  it('a compiler without the JavaScript API (the typescript 7 package exports only its version) is one line', async () => {
    const { checkTranspiler } = await import('../../constructs/ts-hooks.js');
    expect(() => checkTranspiler({ version: '7.0.2' })).toThrow(
      /^tipkit\/ts-register: TypeScript 7\.0\.2 is not supported: it needs the TypeScript 5\.x or 6\.x compiler API \(transpileModule\)$/,
    );
    expect(() => checkTranspiler(undefined)).toThrow(/TypeScript unknown is not supported/);
  });
});
