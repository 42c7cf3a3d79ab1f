// README and docs examples run as written against the bundled examples. A fenced block preceded by
// `<!-- docs-example: NAME -->` is extracted and run here: shell blocks through bash with `tipkit` on PATH (as
// `npm install tipkit` puts it in node_modules/.bin), in a fresh directory holding a copy of examples/; the
// TypeScript block with `node --import tipkit/ts-register`. A `tipkit serve` line is started in the background
// and waited for, as a reader runs it in another terminal.
//
// Substitutions, because tests on a shared machine cannot own a fixed port: serve listens on a free port
// (`--port 0`) and `127.0.0.1:8917` in the other commands becomes that address; a placeholder user code becomes
// the one StartDeviceAuthorization returned. Commands of the AWS CLI are
// skipped, saying why, where no AWS CLI with sso-admin's application operations is installed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { awsCliMissing } from '../helpers/aws-cli.js';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

const DOCS = ['README.md', 'docs/serve.md', 'docs/control-plane.md'];
const work = mkdtempSync(join(tmpdir(), 'tipkit-docs-'));
const bin = join(work, 'bin');
const ADMIN_TOKEN = 'docs-example-admin-token-0123456789';
const awsMissing = awsCliMissing();
const running: ChildProcess[] = [];

beforeAll(() => {
  ensureDistBuilt();
  mkdirSync(bin);
  symlinkSync(join(repoRoot, 'bin/tipkit.js'), join(bin, 'tipkit'));
});
afterEach(() => {
  for (const p of running.splice(0)) if (p.exitCode === null) p.kill('SIGTERM');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Every marked block of the docs: name → { lang, code, doc }. */
function markedBlocks(): Map<string, { lang: string; code: string; doc: string }> {
  const blocks = new Map<string, { lang: string; code: string; doc: string }>();
  for (const doc of DOCS) {
    const text = readFileSync(join(repoRoot, doc), 'utf8');
    for (const m of text.matchAll(/<!-- docs-example: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g)) {
      expect(blocks.has(m[1]!), `two blocks named ${m[1]}`).toBe(false);
      blocks.set(m[1]!, { lang: m[2]!, code: m[3]!, doc });
    }
  }
  return blocks;
}
const blocks = markedBlocks();
const block = (name: string) => {
  const b = blocks.get(name);
  if (!b) throw new Error(`no block marked docs-example: ${name}`);
  return b;
};

/** A fresh directory with the bundled examples, as a reader's checkout (or `node_modules/tipkit/`) has them. */
function freshDir(): string {
  const dir = mkdtempSync(join(work, 'run-'));
  cpSync(join(repoRoot, 'examples'), join(dir, 'examples'), { recursive: true });
  return dir;
}

/** The environment of a reader's shell; an `undefined` in `extra` unsets that variable. */
const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
  const out: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', TIPKIT_ADMIN_TOKEN: ADMIN_TOKEN, ...extra };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete out[k];
  return out;
};

/** The commands of a shell block: continuation lines joined, comments dropped. */
function commands(code: string): string[] {
  return code
    .replace(/\\\n\s*/g, '')
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** `tipkit serve ARGS` on a free port; resolves with its address once it listens. */
function startServe(args: string, cwd: string, extraEnv: Record<string, string | undefined> = {}): Promise<{ address: string; stderr: () => string; stdout: () => string }> {
  const proc = spawn('/bin/sh', ['-c', `exec ${args.replace(/ --port \d+/, '')} --port 0`], { cwd, env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(proc);
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    proc.stdout!.on('data', (c) => {
      stdout += c;
      const m = /listening on http:\/\/(127\.0\.0\.1:\d+)/.exec(stdout);
      if (m && /pages: /.test(stdout)) resolve({ address: m[1]!, stderr: () => stderr, stdout: () => stdout });
    });
    proc.on('exit', (code) => reject(new Error(`${args} exited ${code}: ${stderr}`)));
  });
}

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
}

function sh(preamble: string[], command: string, cwd: string, address: string, extraEnv: Record<string, string> = {}) {
  const script = [...preamble, command.replaceAll('127.0.0.1:8917', address)].join('\n');
  return spawnSync('bash', ['-eo', 'pipefail', '-c', script], { cwd, env: env(extraEnv), encoding: 'utf8', timeout: 120_000 });
}

describe('docs examples', () => {
  it('the marked blocks are there (a renamed or dropped marker fails here, not silently)', () => {
    expect([...blocks.keys()].sort()).toEqual(['control-plane', 'control-plane-list', 'in-process', 'sdk-create-token', 'serve-admin', 'serve-health', 'serve-jwt', 'serve-start', 'simulate']);
  });

  it('README: the three simulate commands pass on the okta-tip example', () => {
    const cwd = freshDir();
    for (const command of commands(block('simulate').code)) {
      const r = sh([], command.replace(/^npx /, ''), cwd, '');
      expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
      // Exit 0 is every expectation met; the text forms also say so.
      if (!command.includes('--format json')) expect(r.stdout).toContain('expectations: 9 met, 0 failed');
    }
  });

  it('README: the SDK snippet gets a token from serve of the okta-tip example', async () => {
    const cwd = freshDir();
    const serve = await startServe('tipkit serve --scenario examples/okta-tip/scenario.yaml', cwd);
    // Written inside the repository, so that '@aws-sdk/client-sso-oidc' resolves as in a consumer project.
    const dir = mkdtempSync(join(repoRoot, '.docs-example-'));
    try {
      const file = join(dir, 'sdk-create-token.ts');
      writeFileSync(file, block('sdk-create-token').code);
      const r = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', file], { cwd: repoRoot, env: env({ TIPKIT_ENDPOINT: `http://${serve.address}` }), encoding: 'utf8', timeout: 120_000 });
      // The SDK's own notice that it will drop Node 20 is the only thing allowed on stderr.
      expect(r.stderr.replace(/^\(node:\d+\) Warning: NodeVersionSupportWarning:[\s\S]*?\(Use `node --trace-warnings[^\n]*\n/m, '')).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^access token aoa\S{3}…, id token too\n$/);
      await until(() => serve.stderr().includes('CreateTokenWithIAM'));
      expect(serve.stderr()).toMatch(/CreateTokenWithIAM.*200/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('README: the in-process emulator starts on the okta-tip example, answers, and closes', () => {
    // Run from the repository root, where examples/ is and `tipkit/emulator` resolves to this package.
    const dir = mkdtempSync(join(repoRoot, '.docs-example-'));
    try {
      const file = join(dir, 'in-process.ts');
      writeFileSync(file, block('in-process').code);
      const r = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', file], { cwd: repoRoot, env: env(), encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r).toMatchObject({ status: 0, stdout: '200\n' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('README: the control-plane block (serve --state in a fresh directory, aws, pull, drift)', () => {
    const lines = commands(block('control-plane').code);
    const preamble = lines.filter((l) => l.startsWith('export '));
    const serveLine = lines.find((l) => l.startsWith('tipkit serve '))!;
    const rest = lines.filter((l) => !l.startsWith('export ') && l !== serveLine);

    it('names serve with a --state in a folder that does not exist yet, the AWS CLI, pull and drift', () => {
      expect(serveLine).toContain('--state .tipkit/state.json');
      expect(rest.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['aws sso-admin', 'tipkit pull', 'tipkit drift']);
    });

    it.skipIf(awsMissing !== undefined)(`the AWS CLI reads the grant from serve${awsMissing ? ` (skipped: ${awsMissing})` : ''}`, async () => {
      const cwd = freshDir();
      const serve = await startServe(serveLine, cwd);
      const r = sh(preamble, rest.find((l) => l.startsWith('aws '))!, cwd, serve.address);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ Grant: { RefreshToken: {} } });
    });

    it('pull writes the config of serve, drift finds the example in sync, in the folder serve created for its state', async () => {
      const cwd = freshDir();
      const serve = await startServe(serveLine, cwd);
      // serve started although .tipkit/ did not exist: it made the folder (as lint -o does).
      expect(existsSync(join(cwd, '.tipkit'))).toBe(true);
      const pull = sh(preamble, rest.find((l) => l.startsWith('tipkit pull'))!, cwd, serve.address);
      expect(pull.status, pull.stderr).toBe(0);
      expect(readFileSync(join(cwd, 'pulled.yaml'), 'utf8')).toMatch(/Name: analytics-portal/);
      const drift = sh(preamble, rest.find((l) => l.startsWith('tipkit drift'))!, cwd, serve.address);
      expect(drift.stdout).toMatch(/^in sync: \d+ resource\(s\) of examples\/okta-tip\/tipkit\.yaml match/);
      expect(drift.status, drift.stderr).toBe(0);
    });

    it('a second start from the state file says that the state wins, and when the config changed since', async () => {
      const cwd = freshDir();
      const first = await startServe(serveLine, cwd);
      // A change through the control plane writes the state file.
      const put = sh(preamble, `tipkit aws sso-admin delete-application-grant --endpoint-url http://127.0.0.1:8917 --region us-east-1 --application-arn arn:aws:sso::957273030341:application/ssoins-7223e2ee1a2b3c4d/apl-57a567d8c2a75533 --grant-type refresh_token`, cwd, first.address);
      expect(put.status, put.stderr).toBe(0);
      expect(existsSync(join(cwd, '.tipkit/state.json'))).toBe(true);
      for (const p of running.splice(0)) p.kill('SIGTERM');
      const config = join(cwd, 'examples/okta-tip/tipkit.yaml');
      writeFileSync(config, `${readFileSync(config, 'utf8')}# edited\n`);
      const second = await startServe(serveLine, cwd);
      await until(() => second.stderr().includes('state loaded'));
      expect(second.stderr()).toContain(
        "tipkit serve: state loaded from .tipkit/state.json: 2 application(s), 1 trusted token issuer(s); examples/okta-tip/tipkit.yaml changed since, and its changes are not applied (delete .tipkit/state.json to start from the config)",
      );
    });
  });

  it.skipIf(awsMissing !== undefined)(`docs/control-plane.md: the AWS CLI lists the okta-tip applications${awsMissing ? ` (skipped: ${awsMissing})` : ''}`, async () => {
    const cwd = freshDir();
    const lines = commands(block('control-plane-list').code);
    const serve = await startServe(lines.find((l) => l.startsWith('tipkit serve '))!, cwd);
    const r = sh(lines.filter((l) => l.startsWith('export ')), lines.find((l) => l.startsWith('aws '))!, cwd, serve.address);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { Applications: { Name: string }[] }).Applications.map((a) => a.Name).sort()).toEqual(['analytics-portal', 'redshift-app']);
  });

  it('docs/serve.md: health and jwt answer as shown, on the okta-tip example', async () => {
    const cwd = freshDir();
    const serve = await startServe('tipkit serve --scenario examples/okta-tip/scenario.yaml', cwd);
    const health = sh([], commands(block('serve-health').code)[0]!, cwd, serve.address);
    expect(health.stdout).toBe('{"status":"ok"}');
    const jwt = sh([], commands(block('serve-jwt').code)[0]!, cwd, serve.address);
    expect(jwt.status, jwt.stderr).toBe(0);
    expect(JSON.parse(jwt.stdout).jwt).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('README: serve starts and prints what the Serve section shows, in an example folder', async () => {
    const cwd = freshDir();
    const [line] = commands(block('serve-start').code);
    // As the section shows it: no TIPKIT_ADMIN_TOKEN in the environment, so serve makes and prints one.
    const serve = await startServe(line!, join(cwd, 'examples', 'okta-tip'), { TIPKIT_ADMIN_TOKEN: undefined });
    const out = serve.stdout().split('\n');
    expect(out[0]).toBe(`tipkit serve listening on http://${serve.address}`);
    expect(out[1]).toMatch(/^tipkit serve admin token: \S+$/);
    expect(out[2]).toMatch(new RegExp(`^tipkit serve pages: http://${serve.address.replace(/\./g, '\\.')}/device\\?admin_token=\\S+$`));
    // The documented output, with the example's port and token.
    const documented = block('serve-start').code.split('\n').filter((l) => l.startsWith('# ')).map((l) => l.slice(2).replace(/127\.0\.0\.1:8917/, serve.address).replace(/(admin token: |admin_token=)\S+/, '$1TOKEN'));
    expect(out.slice(0, 3).map((l) => l.replace(/(admin token: |admin_token=)\S+/, '$1TOKEN'))).toEqual(documented);
  });

  it('README: the admin routes approve a device code and mint an assertion, with the exported token', async () => {
    const cwd = freshDir();
    const lines = commands(block('serve-admin').code);
    // The block's first line makes the token serve is started with.
    const token = sh([lines[0]!], 'printf %s "$TIPKIT_ADMIN_TOKEN"', cwd, '').stdout;
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const serve = await startServe('tipkit serve --scenario examples/okta-tip/scenario.yaml', cwd, { TIPKIT_ADMIN_TOKEN: token });
    const { SSOOIDCClient, RegisterClientCommand, StartDeviceAuthorizationCommand } = await import('@aws-sdk/client-sso-oidc');
    const oidc = new SSOOIDCClient({ region: 'us-east-1', endpoint: `http://${serve.address}`, credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' } });
    const client = await oidc.send(new RegisterClientCommand({ clientName: 'docs', clientType: 'public' }));
    const device = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: client.clientId, clientSecret: client.clientSecret, startUrl: 'https://example.awsapps.com/start' }));
    const approve = sh([], lines[1]!.replace('ABCD-EFGH', device.userCode!), cwd, serve.address, { TIPKIT_ADMIN_TOKEN: token });
    expect(approve.status, approve.stderr).toBe(0);
    expect(JSON.parse(approve.stdout)).toEqual({ approved: true });
    const jwt = sh([], lines[2]!, cwd, serve.address, { TIPKIT_ADMIN_TOKEN: token });
    expect(jwt.status, jwt.stderr).toBe(0);
    expect(JSON.parse(jwt.stdout).jwt).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
