/** The model: name resolution, deterministic ARNs, source locations. */
import { describe, expect, it } from 'vitest';
import {
  buildModel,
  canonicalConfig,
  deriveApplicationArn,
  deriveIssuerArn,
  isApplicationArn,
  isIssuerArn,
  loadConfigText,
} from '../../api/model.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const EXTERNAL_TTI = 'arn:aws:sso::123456789012:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-0a1b2c3d-0a1b-0a1b-0a1b-0a1b2c3d4e5f';

const CONFIG = `version: 1
instance: { InstanceArn: ${INSTANCE} }
trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://idp.example.com, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
              - { TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a] }
              - { TrustedTokenIssuerArn: ${EXTERNAL_TTI}, AuthorizedAudiences: [b] }
              - { TrustedTokenIssuerArn: nobody, AuthorizedAudiences: [c] }
    AccessScopes:
      - { Scope: redshift:connect, AuthorizedTargets: [query, ghost] }
  - Name: query
    ApplicationArn: arn:aws:sso::123456789012:application/ssoins-7223e2ee1a2b3c4d/apl-0123456789abcdef
`;

describe('deterministic ARNs', () => {
  it('are stable, distinct per name and instance, and match the sso-admin patterns', () => {
    const a = deriveApplicationArn(INSTANCE, 'portal');
    expect(deriveApplicationArn(INSTANCE, 'portal')).toBe(a);
    expect(deriveApplicationArn(INSTANCE, 'other')).not.toBe(a);
    expect(deriveApplicationArn('arn:aws:sso:::instance/ssoins-1111111111111111', 'portal')).not.toBe(a);
    expect(isApplicationArn(a)).toBe(true);
    expect(a).toMatch(/^arn:aws:sso::\d{12}:application\/ssoins-7223e2ee1a2b3c4d\/apl-[0-9a-f]{16}$/);
    const t = deriveIssuerArn(INSTANCE, 'okta');
    expect(isIssuerArn(t)).toBe(true);
    expect(deriveIssuerArn(INSTANCE, 'okta')).toBe(t);
  });

  it('keep a declared ARN, and the same file builds the same ARNs twice', () => {
    const one = loadConfigText(CONFIG, 'a.yaml').model;
    const two = loadConfigText(CONFIG, 'b.yaml').model;
    expect(one.applications.map((a) => a.arn)).toEqual(two.applications.map((a) => a.arn));
    expect(one.index.applicationByName.get('query')).toMatchObject({ arnDerived: false, arn: 'arn:aws:sso::123456789012:application/ssoins-7223e2ee1a2b3c4d/apl-0123456789abcdef' });
    expect(one.index.applicationByName.get('portal')!.arnDerived).toBe(true);
  });
});

describe('name resolution', () => {
  const { model } = loadConfigText(CONFIG, 'tipkit.yaml');
  const portal = model.index.applicationByName.get('portal')!;

  it('resolves an issuer Name, passes a well-formed external ARN, and keeps an unresolved reference marked', () => {
    const [byName, external, missing] = portal.grants[0]!.authorizedTokenIssuers!;
    expect(byName).toMatchObject({ ref: 'okta', resolution: 'name', issuerArn: model.issuers[0]!.arn });
    expect(byName!.issuer).toBe(model.issuers[0]);
    expect(external).toMatchObject({ ref: EXTERNAL_TTI, resolution: 'external', issuerArn: EXTERNAL_TTI });
    expect(external!.issuer).toBeUndefined();
    expect(missing).toMatchObject({ ref: 'nobody', resolution: 'unresolved', audiences: ['c'] });
    expect(missing!.issuerArn).toBeUndefined();
  });

  it('resolves access-scope targets by Name or ARN to the application', () => {
    const [query, ghost] = portal.accessScopes[0]!.targets;
    expect(query).toMatchObject({ resolution: 'name', arn: model.index.applicationByName.get('query')!.arn });
    expect(ghost).toMatchObject({ ref: 'ghost', resolution: 'unresolved' });
    const byArn = loadConfigText(CONFIG.replace('[query, ghost]', `[${query!.arn}]`), 'x.yaml').model;
    expect(byArn.applications[0]!.accessScopes[0]!.targets[0]).toMatchObject({ resolution: 'arn', application: { name: 'query' } });
  });

  it('canonical config writes references by Name, whichever form the file used', () => {
    const arnForm = loadConfigText(CONFIG.replace('TrustedTokenIssuerArn: okta,', `TrustedTokenIssuerArn: ${model.issuers[0]!.arn},`), 'x.yaml').model;
    expect(canonicalConfig(arnForm)).toEqual(canonicalConfig(model));
  });

  it('tolerates values of the wrong type (the schema reports them) instead of throwing', () => {
    const broken = buildModel({ version: 1, instance: 'nope', applications: [{ Name: 7, Grants: 'x', AccessScopes: [{ AuthorizedTargets: [1, 'query'] }] }, null] });
    expect(broken.applications).toHaveLength(2);
    expect(broken.applications[0]!.name).toBe('#0');
    expect(broken.applications[0]!.grants).toEqual([]);
  });
});

describe('source locations', () => {
  const { model } = loadConfigText(CONFIG, 'tipkit.yaml');
  const portal = model.index.applicationByName.get('portal')!;

  it('every node knows its pointer and resource path, and the index places it at file:line:col', () => {
    const ati = portal.grants[0]!.authorizedTokenIssuers![2]!;
    expect(ati.resource).toBe('applications/portal/Grants/0/AuthorizedTokenIssuers/2');
    expect(model.positions.locate([...ati.pointer, 'TrustedTokenIssuerArn'])).toMatchObject({ file: 'tipkit.yaml', line: 17, column: 42 });
    expect(model.positions.locate(portal.pointer)).toMatchObject({ line: 9, column: 5 });
  });

  it('a missing member is located at the nearest node that exists', () => {
    expect(model.positions.locate([...portal.pointer, 'Grants', 0, 'Grant', 'NoSuchMember'])).toMatchObject({ line: 13 });
  });
});
