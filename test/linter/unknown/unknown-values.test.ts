/**
 * "Unknown, not missing" (issue 10 item 2), rule by rule: a value a reader could not know (a hole) satisfies
 * presence checks and is never reported as wrong, while the same value known to be absent still fires. The
 * holes are given directly (as a reader records them) so each rule is tested apart from any reader; the
 * readers' own holes are tested end to end at the bottom.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRawInput, loadConfigFile } from '../../../inputs/load.js';
import { parseDocumentText } from '../../../inputs/yaml/parse.js';
import type { NodePath, RawConfig } from '../../../model/types.js';
import { lintLoaded } from '../../../linter/index.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const ISSUER_ARN = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666';
const POLICY = `{ Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }] }`;

function ruleIds(yaml: string, holes: NodePath[]): string[] {
  const { value, positions } = parseDocumentText(`version: 1\ninstance: { InstanceArn: "${INSTANCE}" }\n${yaml}`, 'tipkit.yaml');
  const loaded = fromRawInput('config', { raw: value as RawConfig, positions, holes });
  return lintLoaded(loaded).findings.map((f) => f.ruleId);
}

interface Case {
  rule: string;
  yaml: string;
  /** Where the value the yaml leaves out would have been, had a reader been unable to read it. */
  hole: NodePath;
}

const app = (body: string): string => `applications:\n  - Name: portal\n    AssignmentRequired: false\n${body}`;
const iam = `    AuthenticationMethods:\n      - { AuthenticationMethodType: IAM, AuthenticationMethod: { Iam: { ActorPolicy: ${POLICY} } } }\n`;

const cases: Case[] = [
  {
    rule: 'redirect-uris-required',
    yaml: app(`    Grants:\n      - { GrantType: authorization_code, Grant: { AuthorizationCode: {} } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'AuthorizationCode', 'RedirectUris'],
  },
  {
    // The issue's shape: the only element was skipped, so the list as read is empty — but not empty in fact.
    rule: 'redirect-uris-required',
    yaml: app(`    Grants:\n      - { GrantType: authorization_code, Grant: { AuthorizationCode: { RedirectUris: [] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'AuthorizationCode', 'RedirectUris', 0],
  },
  {
    rule: 'authorized-token-issuers-required',
    yaml: app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: {} } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers'],
  },
  {
    rule: 'authorized-token-issuers-required',
    yaml: app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0],
  },
  {
    rule: 'authorized-audiences-required',
    yaml: app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "${ISSUER_ARN}" }] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0, 'AuthorizedAudiences'],
  },
  {
    rule: 'authorized-audiences-required',
    yaml: app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "${ISSUER_ARN}", AuthorizedAudiences: [] }] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0, 'AuthorizedAudiences', 0],
  },
  {
    rule: 'token-issuer-unresolved',
    yaml: app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ AuthorizedAudiences: [portal] }] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0, 'TrustedTokenIssuerArn'],
  },
  {
    rule: 'grant-union-mismatch',
    yaml: app(`    Grants:\n      - { GrantType: refresh_token, Grant: {} }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'RefreshToken'],
  },
  {
    rule: 'grant-union-mismatch',
    yaml: app(`    Grants:\n      - { GrantType: refresh_token }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'Grant'],
  },
  {
    rule: 'grant-type-unknown',
    yaml: app(`    Grants:\n      - { Grant: { RefreshToken: {} } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 0, 'GrantType'],
  },
  {
    rule: 'issuer-unused',
    yaml: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY } }
${app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ AuthorizedAudiences: [portal] }] } } }\n${iam}`)}`,
    hole: ['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0, 'TrustedTokenIssuerArn'],
  },
  {
    // A grant resource whose application could not be read belongs to some application: it may use the issuer.
    rule: 'issuer-unused',
    yaml: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY } }
`,
    hole: ['applications', '*', 'Grants', '*'],
  },
  {
    rule: 'iam-auth-method-missing',
    yaml: app(`    Grants:\n      - { GrantType: refresh_token, Grant: { RefreshToken: {} } }\n      - { GrantType: authorization_code, Grant: { AuthorizationCode: { RedirectUris: [https://portal.example.com/cb] } } }\n`),
    hole: ['applications', '*', 'AuthenticationMethods', '*'],
  },
  {
    rule: 'refresh-token-without-source',
    yaml: app(`    Grants:\n      - { GrantType: refresh_token, Grant: { RefreshToken: {} } }\n      - { Grant: { AuthorizationCode: { RedirectUris: [https://portal.example.com/cb] } } }\n${iam}`),
    hole: ['applications', 0, 'Grants', 1, 'GrantType'],
  },
  {
    rule: 'token-exchange-unreachable',
    yaml: `applications:
  - Name: redshift
    AssignmentRequired: false
    Grants:
      - { GrantType: "urn:ietf:params:oauth:grant-type:token-exchange", Grant: { TokenExchange: {} } }
${iam}  - Name: portal
    AssignmentRequired: false
    AccessScopes:
      - { Scope: "redshift:connect", AuthorizedTargets: [] }
`,
    hole: ['applications', 1, 'AccessScopes', 0, 'AuthorizedTargets', 0],
  },
  {
    rule: 'assignment-required-without-assignments',
    yaml: `applications:\n  - Name: portal\n`,
    hole: ['applications', 0, 'AssignmentRequired'],
  },
  {
    rule: 'assignment-required-without-assignments',
    yaml: `applications:\n  - Name: portal\n    Assignments: []\n`,
    hole: ['applications', 0, 'Assignments', 0],
  },
  {
    rule: 'actor-policy-no-create-token',
    yaml: app(`    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod: { Iam: { ActorPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Resource: "*" }] } } }
`),
    hole: ['applications', 0, 'AuthenticationMethods', 0, 'AuthenticationMethod', 'Iam', 'ActorPolicy', 'Statement', 0, 'Action'],
  },
  {
    rule: 'issuer-url-invalid',
    yaml: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY } }
${app(`    Grants:\n      - { GrantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [portal] }] } } }\n${iam}`)}`,
    hole: ['trustedTokenIssuers', 0, 'TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IssuerUrl'],
  },
];

describe('every rule: unknown satisfies presence, known-absent still fires', () => {
  for (const c of cases) {
    it(`${c.rule}: fires when ${c.hole.join('/')} is absent, not when it is unknown`, () => {
      expect(ruleIds(c.yaml, [])).toContain(c.rule);
      expect(ruleIds(c.yaml, [c.hole])).not.toContain(c.rule);
    });
  }

  it('a value that was read is still checked beside an unknown one', () => {
    const yaml = app(`    Grants:\n      - { GrantType: authorization_code, Grant: { AuthorizationCode: { RedirectUris: ["http://portal.example.com/cb"] } } }\n${iam}`);
    const hole: NodePath = ['applications', 0, 'Grants', 0, 'Grant', 'AuthorizationCode', 'RedirectUris', 1];
    expect(ruleIds(yaml, [hole])).toContain('redirect-uri-insecure');
  });

  it('a "some application" hole makes no particular value unknown', () => {
    const yaml = app(`    Grants:\n      - { GrantType: authorization_code, Grant: { AuthorizationCode: {} } }\n${iam}`);
    expect(ruleIds(yaml, [['applications', '*', 'Grants', '*']])).toContain('redirect-uris-required');
  });
});

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-unknown-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readers record holes the rules honour', () => {
  it('HCL: a redirect URI templated on a variable is unknown, so the grant has redirect URIs', async () => {
    const tf = file(
      'main.tf',
      `variable "domain" { type = string }

resource "aws_ssoadmin_application" "portal" {
  name                     = "portal"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
  instance_arn             = "${INSTANCE}"
}

resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.portal.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = ["https://*.\${var.domain}/callback"]
    }
  }
}
`,
    );
    const ids = lintLoaded(await loadConfigFile(tf)).findings.map((f) => f.ruleId);
    expect(ids).not.toContain('redirect-uris-required');
    expect(ids).not.toContain('schema-violation');
    expect(ids).toContain('input-skipped');
  });

  it('HCL: a grant whose application_arn is a variable may use the issuer: no issuer-unused', async () => {
    const issuer = `resource "aws_ssoadmin_trusted_token_issuer" "okta" {
  name                      = "okta"
  instance_arn              = "${INSTANCE}"
  trusted_token_issuer_type = "OIDC_JWT"
  trusted_token_issuer_configuration {
    oidc_jwt_configuration {
      claim_attribute_path          = "email"
      identity_store_attribute_path = "emails.value"
      issuer_url                    = "https://example.okta.com"
      jwks_retrieval_option         = "OPEN_ID_DISCOVERY"
    }
  }
}
`;
    const grant = `variable "app_arn" { type = string }
resource "aws_ssoadmin_application_grant" "jwt" {
  application_arn = var.app_arn
  grant_type      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
  grant {
    jwt_bearer {
      authorized_token_issuers {
        trusted_token_issuer_arn = aws_ssoadmin_trusted_token_issuer.okta.arn
        authorized_audiences     = ["portal"]
      }
    }
  }
}
`;
    const alone = lintLoaded(await loadConfigFile(file('main.tf', issuer))).findings.map((f) => f.ruleId);
    expect(alone).toContain('issuer-unused');
    const withGrant = lintLoaded(await loadConfigFile(file('main.tf', issuer + grant))).findings.map((f) => f.ruleId);
    expect(withGrant).not.toContain('issuer-unused');
    expect(withGrant).toContain('input-skipped');
  });

  it('TypeScript: an unreadable array element is unknown; a literal empty list still fires', async () => {
    const source = (uris: string): string => `import { IdentityCenterApplication, ApplicationGrant } from 'tipkit';
declare const stack: any;
const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', assignmentRequired: false });
new ApplicationGrant(stack, 'code', { application: app, grantType: 'authorization_code', grant: { authorizationCode: { redirectUris: ${uris} } } });
`;
    const unknown = lintLoaded(await loadConfigFile(file('main.ts', source('[`https://${process.env.DOMAIN}/cb`]')))).findings.map((f) => f.ruleId);
    expect(unknown).not.toContain('redirect-uris-required');
    expect(unknown).toContain('input-skipped');
    const empty = lintLoaded(await loadConfigFile(file('main.ts', source('[]')))).findings.map((f) => f.ruleId);
    expect(empty).toContain('redirect-uris-required');
  });

  it('TypeScript: a method whose application cannot be read keeps every application from being called method-less', async () => {
    const source = (method: string): string => `import { IdentityCenterApplication, ApplicationAuthenticationMethod, ApplicationGrant } from 'tipkit';
declare const stack: any;
declare function pick(): any;
const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', assignmentRequired: false });
new ApplicationGrant(stack, 'rt', { application: app, grantType: 'refresh_token' });
${method}
`;
    const unknown = await loadConfigFile(file('main.ts', source("new ApplicationAuthenticationMethod(stack, 'iam', { application: pick(), actorPolicy: {} });")));
    expect(lintLoaded(unknown).findings.map((f) => f.ruleId)).not.toContain('iam-auth-method-missing');
    const none = await loadConfigFile(file('main.ts', source('')));
    expect(lintLoaded(none).findings.map((f) => f.ruleId)).toContain('iam-auth-method-missing');
  });
});

describe('the instance requirement is tipkit config only', () => {
  it('a Terraform file with no application has no finding at 1:1', async () => {
    const tf = file('main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\nresource "aws_ssoadmin_account_assignment" "a" {}\n');
    const findings = lintLoaded(await loadConfigFile(tf)).findings;
    expect(findings.filter((f) => f.ruleId === 'schema-violation')).toEqual([]);
  });

  it('a TypeScript file with a construct but no instanceArn is not missing an instance', async () => {
    const ts = file('main.ts', `import { TrustedTokenIssuer } from 'tipkit';\ndeclare const stack: any;\nnew TrustedTokenIssuer(stack, 'okta', { name: 'okta', issuerUrl: 'https://dev-1.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' });\n`);
    const findings = lintLoaded(await loadConfigFile(ts)).findings;
    expect(findings.map((f) => f.message).join('\n')).not.toMatch(/'instance'|'InstanceArn'/);
  });

  it('a tipkit config without instance still gets the schema finding', async () => {
    const yaml = file('tipkit.yaml', 'version: 1\napplications:\n  - Name: portal\n    AssignmentRequired: false\n');
    const findings = lintLoaded(await loadConfigFile(yaml)).findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'schema-violation', message: expect.stringContaining("'instance'") }));
  });
});

describe('UnknownValues', () => {
  it("a hole makes its value and everything under it unknown, and its ancestors partly unknown", async () => {
    const { UnknownValues } = await import('../../../model/unknown.js');
    const u = new UnknownValues([['applications', 0, 'Grants', 0, 'Grant']]);
    expect(u.isUnknown(['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer'])).toBe(true);
    expect(u.isUnknown(['applications', 0, 'Grants', 0])).toBe(false);
    expect(u.hasUnknownParts(['applications', 0, 'Grants'])).toBe(true);
    expect(u.hasUnknownParts(['applications', 1])).toBe(false);
  });

  it("'*' inside a hole is 'which one is unknown'; a trailing '*' is one more element, never one that was read", async () => {
    const { UnknownValues } = await import('../../../model/unknown.js');
    const u = new UnknownValues([['applications', '*', 'Grants', '*']]);
    expect(u.hasUnknownParts(['applications', 3, 'Grants'])).toBe(true);
    expect(u.hasUnknownParts(['applications', 3, 'Grants', 0])).toBe(false);
    expect(u.isUnknown(['applications', 3, 'Grants', 0, 'GrantType'])).toBe(false);
    expect(u.hasUnknownParts(['applications', 3, 'Grants', '*', 'GrantType'])).toBe(true);
  });
});
