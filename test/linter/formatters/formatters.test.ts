import { describe, expect, it } from 'vitest';
import { formatReport, type FormatContext } from '../../../linter/formatters/index.js';
import { escapeData, escapeProperty } from '../../../formats/github-commands.js';
import { testRules } from '../engine/test-rules.js';
import { report } from './report.js';
import { sarifValidator } from './sarif-schema.js';

const context: FormatContext = { cwd: '/work/project', color: false, showSuppressed: false, rules: testRules, toolVersion: '1.2.3' };

const validateSarif = sarifValidator();

describe('json', () => {
  it('prints exactly the spec shape; suppressed findings are kept apart with their reason', () => {
    const out = JSON.parse(formatReport('json', report, context));
    expect(out).toEqual({
      tool: 'tipkit',
      command: 'lint',
      findings: [
        { ruleId: 'grant-type-unknown', severity: 'error', message: report.findings[0]!.message, resource: 'applications/alpha/Grants/0', location: { file: 'conf/tipkit.yaml', line: 3, column: 20 } },
        { ruleId: 'refresh-token-seen', severity: 'note', message: "refresh_token grant on 'beta'", resource: 'applications/beta/Grants/0', location: { file: 'other dir/b.yaml', line: 2, column: 3 } },
      ],
      suppressed: [
        {
          ruleId: 'iam-auth-method-missing',
          severity: 'warning',
          message: "application 'alpha' has no IAM authentication method",
          resource: 'applications/alpha',
          location: { file: 'conf/tipkit.yaml', line: 1, column: 5 },
          suppression: { kind: 'comment', reason: 'a public client' },
        },
      ],
      summary: { errors: 1, warnings: 0, notes: 1, files: 2, suppressed: 1 },
    });
  });
});

describe('sarif', () => {
  const log = JSON.parse(formatReport('sarif', report, context));
  const run = log.runs[0];

  it('is valid against the official SARIF 2.1.0 schema', () => {
    const ok = validateSarif(log);
    expect(validateSarif.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail (a result without a message is refused)', () => {
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    expect(validateSarif(broken)).toBe(false);
  });

  it('lists every rule with its docs, and points results at them', () => {
    expect(log.version).toBe('2.1.0');
    expect(run.tool.driver).toMatchObject({ name: 'tipkit', version: '1.2.3', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(testRules.map((r) => r.meta.id));
    const iam = run.tool.driver.rules[1];
    expect(iam).toMatchObject({
      id: 'iam-auth-method-missing',
      shortDescription: { text: testRules[1]!.meta.summary },
      fullDescription: { text: 'why iam-auth-method-missing' },
      helpUri: expect.stringMatching(/docs\/rules\/iam-auth-method-missing\.md$/),
      defaultConfiguration: { level: 'warning' },
    });
    expect(iam.help.markdown).toContain('## How to fix');
    expect(iam.help.text).toContain('fix iam-auth-method-missing');
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
  });

  it('locates results relative to %SRCROOT% and keeps suppressed ones as suppressed', () => {
    expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/project/');
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(run.results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'conf/tipkit.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 20 } });
    expect(run.results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('other%20dir/b.yaml');
    expect(run.results[1].suppressions).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'a public client' }]);
    expect(run.results[0].suppressions).toBeUndefined();
  });
});

describe('github', () => {
  it('prints one workflow command per unsuppressed finding', () => {
    expect(formatReport('github', report, context)).toBe(
      [
        `::error file=conf/tipkit.yaml,line=3,col=20,title=grant-type-unknown::${report.findings[0]!.message}`,
        "::notice file=other dir/b.yaml,line=2,col=3,title=refresh-token-seen::refresh_token grant on 'beta'",
        '',
      ].join('\n'),
    );
  });

  it("escapes %, CR and LF in messages, and also : and , in properties", () => {
    expect(escapeData('100% sure\r\nnext: a, b')).toBe('100%25 sure%0D%0Anext: a, b');
    expect(escapeProperty('a,b:c%d\ne')).toBe('a%2Cb%3Ac%25d%0Ae');
    const tricky = { ...report, findings: [{ ...report.findings[0]!, message: 'line1\nline2 50%', location: { file: 'a,b:c.yaml', line: 1, column: 1 } }] };
    expect(formatReport('github', tricky, context)).toBe('::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=grant-type-unknown::line1%0Aline2 50%25\n');
  });
});

describe('text', () => {
  it('groups by file, shows the source line with a caret under the column, and a summary', () => {
    const out = formatReport('text', report, context);
    expect(out).toBe(
      [
        'conf/tipkit.yaml',
        `  3:20  error    ${report.findings[0]!.message}  grant-type-unknown`,
        '    3 | \t     - GrantType: password',
        '      | \t                  ^',
        '',
        'other dir/b.yaml',
        "  2:3  note     refresh_token grant on 'beta'  refresh-token-seen",
        '    2 |   b: 1',
        '      |   ^',
        '',
        '2 problems (1 error, 0 warnings, 1 note) in 2 files, 1 suppressed (--show-suppressed lists them)',
        '',
      ].join('\n'),
    );
    // The caret sits under the column: column 20 of the source line is the `p` of `password`.
    expect('\t     - GrantType: password'.charAt(19)).toBe('p');
  });

  it('lists suppressed findings with their reason on request, and colours only when asked', () => {
    const shown = formatReport('text', report, { ...context, showSuppressed: true });
    expect(shown).toContain("  1:5   warning  application 'alpha' has no IAM authentication method  iam-auth-method-missing (suppressed: a public client)");
    expect(shown).not.toContain('\x1b[');
    expect(formatReport('text', report, { ...context, color: true })).toContain('\x1b[31m');
  });

  it('says so when there is nothing to report', () => {
    expect(formatReport('text', { ...report, findings: [], summary: { errors: 0, warnings: 0, notes: 0, files: 3 } }, context)).toBe('0 problems (0 errors, 0 warnings, 0 notes) in 3 files\n');
  });
});
