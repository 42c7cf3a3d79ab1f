import { describe, expect, it } from 'vitest';
import { loadConfigFile, fromRawInput, type LoadedConfig } from '../../../inputs/load.js';
import { PositionIndex } from '../../../model/positions.js';
import { lintLoadedWith, runRules, withoutPointer } from '../../../linter/engine.js';
import { grantTypeUnknown, iamAuthMethodMissing, refreshTokenSeen, schemaViolation, testRules } from './test-rules.js';

const fixture = (name: string) => `test/linter/engine/fixtures/${name}`;
const brief = (f: { ruleId: string; severity: string; location: { line: number; column: number } }) => `${f.location.line}:${f.location.column} ${f.severity} ${f.ruleId}`;

describe('engine', () => {
  it('gives a violation to the rule that claims it, else schema-violation; orders by position; drops duplicates', async () => {
    const loaded = await loadConfigFile(fixture('two-apps.yaml'));
    const findings = runRules(loaded, testRules);
    expect(findings.map(brief)).toEqual([
      '6:5 warning iam-auth-method-missing',
      '7:5 error schema-violation',
      '9:20 error grant-type-unknown',
      '11:20 note refresh-token-seen',
      '13:5 warning iam-auth-method-missing',
      '15:20 note refresh-token-seen',
    ]);
    const unknownKey = findings.find((f) => f.ruleId === 'schema-violation')!;
    expect(unknownKey).toMatchObject({ resource: 'applications/alpha/Bogus', location: { file: fixture('two-apps.yaml') } });
    expect(unknownKey.message).toMatch(/unknown key 'Bogus'/);
    expect(findings.find((f) => f.ruleId === 'grant-type-unknown')!.resource).toBe('applications/alpha/Grants/0');
  });

  it('falls back to schema-violation when no rule claims a violation, and skips it without one', async () => {
    const loaded = await loadConfigFile(fixture('two-apps.yaml'));
    const withoutClaimer = runRules(loaded, [schemaViolation]);
    expect(withoutClaimer.map(brief)).toEqual(['7:5 error schema-violation', '9:20 error schema-violation']);
    expect(runRules(loaded, [iamAuthMethodMissing]).map((f) => f.ruleId)).toEqual(['iam-auth-method-missing', 'iam-auth-method-missing']);
  });

  it('applies severity overrides, and off drops a rule (its claimed violations too)', async () => {
    const loaded = await loadConfigFile(fixture('two-apps.yaml'));
    const findings = runRules(loaded, testRules, { severities: { 'iam-auth-method-missing': 'error', 'grant-type-unknown': 'off', 'refresh-token-seen': 'warning' } });
    expect(findings.map(brief)).toEqual([
      '6:5 error iam-auth-method-missing',
      '7:5 error schema-violation',
      '11:20 warning refresh-token-seen',
      '13:5 error iam-auth-method-missing',
      '15:20 warning refresh-token-seen',
    ]);
  });

  it('turns reader notes into input-skipped notes, severity overridable', () => {
    const positions = new PositionIndex('stack.ts');
    const loaded: LoadedConfig = fromRawInput('typescript', {
      raw: { version: 1, instance: { InstanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', IdentityStoreId: 'd-9067642ac7' } },
      positions,
      notes: [{ message: "skipped 'name': computeName() cannot be evaluated statically", file: 'stack.ts', line: 4, column: 11 }],
    });
    const [note] = lintLoadedWith(loaded, [refreshTokenSeen]).map(withoutPointer);
    expect(note).toEqual({ ruleId: 'input-skipped', severity: 'note', message: "skipped 'name': computeName() cannot be evaluated statically", resource: '(input)', location: { file: 'stack.ts', line: 4, column: 11 } });
    expect(lintLoadedWith(loaded, [refreshTokenSeen], { severities: { 'input-skipped': 'off' } })).toEqual([]);
  });

  it('keeps the claimed rule and its message when both would fire', async () => {
    const loaded = await loadConfigFile(fixture('two-apps.yaml'));
    const findings = runRules(loaded, [schemaViolation, grantTypeUnknown]);
    expect(findings.filter((f) => f.location.line === 9)).toHaveLength(1);
  });
});
