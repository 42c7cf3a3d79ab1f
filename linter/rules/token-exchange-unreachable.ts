/** token-exchange-unreachable: an application accepts token exchange, but no access scope names it as a target. */
import { isScopeTargetArn } from '../../model/arn.js';
import { GRANT_TYPES, type ApplicationNode } from '../../model/types.js';
import type { Rule } from '../types.js';

const INSTANCE_ARN = /:instance\//;

export const rule: Rule = {
  meta: {
    id: 'token-exchange-unreachable',
    severity: 'warning',
    summary: 'an application accepts token exchange, but no access scope names it as a target',
    docs: {
      why:
        'A token-exchange grant lets the application trade another application\'s Identity Center access token for ' +
        'its own. The subject token\'s scopes must name this application as an authorized target ' +
        '(PutApplicationAccessScope `AuthorizedTargets`); if no access scope of any application does, every exchange ' +
        'fails with InvalidGrantException.',
      fix: 'Add an access scope on the calling application whose `AuthorizedTargets` lists this application (by Name or ARN).',
      bad: `applications:
  - Name: redshift-app
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
`,
      good: `applications:
  - Name: portal
    AccessScopes:
      - Scope: redshift:connect
        AuthorizedTargets: [redshift-app]
  - Name: redshift-app
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAccessScope.html',
    },
  },
  check({ model, report }) {
    // A scope target the reader could not read may name any application.
    if (model.unknown.hasUnknownParts(['applications', '*', 'AccessScopes', '*', 'AuthorizedTargets'])) return;
    const targeted = new Set<ApplicationNode>();
    // A scope target may also be an instance ARN, which covers every application of that instance.
    const targetedInstances = new Set<string>();
    for (const app of model.applications) {
      for (const scope of app.accessScopes) {
        for (const target of scope.targets) {
          if (target.application) targeted.add(target.application);
          else if (target.resolution === 'external' && isScopeTargetArn(target.ref) && INSTANCE_ARN.test(target.ref)) targetedInstances.add(target.ref);
        }
      }
    }
    for (const app of model.applications) {
      if (targeted.has(app) || (app.instanceArn !== undefined && targetedInstances.has(app.instanceArn))) continue;
      for (const grant of app.grants) {
        if (grant.grantType !== GRANT_TYPES.tokenExchange) continue;
        report({
          node: grant,
          field: ['GrantType'],
          message: `application '${app.name}' accepts token exchange, but no access scope names it in AuthorizedTargets, so no subject token can be exchanged for it`,
        });
      }
    }
  },
};
