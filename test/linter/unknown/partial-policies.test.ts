/**
 * Partial values (issue 19 item 2): an actor policy with unknown leaves keeps its known ones, and the rule reads
 * what it can: an unknown Condition does not hide a wrong Action, an unknown Action or Principal does hide it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../linter/index.js';
import { UnknownValues } from '../../../model/unknown.js';

const policyTf = (statements: string) => `variable "org" {
  type = string
}

variable "action" {
  type = string
}

resource "aws_ssoadmin_application" "portal" {
  name                     = "portal"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
  instance_arn             = "arn:aws:sso:::instance/ssoins-1111111111111111"
}

resource "aws_ssoadmin_application_authentication_method" "iam" {
  application_arn            = aws_ssoadmin_application.portal.arn
  authentication_method_type = "IAM"
  authentication_method {
    iam {
      actor_policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [${statements}]
      })
    }
  }
}
`;

async function actorPolicyFindings(statements: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-partial-'));
  writeFileSync(join(dir, 'main.tf'), policyTf(statements));
  const { findings } = await lintPaths(['.'], { cwd: dir });
  return findings.filter((f) => f.ruleId === 'actor-policy-no-create-token').map((f) => f.message);
}

const allow = (action: string, extra = '') => `{ Effect = "Allow", Principal = { AWS = "*" }, Action = ${action}, Resource = "*"${extra} }`;
const ORG_CONDITION = ', Condition = { StringEquals = { "aws:PrincipalOrgID" = var.org } }';

describe('actor policies with unknown leaves', () => {
  it('an unknown Condition does not hide a wrong Action', async () => {
    expect(await actorPolicyFindings(allow('"sso:CreateTokenWithIAM"', ORG_CONDITION))).toEqual([expect.stringContaining("it allows 'sso:CreateTokenWithIAM'")]);
  });

  it('the right Action with an unknown Condition is clean', async () => {
    expect(await actorPolicyFindings(allow('"sso-oauth:CreateTokenWithIAM"', ORG_CONDITION))).toEqual([]);
  });

  it('an unknown Action may be the right one: not judged', async () => {
    expect(await actorPolicyFindings(allow('var.action'))).toEqual([]);
  });

  it('a Deny to everyone whose Condition is unknown is conditional, not a deny of everyone', async () => {
    const deny = `{ Effect = "Deny", Principal = "*", Action = "sso-oauth:CreateTokenWithIAM", Resource = "*", Condition = var.org }`;
    expect(await actorPolicyFindings(`${allow('"sso-oauth:CreateTokenWithIAM"')}, ${deny}`)).toEqual([]);
  });
});

describe('UnknownValues.unknownPartsOf', () => {
  const unknown = new UnknownValues([
    ['applications', 0, 'ActorPolicy', 'Statement', 0, 'Condition', 'StringEquals'],
    ['applications', 1],
  ]);
  it('lists the unknown parts below a value, relative to it', () => {
    expect(unknown.unknownPartsOf(['applications', 0, 'ActorPolicy'])).toEqual([['Statement', 0, 'Condition', 'StringEquals']]);
    expect(unknown.unknownPartsOf(['applications', 2])).toEqual([]);
  });
  it('is "all" when the value itself, or what holds it, is unknown', () => {
    expect(unknown.unknownPartsOf(['applications', 1, 'Grants'])).toBe('all');
  });
});
