/**
 * A literal token minted by a "real IdP" (here: jose with a key the scenario only knows through `jwks: FILE`),
 * in a scenario without `now`: the run starts at the wall clock, so the token is checked against its own time.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';

describe('a literal IdP token verified with a JWKS file', () => {
  it('is accepted in a scenario without now, and refused once it has expired', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-literal-'));
    copyFileSync(join(repoRoot, 'examples/okta-tip/tipkit.yaml'), join(dir, 'tipkit.yaml'));
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'okta-1', alg: 'RS256', use: 'sig' }] }));
    const token = await new SignJWT({ email: 'alice@example.com' })
      .setProtectedHeader({ alg: 'RS256', kid: 'okta-1' })
      .setIssuer('https://dev-123.okta.com/oauth2/default')
      .setAudience('0oa1analytics')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    const request = (name: string, after: string, expect: string) => `  - name: ${name}
    operation: CreateTokenWithIAM
    caller: backend
    after: ${after}
    input: { clientId: analytics-portal, grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: "${token}" }
    expect: ${expect}
`;
    writeFileSync(
      join(dir, 'scenario.yaml'),
      `version: 1
config: ./tipkit.yaml
identityStore:
  Users: [{ UserId: u-alice, UserName: alice, Emails: [{ Value: alice@example.com }] }]
  Groups: [{ GroupId: g-analysts, DisplayName: analysts, Members: [alice] }]
issuers:
  okta-prod: { jwks: ./jwks.json }
principals:
  backend: { Arn: arn:aws:iam::111122223333:role/AnalyticsBackend }
requests:
${request('now', '0s', '{ outcome: success }')}${request('in-an-hour', '1h', '{ outcome: error, error: InvalidGrantException }')}`,
    );
    const r = runCli(['simulate', join(dir, 'scenario.yaml'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [now, later] = JSON.parse(r.stdout).results;
    expect(now.trace.find((s: { check: string }) => s.check === 'signature')).toMatchObject({ ok: true });
    expect(later.trace.at(-1)).toMatchObject({ check: 'lifetime', ok: false });
  });
});
