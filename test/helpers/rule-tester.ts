/**
 * ESLint-RuleTester-style harness: each case is a whole tipkit.yaml, loaded with loadConfigText and linted with
 * every rule (so `claims` decide who reports a schema violation, as in real runs); only the findings of the rule
 * under test are compared.
 */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../inputs/load.js';
import { SCHEMA_VIOLATION_RULE_ID, runRules } from '../../linter/engine.js';
import { allRules } from '../../linter/rules/index.js';
import type { Finding, Rule } from '../../linter/types.js';

export interface ValidCase {
  name: string;
  yaml: string;
  /** File name the text is loaded as (default tipkit.yaml). */
  file?: string;
}

export interface ExpectedError {
  line: number;
  column?: number;
  messageIncludes?: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Every finding of every rule for a config text. */
export function lintText(yaml: string, file = 'tipkit.yaml', rules: readonly Rule[] = allRules): Finding[] {
  return runRules(loadConfigText(yaml, file), rules);
}

/** The registry with `rule` in place of the registered rule of the same id (or added). */
function registryWith(rule: Rule): readonly Rule[] {
  const replaced = allRules.map((r) => (r.meta.id === rule.meta.id ? rule : r));
  return replaced.includes(rule) ? replaced : [...replaced, rule];
}

const show = (findings: readonly Finding[]): string =>
  findings.map((f) => `  ${f.location.line}:${f.location.column} ${f.ruleId}: ${f.message}`).join('\n') || '  (none)';

export function assertUniqueNames(rule: Rule, cases: RuleCases): void {
  const seen = new Set<string>();
  for (const { name } of [...cases.valid, ...cases.invalid]) {
    if (seen.has(name)) throw new Error(`${rule.meta.id}: duplicate test case name '${name}'`);
    seen.add(name);
  }
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.meta.id}: needs at least one valid and one invalid case`);
  for (const c of cases.invalid) if (c.errors.length === 0) throw new Error(`${rule.meta.id}: invalid case '${c.name}' lists no errors`);
}

/** What is wrong with a valid case: every finding of the rule under test (empty when the case passes). */
export function checkValidCase(rule: Rule, c: ValidCase): string[] {
  const mine = lintText(c.yaml, c.file, registryWith(rule)).filter((f) => f.ruleId === rule.meta.id);
  return mine.length === 0 ? [] : [`expected no ${rule.meta.id} finding, got:\n${show(mine)}`];
}

/** What is wrong with an invalid case (empty when the case passes). */
export function checkInvalidCase(rule: Rule, c: InvalidCase): string[] {
  const id = rule.meta.id;
  const all = lintText(c.yaml, c.file, registryWith(rule));
  const mine = all.filter((f) => f.ruleId === id);
  const context = `${id} findings:\n${show(mine)}\nall findings:\n${show(all)}`;
  const problems: string[] = [];
  if (mine.length !== c.errors.length) problems.push(`expected ${c.errors.length} ${id} finding(s), got ${mine.length}`);
  // Each expected error takes the first unmatched finding it describes (findings at one place may come in any order).
  const unmatched = [...mine];
  for (const e of c.errors) {
    const k = unmatched.findIndex(
      (f) =>
        f.location.line === e.line &&
        (e.column === undefined || f.location.column === e.column) &&
        (e.messageIncludes === undefined || f.message.includes(e.messageIncludes)),
    );
    if (k < 0) {
      problems.push(`no ${id} finding matches ${JSON.stringify(e)}`);
      continue;
    }
    if (unmatched[k]!.severity !== rule.meta.severity) problems.push(`finding at line ${e.line} has severity ${unmatched[k]!.severity}, not ${rule.meta.severity}`);
    unmatched.splice(k, 1);
  }
  // One problem, one finding: never the specific rule and schema-violation on the same node.
  if (id !== SCHEMA_VIOLATION_RULE_ID) {
    const generic = all.filter(
      (g) => g.ruleId === SCHEMA_VIOLATION_RULE_ID && mine.some((f) => f.location.line === g.location.line && f.location.column === g.location.column),
    );
    if (generic.length > 0) problems.push(`schema-violation reported at the same place as ${id}:\n${show(generic)}`);
  }
  return problems.length === 0 ? [] : [...problems, context];
}

export const ruleTester = {
  run(rule: Rule, cases: RuleCases): void {
    assertUniqueNames(rule, cases);
    describe(rule.meta.id, () => {
      describe('valid', () => {
        for (const c of cases.valid) it(c.name, () => expect(checkValidCase(rule, c).join('\n')).toBe(''));
      });
      describe('invalid', () => {
        for (const c of cases.invalid) it(c.name, () => expect(checkInvalidCase(rule, c).join('\n')).toBe(''));
      });
    });
  },
};

/** The first three lines of every test config; a fragment appended to it starts on line 4. */
export const HEAD = `version: 1
instance:
  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d
`;

export interface IssuerFields {
  name?: string;
  url?: string;
  claim?: string;
  attribute?: string;
  /** Extra lines inside the issuer item (indented by 4), e.g. `TrustedTokenIssuerArn: …`. */
  extra?: string;
}

/**
 * A `trustedTokenIssuers:` section with one 8-line item per issuer. Issuer k (0-based) of a section that starts on
 * line S: Name on S+1+8k (column 11), IssuerUrl on S+5+8k (column 20), ClaimAttributePath on S+6+8k (column 29),
 * IdentityStoreAttributePath on S+7+8k (column 37). `extra` lines go after the item's last line.
 */
export function issuersYaml(...issuers: IssuerFields[]): string {
  return (
    'trustedTokenIssuers:\n' +
    issuers
      .map(
        (i) => `  - Name: ${i.name ?? 'okta-prod'}
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration:
        IssuerUrl: ${JSON.stringify(i.url ?? 'https://dev-123.okta.com/oauth2/default')}
        ClaimAttributePath: ${JSON.stringify(i.claim ?? 'email')}
        IdentityStoreAttributePath: ${JSON.stringify(i.attribute ?? 'emails.value')}
        JwksRetrievalOption: OPEN_ID_DISCOVERY
${i.extra ? i.extra.replace(/^/gm, '    ') + '\n' : ''}`,
      )
      .join('')
  );
}

/** An IAM authentication method allowing `action` (list item indented for an application at `  - Name:`). */
export function iamMethodYaml(action = 'sso-oauth:CreateTokenWithIAM'): string {
  return `    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: { AWS: arn:aws:iam::111122223333:role/Backend }
                  Action: ${action}
                  Resource: "*"
`;
}
