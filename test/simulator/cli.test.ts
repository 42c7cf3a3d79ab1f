/** `tipkit simulate` as users run it: the examples, JSON shape, exit codes 0/1/2, file:line:col on bad scenarios. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'tipkit-simulate-'));
copyFileSync(join(repoRoot, 'examples/okta-tip/tipkit.yaml'), join(work, 'tipkit.yaml'));

/** Write a scenario beside the okta-tip config; `body` is YAML below the common header. */
function scenario(name: string, body: string): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
config: ./tipkit.yaml
now: 2026-11-23T12:00:00Z
identityStore:
  Users:
    - { UserId: u-alice, UserName: alice, Emails: [{ Value: alice@example.com }] }
  Groups:
    - { GroupId: g-analysts, DisplayName: analysts, Members: [alice] }
issuers:
  okta-prod: { generateKey: ES256 }
principals:
  backend: { Arn: arn:aws:iam::111122223333:role/AnalyticsBackend }
${body}`,
  );
  return file;
}

const LOGIN = `  - name: login
    operation: CreateTokenWithIAM
    caller: backend
    input:
      clientId: analytics-portal
      grantType: urn:ietf:params:oauth:grant-type:jwt-bearer
      assertion:
        jwt: { issuer: okta-prod, claims: { email: alice@example.com, aud: 0oa1analytics } }
`;

describe('tipkit simulate', () => {
  for (const example of ['okta-tip', 'web-app', 'device-cli']) {
    it(`exits 0 on examples/${example}/scenario.yaml`, () => {
      const r = runCli(['simulate', `examples/${example}/scenario.yaml`]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/expectations: \d+ met, 0 failed/);
      expect(r.stdout).not.toMatch(/✗/);
    });
  }

  it('prints the spec JSON shape', () => {
    const r = runCli(['simulate', 'examples/okta-tip/scenario.yaml', '--format', 'json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['tool', 'command', 'results', 'summary']);
    expect(report).toMatchObject({ tool: 'tipkit', command: 'simulate' });
    expect(Object.keys(report.summary)).toEqual(['requests', 'succeeded', 'failed', 'expectationsMet', 'expectationsFailed']);
    const [login] = report.results;
    expect(Object.keys(login)).toEqual(['name', 'operation', 'outcome', 'response', 'error', 'trace', 'expectation']);
    expect(login).toMatchObject({ name: 'login', operation: 'CreateTokenWithIAM', outcome: 'success', error: null, expectation: { met: true } });
    expect(login.response).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, scope: ['redshift:connect'] });
    expect(login.trace[0]).toEqual({ check: 'input', ok: true, detail: expect.any(String) });
    const refused = report.results.find((x: { name: string }) => x.name === 'wrong-audience');
    expect(refused.error).toEqual({ type: 'InvalidGrantException', error: 'invalid_grant', error_description: expect.stringMatching(/AuthorizedAudiences/) });
    expect(refused.response).toBeNull();
    expect(report.summary.requests).toBe(report.results.length);
  });

  it('exits 1 when an expectation fails, names the failing check, and shortens tokens in text', () => {
    const file = scenario('fails', `requests:\n${LOGIN}    expect: { outcome: error, error: InvalidGrantException }\n  - name: wrong\n    operation: CreateTokenWithIAM\n    caller: backend\n    input: { clientId: analytics-portal, grantType: refresh_token, refreshToken: nope }\n    expect: { outcome: success }\n`);
    const r = runCli(['simulate', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^✗ login \(CreateTokenWithIAM\): success accessToken=aoa.{3}….{4} /m);
    expect(r.stdout).toMatch(/expectation not met: expected error, got success/);
    expect(r.stdout).toMatch(/^✗ wrong \(CreateTokenWithIAM\): InvalidGrantException at check 'refresh-token': /m);
    expect(r.stdout).toMatch(/2 requests: 1 succeeded, 1 failed; expectations: 0 met, 2 failed/);
    const json = JSON.parse(runCli(['simulate', file, '--format', 'json']).stdout);
    expect(json.results[0].expectation).toMatchObject({ met: false });
  });

  it('--verbose prints every check; --quiet prints only failures; --output writes the file', () => {
    const verbose = runCli(['simulate', 'examples/okta-tip/scenario.yaml', '--verbose']);
    expect(verbose.stdout).toMatch(/^ {4}✓ caller: arn:aws:iam::111122223333:role\/AnalyticsBackend may call/m);
    expect(verbose.stdout).toMatch(/^ {4}✗ audience: /m);
    const quiet = runCli(['simulate', 'examples/okta-tip/scenario.yaml', '--quiet']);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    const out = join(work, 'report.json');
    const written = runCli(['simulate', 'examples/web-app/scenario.yaml', '--format', 'json', '--output', out]);
    expect(written.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).summary.expectationsFailed).toBe(0);
  });

  it('--config overrides the scenario config', () => {
    const file = scenario('override', `requests:\n${LOGIN}    expect: { outcome: error, error: InvalidClientException }\n`);
    const r = runCli(['simulate', file, '--config', 'examples/web-app/tipkit.yaml', '--format', 'json']);
    // The web-app config has no okta-prod issuer, so the scenario's `issuers` no longer resolves.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/override\.yaml:\d+:\d+: issuer 'okta-prod' is not a trusted token issuer Name in the config/);
  });

  it('a garbage literal assertion is the AWS error, not a scenario error', () => {
    const file = scenario('garbage', `requests:\n  - name: g\n    operation: CreateTokenWithIAM\n    caller: backend\n    input: { clientId: analytics-portal, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "garbage.not.jwt" }\n    expect: { outcome: error, error: InvalidGrantException }\n`);
    const r = runCli(['simulate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('takes an IAM ARN as the caller as well as a principal name', () => {
    const file = scenario('arn-caller', `requests:\n${LOGIN.replace('caller: backend', 'caller: arn:aws:iam::111122223333:role/AnalyticsBackend')}    expect: { outcome: success }\n  - name: stranger\n${LOGIN.split('\n').slice(1).join('\n').replace('caller: backend', 'caller: arn:aws:iam::999988887777:role/Stranger')}    expect: { outcome: error, error: AccessDeniedException }\n`);
    const r = runCli(['simulate', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  const bad: [string, string, RegExp][] = [
    ['unknown key', `requests:\n${LOGIN}    expected: { outcome: success }\n`, /:22:5: scenario: unknown key 'expected' in item 0 of requests; expected one of: name, operation, caller, after, input, expect/],
    ['unknown operation', `requests:\n  - name: x\n    operation: CreateTokenWithSAML\n`, /:15:16: scenario: 'operation' must be one of/],
    ['caller not in principals', `requests:\n${LOGIN.replace('caller: backend', 'caller: frontend')}`, /:16:13: caller 'frontend' is neither one of the principals \(backend\) nor an IAM role or user ARN/],
    ['jwt issuer not in issuers', `requests:\n${LOGIN.replace('issuer: okta-prod', 'issuer: auth0')}`, /:21:24: jwt issuer 'auth0' is not one of the scenario's issuers/],
    ['reference to a later request', `requests:\n  - name: x\n    operation: CreateTokenWithIAM\n    caller: backend\n    input: { clientId: redshift-app, grantType: refresh_token, refreshToken: "\${login.refreshToken}" }\n${LOGIN}`, /:17:78: reference '\$\{login\.refreshToken\}' names no earlier request/],
    ['bad after', `requests:\n${LOGIN}    after: soon\n`, /:22:12: 'after' must be a duration/],
    ['unknown input member', `requests:\n  - name: x\n    operation: CreateToken\n    input: { clientId: a, clientSecret: b, grantType: c, assertion: d }\n`, /:16:58: unknown CreateToken input member 'assertion'/],
    ['garbage assertion expected to succeed', `requests:\n  - name: g\n    operation: CreateTokenWithIAM\n    caller: backend\n    input: { clientId: analytics-portal, grantType: x, assertion: "garbage" }\n    expect: { outcome: success }\n`, /:17:67: assertion is not a well-formed JWT/],
    ['unknown expected error name', `requests:\n${LOGIN}    expect: { outcome: error, error: InvalidGrant }\n`, /:22:38: expect.error 'InvalidGrant' is not an SSO OIDC exception/],
    ['invalid YAML', `requests: [\n`, /:14:1: invalid YAML/],
  ];
  for (const [title, body, message] of bad) {
    it(`exits 2 with file:line:col on ${title}`, () => {
      const file = scenario(title.replace(/\W+/g, '-'), body);
      const r = runCli(['simulate', file]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toMatch(message);
    });
  }

  it('exits 2 on a config that breaks its schema, a missing scenario, and a missing config', () => {
    writeFileSync(join(work, 'broken.yaml'), 'version: 1\ninstance: { InstanceArn: "arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d" }\napplications:\n  - Name: a\n    Colour: blue\n');
    const file = scenario('broken-config', `requests: []\n`).replace(/$/, '');
    writeFileSync(file, readFileSync(file, 'utf8').replace('config: ./tipkit.yaml', 'config: ./broken.yaml').replace(/issuers:\n.*\n/, ''));
    const r = runCli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:5:5: unknown key 'Colour'/);
    expect(runCli(['simulate', join(work, 'nope.yaml')]).code).toBe(2);
    const noConfig = join(work, 'no-config.yaml');
    writeFileSync(noConfig, 'version: 1\nconfig: ./missing.yaml\nrequests: []\n');
    const m = runCli(['simulate', noConfig]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/no-config\.yaml:2:9: config file \.\/missing\.yaml not found/);
  });

  it('exits 2 on usage errors', () => {
    expect(runCli(['simulate']).code).toBe(2);
    expect(runCli(['simulate', 'examples/okta-tip/scenario.yaml', '--format', 'sarif']).code).toBe(2);
    expect(runCli(['simulate', 'examples/okta-tip/scenario.yaml', '--bogus']).code).toBe(2);
  });
});
