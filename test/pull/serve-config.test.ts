// serve started from a config holds that config's state: pull gives the config back (ARNs aside) and drift of the
// config against it is in sync — for the emulator tests' config, with its jwt-bearer, token-exchange and
// authorization-code applications, group assignments and access scopes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { ensureDistBuilt } from '../helpers/cli.js';
import { principal, writeFixture, type Fixture } from '../emulator/helpers.js';
import { canonicalOf, runCliAsync, withoutArns } from './helpers.js';

let fixture: Fixture;
let emulator: RunningEmulator;
let env: Record<string, string>;
const work = mkdtempSync(join(tmpdir(), 'tipkit-pull-serve-'));
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';

beforeAll(async () => {
  ensureDistBuilt();
  fixture = await writeFixture();
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0 });
  const backend = principal(input.scenario.principals, 'backend');
  env = { AWS_ACCESS_KEY_ID: backend.accessKeyId!, AWS_SECRET_ACCESS_KEY: backend.secretAccessKey!, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' };
});
afterAll(async () => {
  await emulator?.close();
  rmSync(work, { recursive: true, force: true });
  if (fixture) rmSync(fixture.dir, { recursive: true, force: true });
});

describe('pull and drift of serve started from a config', () => {
  it('pull gives the config back, and drift finds it in sync', async () => {
    const out = join(work, 'pulled.yaml');
    const pulled = await runCliAsync(['pull', '--instance-arn', INSTANCE, '--endpoint', emulator.url, '--out', out, '--quiet'], { env });
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(withoutArns(await canonicalOf(out))).toEqual(withoutArns(await canonicalOf(fixture.configFile)));
    const drift = await runCliAsync(['drift', fixture.configFile, '--endpoint', emulator.url, '--format', 'json'], { env });
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(JSON.parse(drift.stdout)).toMatchObject({ tool: 'tipkit', command: 'drift', resources: [] });
  });
});
