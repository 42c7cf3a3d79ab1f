/** `roles:` in tipkit.yaml (spec §9): schema, model, deterministic ARNs. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../api/model.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: ['sts:AssumeRole', 'sts:SetContext'] }] };

const config = (roles: string) => `version: 1
instance: { InstanceArn: ${INSTANCE} }
roles:
${roles}`;

describe('roles in the config', () => {
  it('reads RoleName, Arn, the trust policy (object or JSON string), MaxSessionDuration, Policies and IdentityContext', () => {
    const { model, violations } = loadConfigText(
      config(`  - RoleName: DataReader
    Arn: arn:aws:iam::111122223333:role/DataReader
    AssumeRolePolicyDocument: ${JSON.stringify(TRUST)}
    MaxSessionDuration: 7200
    IdentityContext: true
    Policies:
      - { PolicyName: s3, PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: 's3:GetDataAccess', Resource: '*' }] } }
  - RoleName: AsString
    Path: /tip/
    AssumeRolePolicyDocument: '${JSON.stringify(TRUST)}'
`),
      'tipkit.yaml',
    );
    expect(violations).toEqual([]);
    const [reader, asString] = model.roles;
    expect(reader).toMatchObject({ name: 'DataReader', arn: 'arn:aws:iam::111122223333:role/DataReader', arnDerived: false, maxSessionDuration: 7200, identityContext: { reason: 'declared with IdentityContext: true' } });
    expect(reader!.trustPolicy).toEqual(TRUST);
    expect(reader!.permissionPolicies[0]).toMatchObject({ name: 's3', document: { Statement: [{ Action: 's3:GetDataAccess' }] } });
    expect(asString!.trustPolicy).toEqual(TRUST);
    expect(asString!.maxSessionDuration).toBe(3600);
    expect(asString!.identityContext).toBeUndefined();
    expect(asString!.arnDerived).toBe(true);
    expect(asString!.arn).toMatch(/^arn:aws:iam::\d{12}:role\/tip\/AsString$/);
    expect(model.index.roleByArn.get(reader!.arn)).toBe(reader);
    expect(model.positions.locate(reader!.pointer)).toMatchObject({ file: 'tipkit.yaml', line: 4 });
  });

  it('marks a trust policy string that is not a JSON object', () => {
    const { model } = loadConfigText(config(`  - { RoleName: R, AssumeRolePolicyDocument: 'not json' }\n`), 't.yaml');
    expect(model.roles[0]!.trustPolicy).toBeUndefined();
    expect(model.roles[0]!.trustPolicyUnreadable).toBe(true);
  });

  it.each([
    [`  - { RoleName: 'bad name!', AssumeRolePolicyDocument: {} }`, /RoleName/],
    [`  - { RoleName: R, AssumeRolePolicyDocument: {}, MaxSessionDuration: 600 }`, /MaxSessionDuration/],
    [`  - { RoleName: R, AssumeRolePolicyDocument: {}, MaxSessionDuration: 50000 }`, /MaxSessionDuration/],
    [`  - { RoleName: R }`, /AssumeRolePolicyDocument/],
    [`  - { RoleName: R, AssumeRolePolicyDocument: {}, Arn: 'arn:aws:iam::1:role/R' }`, /Arn/],
    [`  - { RoleName: R, AssumeRolePolicyDocument: {}, RoleArn: x }`, /RoleArn/],
  ])('the schema refuses %s (IAM CreateRole constraints)', (roles, where) => {
    const { violations } = loadConfigText(config(`${roles}\n`), 't.yaml');
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.map((v) => `${v.pointer.join('/')} ${v.message}`).join('\n')).toMatch(where);
  });
});
