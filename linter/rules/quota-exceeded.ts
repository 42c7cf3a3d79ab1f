/** quota-exceeded: more trusted token issuers in an instance, or access scopes on an application, than Identity Center allows. */
import { IDENTITY_CENTER_QUOTAS } from '../../model/quotas.js';
import type { Rule } from '../types.js';

const { trustedTokenIssuers, accessScopesPerApplication } = IDENTITY_CENTER_QUOTAS;

const scopes = (n: number) =>
  `applications:
  - Name: portal
    AccessScopes:
${Array.from({ length: n }, (_, i) => `      - Scope: custom:scope_${i}`).join('\n')}
`;

export const rule: Rule = {
  meta: {
    id: 'quota-exceeded',
    severity: 'warning',
    summary: `more than ${trustedTokenIssuers.limit} trusted token issuers in an instance, or ${accessScopesPerApplication.limit} access scopes on an application`,
    docs: {
      why:
        `Identity Center holds at most ${trustedTokenIssuers.limit} trusted token issuers per instance and ${accessScopesPerApplication.limit} access scopes per ` +
        'application (the access-scope quota cannot be raised). A deploy of more fails part-way with ServiceQuotaExceededException, after ' +
        'the resources before it were created; `tipkit serve` refuses the same calls.',
      fix: 'Share one trusted token issuer between the applications that trust the same IdP, and keep the access scopes an application really grants.',
      bad: scopes(accessScopesPerApplication.limit + 1),
      good: scopes(2),
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html',
    },
  },
  check({ model, report }) {
    // Issuers count per instance (an issuer may name its own InstanceArn).
    const perInstance = new Map<string, number>();
    for (const issuer of model.issuers) {
      const instanceArn = typeof issuer.raw.InstanceArn === 'string' ? issuer.raw.InstanceArn : (model.instance.instanceArn ?? '');
      const count = (perInstance.get(instanceArn) ?? 0) + 1;
      perInstance.set(instanceArn, count);
      if (count === trustedTokenIssuers.limit + 1)
        report({ node: issuer, field: ['Name'], message: `trusted token issuer '${issuer.name}' is number ${count} in its instance; Identity Center allows ${trustedTokenIssuers.limit} ${trustedTokenIssuers.what}` });
    }
    for (const app of model.applications) {
      const distinct = [...new Set(app.accessScopes.map((s) => s.scope).filter((s) => s !== undefined))];
      if (distinct.length <= accessScopesPerApplication.limit) continue;
      const over = app.accessScopes.find((s) => s.scope === distinct[accessScopesPerApplication.limit])!;
      report({ node: over, field: ['Scope'], message: `application '${app.name}' declares ${distinct.length} access scopes; Identity Center allows ${accessScopesPerApplication.limit} ${accessScopesPerApplication.what}` });
    }
  },
};
