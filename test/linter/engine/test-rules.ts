/** Small rules for engine tests, so the engine is tested apart from the real rule set. */
import type { Rule, RuleMeta, Severity } from '../../../linter/types.js';

function meta(id: string, severity: Severity, summary: string): RuleMeta {
  return { id, severity, summary, docs: { why: `why ${id}`, fix: `fix ${id}`, bad: 'version: 1', good: 'version: 1', reference: 'https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/' } };
}

export const schemaViolation: Rule = { meta: meta('schema-violation', 'error', 'the config breaks the schema'), check() {} };

export const grantTypeUnknown: Rule = {
  meta: meta('grant-type-unknown', 'error', '`GrantType` is none of the four grant types'),
  claims: (v) => v.keyword === 'enum' && v.pointer[v.pointer.length - 1] === 'GrantType',
  check() {},
};

/** Fires on every application with grants and no authentication method. */
export const iamAuthMethodMissing: Rule = {
  meta: meta('iam-auth-method-missing', 'warning', 'an application has grants but no IAM authentication method'),
  check({ model, report }) {
    for (const app of model.applications) {
      if (app.grants.length > 0 && app.authenticationMethods.length === 0) report({ message: `application '${app.name}' has no IAM authentication method`, node: app });
    }
  },
};

/** Fires on every grant whose type is refresh_token, at its GrantType value — reported twice to test dedupe. */
export const refreshTokenSeen: Rule = {
  meta: meta('refresh-token-seen', 'note', 'a refresh_token grant'),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        if (grant.grantType !== 'refresh_token') continue;
        report({ message: `refresh_token grant on '${app.name}'`, node: grant, field: ['GrantType'] });
        report({ message: `refresh_token grant on '${app.name}'`, node: grant, field: ['GrantType'] });
      }
    }
  },
};

export const testRules: Rule[] = [grantTypeUnknown, iamAuthMethodMissing, refreshTokenSeen, schemaViolation];
