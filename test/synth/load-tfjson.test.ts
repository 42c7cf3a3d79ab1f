// The Terraform JSON loader on hand-written *.tf.json: the native aws_ssoadmin_application_grant resource, instance
// settings without tipkit's local, tipkit's synthesized grants, positions in the JSON, and what it skips.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintLoaded } from '../../linter/index.js';
import { canonicalConfig } from '../../model/canonical.js';
import { InputError } from '../../model/errors.js';
import { loadConfigFile, loadConfigText } from '../../inputs/load.js';

const dir = mkdtempSync(join(tmpdir(), 'tipkit-tfjson-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';

function write(name: string, doc: unknown): { file: string; text: string } {
  const file = join(dir, name);
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  return { file, text };
}

/** 1-based line and column of the first occurrence of `needle` in text. */
function at(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  expect(offset).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

// What a team whose AWS provider has aws_ssoadmin_application_grant (provider PR #47267) writes.
const nativeGrants = {
  provider: { aws: { region: 'eu-central-1' } },
  data: {
    aws_identitystore_group: {
      staff: { identity_store_id: 'd-1234567890', alternate_identifier: { unique_attribute: { attribute_path: 'DisplayName', attribute_value: 'staff' } } },
    },
  },
  resource: {
    aws_ssoadmin_trusted_token_issuer: {
      okta: {
        instance_arn: INSTANCE,
        name: 'okta',
        trusted_token_issuer_type: 'OIDC_JWT',
        trusted_token_issuer_configuration: [
          { oidc_jwt_configuration: [{ issuer_url: 'https://idp.example.com', claim_attribute_path: 'email', identity_store_attribute_path: 'emails.value', jwks_retrieval_option: 'OPEN_ID_DISCOVERY' }] },
        ],
      },
    },
    aws_ssoadmin_application: {
      web: { instance_arn: INSTANCE, name: 'web', application_provider_arn: 'arn:aws:sso::aws:applicationProvider/custom' },
    },
    aws_ssoadmin_application_assignment: {
      staff: { application_arn: '${aws_ssoadmin_application.web.application_arn}', principal_type: 'GROUP', principal_id: '${data.aws_identitystore_group.staff.group_id}' },
    },
    aws_ssoadmin_application_grant: {
      code: {
        application_arn: '${aws_ssoadmin_application.web.application_arn}',
        grant_type: 'authorization_code',
        grant: [{ authorization_code: [{ redirect_uris: ['https://web.example.com/cb', 'http://web.example.com/insecure'] }] }],
      },
      jwt: {
        application_arn: '${aws_ssoadmin_application.web.application_arn}',
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        grant: { jwt_bearer: { authorized_token_issuers: [{ trusted_token_issuer_arn: '${aws_ssoadmin_trusted_token_issuer.okta.arn}', authorized_audiences: ['aud-1'] }] } },
      },
      refresh: { application_arn: '${aws_ssoadmin_application.web.application_arn}', grant_type: 'refresh_token' },
    },
  },
};

const nativeGrantsAsYaml = `version: 1
instance: { InstanceArn: ${INSTANCE}, IdentityStoreId: d-1234567890, Region: eu-central-1 }
trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://idp.example.com, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: web
    ApplicationProviderArn: arn:aws:sso::aws:applicationProvider/custom
    Assignments: [{ PrincipalType: GROUP, PrincipalId: staff }]
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://web.example.com/cb, http://web.example.com/insecure] } }
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [aud-1] }] } }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`;

describe('Terraform JSON loader', () => {
  it('reads the native aws_ssoadmin_application_grant resource (block or list form, no block for refresh_token)', async () => {
    const { file } = write('native.tf.json', nativeGrants);
    const loaded = await loadConfigFile(file);
    expect(loaded.notes).toEqual([]);
    expect(loaded.violations).toEqual([]);
    expect(canonicalConfig(loaded.model)).toEqual(canonicalConfig(loadConfigText(nativeGrantsAsYaml, 'same.yaml').model));
    const jwt = loaded.model.applications[0]!.grants[1]!.authorizedTokenIssuers![0]!;
    expect(jwt).toMatchObject({ resolution: 'name', issuer: { name: 'okta' } });
  });

  it('locates findings on the JSON line that holds the offending value', async () => {
    const { file, text } = write('located.tf.json', nativeGrants);
    const { findings } = lintLoaded(await loadConfigFile(file));
    const insecure = findings.filter((f) => f.ruleId === 'redirect-uri-insecure');
    expect(insecure).toHaveLength(1);
    expect(insecure[0]!.location).toMatchObject({ file, ...at(text, '"http://web.example.com/insecure"') });
    expect(insecure[0]!.resource).toBe('applications/web/Grants/0');
  });

  it('reads tipkit synthesized grants and authentication methods, resolving references to Names', async () => {
    const request = (extra: object) => ({ ApplicationArn: '${aws_ssoadmin_application.web.application_arn}', ...extra });
    const { file, text } = write('synthesized.tf.json', {
      locals: { tipkit_instance: { InstanceArn: INSTANCE, IdentityStoreId: 'd-1234567890', Region: 'ap-southeast-2' } },
      resource: {
        aws_ssoadmin_trusted_token_issuer: nativeGrants.resource.aws_ssoadmin_trusted_token_issuer,
        aws_ssoadmin_application: nativeGrants.resource.aws_ssoadmin_application,
        terraform_data: {
          a_grant: {
            input: {
              tipkit: 'PutApplicationGrant',
              request: request({ GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: '${aws_ssoadmin_trusted_token_issuer.okta.arn}', AuthorizedAudiences: [] }] } } }),
            },
          },
          b_method: {
            input: {
              tipkit: 'PutApplicationAuthenticationMethod',
              request: request({ AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [] } } } }),
            },
          },
          unrelated: { input: { anything: 'else' } },
        },
      },
    });
    const loaded = await loadConfigFile(file);
    expect(loaded.notes).toEqual([]);
    const web = canonicalConfig(loaded.model).applications![0]!;
    expect(web.Grants).toEqual([
      { GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'okta', AuthorizedAudiences: [] }] } } },
    ]);
    expect(web.AuthenticationMethods).toEqual([{ AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [] } } } }]);
    expect(canonicalConfig(loaded.model).instance).toEqual({ InstanceArn: INSTANCE, IdentityStoreId: 'd-1234567890', Region: 'ap-southeast-2' });

    // The empty audience list is reported where the request holds it.
    const audiences = lintLoaded(loaded).findings.find((f) => f.ruleId === 'authorized-audiences-required');
    expect(audiences?.location).toMatchObject({ file, line: at(text, '"AuthorizedAudiences": []').line });
    expect(loaded.model.positions.locate(['instance', 'Region'])).toMatchObject(at(text, '"ap-southeast-2"'));
  });

  it('notes what it skips instead of guessing', async () => {
    const { file } = write('skipped.tf.json', {
      resource: {
        aws_ssoadmin_application: nativeGrants.resource.aws_ssoadmin_application,
        terraform_data: {
          foreign: { input: { tipkit: 'PutApplicationGrant', request: { ApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1234567890abcdef', GrantType: 'refresh_token', Grant: { RefreshToken: {} } } } },
          future: { input: { tipkit: 'PutApplicationSomethingElse', request: {} } },
        },
      },
    });
    const loaded = await loadConfigFile(file);
    expect(loaded.model.applications[0]!.grants).toEqual([]);
    expect(loaded.notes.map((n) => n.message)).toEqual([
      expect.stringMatching(/unknown tipkit call 'PutApplicationSomethingElse'/),
      expect.stringMatching(/skipped a grant: its application is not an aws_ssoadmin_application declared/),
    ]);
  });

  it('accepts the list forms Terraform JSON allows, and takes the Region of the un-aliased aws provider', async () => {
    const { resource, data } = nativeGrants;
    const { file } = write('lists.tf.json', {
      provider: { aws: [{ alias: 'other', region: 'us-east-1' }, { region: 'eu-central-1' }] },
      data: [data],
      resource: Object.entries(resource).map(([type, byName]) => ({ [type]: byName })),
    });
    const loaded = await loadConfigFile(file);
    expect(loaded.notes).toEqual([]);
    expect(canonicalConfig(loaded.model)).toEqual(canonicalConfig(loadConfigText(nativeGrantsAsYaml, 'same.yaml').model));
  });

  it('refuses a document that is not a JSON object', async () => {
    const file = join(dir, 'list.tf.json');
    writeFileSync(file, '[1, 2]');
    await expect(loadConfigFile(file)).rejects.toThrow(InputError);
  });
});
