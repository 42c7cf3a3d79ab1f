/**
 * The IAM CreateRole constraints gen-schema.mjs writes into the config schema are botocore's: compared here with the
 * botocore installed beside the AWS CLI (the oracle), skipped saying why when it is absent.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../model/generated/config-schema.js';

const probe = spawnSync(
  'python3',
  [
    '-c',
    `import json, botocore.session
m = botocore.session.get_session().get_service_model('iam')
out = {}
for op, member in [('CreateRole','RoleName'),('CreateRole','Path'),('CreateRole','AssumeRolePolicyDocument'),('CreateRole','MaxSessionDuration'),('CreateRole','Description'),('PutRolePolicy','PolicyName')]:
    s = m.operation_model(op).input_shape.members[member]
    out[member] = {k: s.metadata.get(k) for k in ('min','max','pattern')}
print(json.dumps(out))`,
  ],
  { encoding: 'utf8' },
);
const iam = probe.status === 0 ? (JSON.parse(probe.stdout) as Record<string, { min?: number; max?: number; pattern?: string }>) : undefined;

describe('IAM role constraints in the config schema', () => {
  it.skipIf(!iam)(`match botocore's iam model${iam ? '' : ' (skipped: python3 with botocore is not installed here)'}`, () => {
    const role = configSchema.properties.roles.items.properties;
    const anchored = (p: string) => `^(?:${p.replace(/\\_/g, '_')})$`;
    expect(role.RoleName).toMatchObject({ minLength: iam!.RoleName!.min, maxLength: iam!.RoleName!.max, pattern: anchored(iam!.RoleName!.pattern!) });
    expect(role.Path).toMatchObject({ minLength: iam!.Path!.min, maxLength: iam!.Path!.max, pattern: anchored(iam!.Path!.pattern!) });
    expect(role.MaxSessionDuration).toMatchObject({ minimum: iam!.MaxSessionDuration!.min, maximum: iam!.MaxSessionDuration!.max });
    expect(role.Description.maxLength).toBe(iam!.Description!.max);
    expect(role.AssumeRolePolicyDocument.anyOf[1]).toMatchObject({ minLength: iam!.AssumeRolePolicyDocument!.min, maxLength: iam!.AssumeRolePolicyDocument!.max });
    expect(role.Policies.items.properties.PolicyName).toMatchObject({ minLength: iam!.PolicyName!.min, maxLength: iam!.PolicyName!.max, pattern: anchored(iam!.PolicyName!.pattern!) });
  });
});
