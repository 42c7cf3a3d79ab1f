/** The rule registry against the contract (spec §3), the rule docs against the rules, and the fixture trees. */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../inputs/load.js';
import { lintPaths } from '../../../linter/index.js';
import { allRules, ruleById } from '../../../linter/rules/index.js';
import { HEAD, lintText } from '../../helpers/rule-tester.js';

/** spec §3 "Rules that must exist, by these names". */
const CONTRACT: Record<string, 'error' | 'warning' | 'note'> = {
  'grant-union-mismatch': 'error',
  'grant-type-unknown': 'error',
  'redirect-uris-required': 'error',
  'redirect-uri-invalid': 'error',
  'redirect-uri-insecure': 'error',
  'authorized-token-issuers-required': 'error',
  'authorized-audiences-required': 'error',
  'token-issuer-unresolved': 'error',
  'duplicate-grant': 'error',
  'issuer-url-invalid': 'error',
  'issuer-url-trailing-slash': 'warning',
  'issuer-duplicate-url': 'error',
  'jmespath-invalid': 'error',
  'identity-store-attribute-unsupported': 'error',
  'issuer-config-union-mismatch': 'error',
  'issuer-unused': 'warning',
  'token-exchange-unreachable': 'warning',
  'iam-auth-method-missing': 'warning',
  'access-scope-target-unresolved': 'error',
  'secret-in-config': 'error',
  'assignment-required-without-assignments': 'warning',
  'schema-violation': 'error',
};

/** Rules whose findings do not come from linting a config (the engine turns reader notes into them). */
// input-skipped comes from readers' notes; identity-center-instance-arn-invalid from service resources (Terraform, CloudFormation).
const NOT_FROM_CONFIG = new Set(['input-skipped', 'identity-center-instance-arn-invalid']);

describe('rule registry', () => {
  it('has every contract rule with its severity', () => {
    for (const [id, severity] of Object.entries(CONTRACT)) {
      expect(ruleById.get(id)?.meta.severity, id).toBe(severity);
    }
  });

  it('has unique ids, one file per rule named after it, and a map that agrees', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync('linter/rules')
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3));
    expect([...files].sort()).toEqual([...ids].sort());
    expect([...ruleById.keys()]).toEqual(ids);
  });

  it('documents every rule', () => {
    for (const { meta } of allRules) {
      expect(meta.id, meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(meta.summary, meta.id).not.toMatch(/\n/);
      for (const key of ['why', 'fix', 'bad', 'good'] as const) expect(meta.docs[key].trim().length, `${meta.id} docs.${key}`).toBeGreaterThan(20);
      expect(meta.docs.reference, meta.id).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(meta.docs.bad, meta.id).not.toBe(meta.docs.good);
    }
  });

  it('gives each schema violation to at most one rule', () => {
    const text = `${HEAD}trustedTokenIssuers:
  - Name: x
    TrustedTokenIssuerType: SAML
    TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: "x?", ClaimAttributePath: "a[", IdentityStoreAttributePath: "", JwksRetrievalOption: NO }, Other: {} }
applications:
  - Name: a
    Grants:
      - GrantType: nope
        Grant: { RefreshToken: {}, Foo: {} }
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [] } }
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "", AuthorizedAudiences: [""] }, {}] } }
    AccessScopes: [{ Scope: "a-b", AuthorizedTargets: [""] }]
    Unknown: 1
`;
    const { violations } = loadConfigText(text, 'tipkit.yaml');
    expect(violations.length).toBeGreaterThan(10);
    for (const v of violations) {
      const claimers = allRules.filter((r) => r.claims?.(v)).map((r) => r.meta.id);
      expect(claimers.length, `${v.pointer.join('/')} ${v.keyword}: ${claimers.join(', ')}`).toBeLessThanOrEqual(1);
    }
  });
});

describe('rule docs examples', () => {
  // The bad and good fragments are tipkit.yaml sections; with the document head they are whole configs.
  for (const { meta } of allRules.filter((r) => !NOT_FROM_CONFIG.has(r.meta.id))) {
    it(`${meta.id}: bad fires it, good does not and has no error`, () => {
      const bad = lintText(HEAD + meta.docs.bad);
      expect(bad.filter((f) => f.ruleId === meta.id).length, JSON.stringify(bad, null, 1)).toBeGreaterThan(0);
      const good = lintText(HEAD + meta.docs.good);
      expect(good.filter((f) => f.ruleId === meta.id || f.severity === 'error'), JSON.stringify(good, null, 1)).toEqual([]);
    });
  }
});

describe('fixtures', () => {
  it('test/fixtures/bad triggers every rule', async () => {
    const { findings } = await lintPaths(['test/fixtures/bad']);
    const fired = new Set(findings.map((f) => f.ruleId));
    expect(allRules.map((r) => r.meta.id).filter((id) => !fired.has(id))).toEqual([]);
  });

  it('test/fixtures/good has no finding of any rule', async () => {
    const report = await lintPaths(['test/fixtures/good']);
    expect(report.files.length).toBeGreaterThanOrEqual(2);
    expect(report.findings).toEqual([]);
  });
});

describe('examples', () => {
  const examples = readdirSync('examples').map((d) => `examples/${d}/tipkit.yaml`);

  it('have no error findings', async () => {
    const { findings, files } = await lintPaths(examples);
    expect(files).toHaveLength(examples.length);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  // device-cli's application is used only by public clients (a refresh_token grant and sso:account:access):
  // iam-auth-method-missing recognizes that from the config, so it needs no suppression (issue 12.10).
  it('raise no finding at all, without suppressions', async () => {
    const { findings } = await lintPaths(examples);
    expect(findings.map((f) => `${f.location.file} ${f.ruleId}`)).toEqual([]);
  });
});
