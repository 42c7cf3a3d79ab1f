import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, loadConfigText } from '../../../inputs/load.js';
import { lintLoadedWith, type LocatedFinding } from '../../../linter/engine.js';
import { parseSuppressionComments } from '../../../linter/suppressions.js';
import type { Rule } from '../../../linter/types.js';
import { testRules } from './test-rules.js';

const brief = (f: LocatedFinding) => `${f.location.line}:${f.location.column} ${f.ruleId}${f.suppression ? ` [${f.suppression.kind}: ${f.suppression.reason}]` : ''}`;

describe('tipkit-ignore comments', () => {
  it('parses rule lists, reasons and the line they apply to', () => {
    const text = ['a:', '  # tipkit-ignore rule-a, rule-b: because', '  # another comment', '', '  - b: 1', '# tipkit-ignore rule-c', 'c: 1', '# tipkit-ignore: no id', 'd: 1'].join('\n');
    expect(parseSuppressionComments('x.yaml', text)).toEqual([
      { file: 'x.yaml', line: 2, column: 3, ruleIds: ['rule-a', 'rule-b'], reason: 'because', targetLine: 5, malformed: false },
      { file: 'x.yaml', line: 6, column: 1, ruleIds: ['rule-c'], reason: undefined, targetLine: 7, malformed: false },
      { file: 'x.yaml', line: 8, column: 1, ruleIds: [], reason: undefined, targetLine: 9, malformed: true },
    ]);
    expect(parseSuppressionComments('x.json', '{"a": "# tipkit-ignore x: y"}')).toEqual([]);
    expect(parseSuppressionComments('x.ts', '# tipkit-ignore x: y\n')).toEqual([]);
    expect(parseSuppressionComments('x.ts', '  // tipkit-ignore x: y\nfoo();\n')).toMatchObject([{ ruleIds: ['x'], reason: 'y', targetLine: 2 }]);
    expect(parseSuppressionComments('main.tf', '// tipkit-ignore x: y\n# tipkit-ignore z: w\nresource "a" "b" {}\n').map((c) => c.targetLine)).toEqual([3, 3]);
  });

  it('covers the node on the next line and everything inside it; a comment without a reason suppresses nothing', async () => {
    const loaded = await loadConfigFile('test/linter/engine/fixtures/suppressed.yaml');
    const findings = lintLoadedWith(loaded, testRules);
    expect(findings.map(brief)).toEqual([
      '7:5 iam-auth-method-missing [comment: a public client; tokens come from CreateToken]',
      '9:20 refresh-token-seen [comment: a public client; tokens come from CreateToken]',
      '11:5 iam-auth-method-missing',
      '13:7 suppression-reason-missing',
      '14:20 refresh-token-seen',
      '16:7 suppression-unknown-rule',
      '17:20 refresh-token-seen [comment: only this grant]',
    ]);
    const byRule = (id: string) => findings.find((f) => f.ruleId === id)!;
    expect(byRule('suppression-reason-missing')).toMatchObject({ severity: 'error', resource: 'applications/beta/Grants/0' });
    expect(byRule('suppression-unknown-rule')).toMatchObject({ severity: 'warning', message: expect.stringContaining("'no-such-rule'") });
  });

  it('a comment above a list key covers the whole list; above the first item only that item', () => {
    const base = 'version: 1\ninstance:\n  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d\n  IdentityStoreId: d-9067642ac7\n';
    const apps = '  - Name: a\n    Grants: [{ GrantType: refresh_token, Grant: { RefreshToken: {} } }]\n  - Name: b\n    Grants: [{ GrantType: refresh_token, Grant: { RefreshToken: {} } }]\n';
    const onKey = lintLoadedWith(loadConfigText(`${base}# tipkit-ignore iam-auth-method-missing: all of them\napplications:\n${apps}`, 'k.yaml'), testRules);
    expect(onKey.filter((f) => f.ruleId === 'iam-auth-method-missing').map((f) => Boolean(f.suppression))).toEqual([true, true]);
    const onItem = lintLoadedWith(loadConfigText(`${base}applications:\n  # tipkit-ignore iam-auth-method-missing: only a\n${apps}`, 'i.yaml'), testRules);
    expect(onItem.filter((f) => f.ruleId === 'iam-auth-method-missing').map((f) => f.suppression?.reason ?? null)).toEqual(['only a', null]);
  });

  it('suppressed findings never change the rule set or severities; off still wins', async () => {
    const loaded = await loadConfigFile('test/linter/engine/fixtures/suppressed.yaml');
    const findings = lintLoadedWith(loaded, testRules, { severities: { 'suppression-reason-missing': 'warning', 'refresh-token-seen': 'off' } });
    expect(findings.map(brief)).toEqual([
      '7:5 iam-auth-method-missing [comment: a public client; tokens come from CreateToken]',
      '11:5 iam-auth-method-missing',
      '13:7 suppression-reason-missing',
      '16:7 suppression-unknown-rule',
    ]);
    expect(findings[2]!.severity).toBe('warning');
  });

  it('reads `//` comments in TypeScript above a construct', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-supp-'));
    const file = join(dir, 'stack.ts');
    writeFileSync(
      file,
      [
        "import { IdentityCenterApplication, ApplicationGrant } from 'tipkit';",
        'export function build(scope: any) {',
        '  // tipkit-ignore iam-auth-method-missing: tokens come from CreateToken only',
        "  const cli = new IdentityCenterApplication(scope, 'cli', {",
        "    instanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d',",
        "    name: 'cli',",
        '  });',
        "  const web = new IdentityCenterApplication(scope, 'web', { instanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', name: 'web' });",
        "  new ApplicationGrant(scope, 'cli-refresh', { application: cli, grantType: 'refresh_token' });",
        '  // tipkit-ignore refresh-token-seen: the web app refreshes server-side',
        "  new ApplicationGrant(scope, 'web-refresh', { application: web, grantType: 'refresh_token' });",
        '}',
      ].join('\n'),
    );
    const findings = lintLoadedWith(await loadConfigFile(file), testRules);
    const summary = findings.map((f) => `${f.location.line} ${f.ruleId} ${f.resource} ${f.suppression ? 'suppressed' : 'open'}`);
    expect(summary).toContain('4 iam-auth-method-missing applications/cli suppressed');
    expect(summary).toContain('8 iam-auth-method-missing applications/web open');
    expect(summary.filter((s) => s.includes('refresh-token-seen'))).toEqual([
      expect.stringMatching(/^9 refresh-token-seen applications\/cli\/Grants\/0 open$/),
      expect.stringMatching(/^11 refresh-token-seen applications\/web\/Grants\/0 suppressed$/),
    ]);
  });
});

describe('construct suppressions', () => {
  it('cover the construct subtree, need a reason, and name known rules', () => {
    const loaded = loadConfigText(
      'version: 1\ninstance:\n  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d\n  IdentityStoreId: d-9067642ac7\napplications:\n  - Name: a\n    Grants: [{ GrantType: refresh_token, Grant: { RefreshToken: {} } }]\n  - Name: b\n    Grants: [{ GrantType: refresh_token, Grant: { RefreshToken: {} } }]\n',
      'c.yaml',
    );
    loaded.model.suppressions.push(
      { id: 'refresh-token-seen', reason: 'a needs it', resource: 'applications/a', pointer: ['applications', 0] },
      { id: 'iam-auth-method-missing', reason: '  ', resource: 'applications/b', pointer: ['applications', 1] },
      { id: 'not-a-rule', reason: 'typo', resource: 'applications/b', pointer: ['applications', 1] },
    );
    const findings = lintLoadedWith(loaded, testRules);
    expect(findings.map(brief)).toEqual([
      '6:5 iam-auth-method-missing',
      '7:27 refresh-token-seen [construct: a needs it]',
      '8:5 iam-auth-method-missing',
      '8:5 suppression-reason-missing',
      '8:5 suppression-unknown-rule',
      '9:27 refresh-token-seen',
    ]);
  });
});

describe('tipkit-ignore on a member key', () => {
  it('covers a finding reported at that member of its node', () => {
    const text = [
      'version: 1',
      'instance:',
      '  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d',
      '  IdentityStoreId: d-9067642ac7',
      'applications:',
      '  - Name: a',
      '    # tipkit-ignore refresh-token-seen: fine here',
      '    Grants:',
      '      - GrantType: refresh_token',
      '        Grant: { RefreshToken: {} }',
    ].join('\n');
    // Reported against the application, at its Grants member (as the real iam-auth-method-missing does).
    const grantsRule: Rule = {
      meta: { ...testRules[0]!.meta, id: 'grants-seen', severity: 'warning' },
      check: ({ model, report }) => model.applications.forEach((app) => report({ message: 'grants', node: app, field: ['Grants'] })),
    };
    const withComment = (id: string) => lintLoadedWith(loadConfigText(text.replace('refresh-token-seen', id), 'm.yaml'), [...testRules, grantsRule]);
    expect(withComment('refresh-token-seen').map(brief)).toEqual(['6:5 iam-auth-method-missing', '9:7 grants-seen', '9:20 refresh-token-seen [comment: fine here]']);
    expect(withComment('grants-seen').map(brief)).toEqual(['6:5 iam-auth-method-missing', '9:7 grants-seen [comment: fine here]', '9:20 refresh-token-seen']);
  });
});

describe('tipkit-ignore above the first key', () => {
  it('covers the whole file', () => {
    const text = '# tipkit-ignore iam-auth-method-missing: the whole file is a sketch\nversion: 1\napplications:\n  - Name: a\n    Grants: [{ GrantType: refresh_token, Grant: { RefreshToken: {} } }]\n';
    const findings = lintLoadedWith(loadConfigText(text, 'f.yaml'), testRules);
    expect(findings.filter((f) => f.ruleId === 'iam-auth-method-missing').map((f) => f.suppression?.reason)).toEqual(['the whole file is a sketch']);
  });
});
