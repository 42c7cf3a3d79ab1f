/** The contract's own example (spec §1 config + §4 scenario) gives the summary the contract prints. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

describe('the spec example', () => {
  it('meets both expectations: login succeeds, the exchange to the undeclared redshift-app is an invalid grant', () => {
    const r = runCli(['simulate', 'test/fixtures/spec/scenario.yaml', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary).toEqual({ requests: 2, succeeded: 1, failed: 1, expectationsMet: 2, expectationsFailed: 0 });
    const [login, exchange] = report.results;
    expect(login).toMatchObject({ name: 'login', outcome: 'success', error: null, response: { tokenType: 'Bearer', expiresIn: 3600, scope: ['redshift:connect'] } });
    expect(exchange.error).toMatchObject({ type: 'InvalidGrantException', error: 'invalid_grant' });
    expect(exchange.trace.at(-1)).toMatchObject({ check: 'client', ok: false });
  });

  it('a clientId that the config names nowhere is still an invalid client', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-spec-'));
    copyFileSync(join(repoRoot, 'test/fixtures/spec/tipkit.yaml'), join(dir, 'tipkit.yaml'));
    const scenario = readFileSync(join(repoRoot, 'test/fixtures/spec/scenario.yaml'), 'utf8').replace('clientId: redshift-app', 'clientId: no-such-app');
    writeFileSync(join(dir, 'scenario.yaml'), scenario.replace('error: InvalidGrantException', 'error: InvalidClientException'));
    const r = runCli(['simulate', join(dir, 'scenario.yaml'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).results[1].error).toMatchObject({ type: 'InvalidClientException', error: 'invalid_client' });
  });
});
