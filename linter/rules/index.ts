/** The rule registry: every rule, in the order `tipkit rules` lists them (contract rules first, then tipkit's own). */
import type { Rule } from '../types.js';
import { rule as grantUnionMismatch } from './grant-union-mismatch.js';
import { rule as grantTypeUnknown } from './grant-type-unknown.js';
import { rule as redirectUrisRequired } from './redirect-uris-required.js';
import { rule as redirectUriInvalid } from './redirect-uri-invalid.js';
import { rule as redirectUriInsecure } from './redirect-uri-insecure.js';
import { rule as authorizedTokenIssuersRequired } from './authorized-token-issuers-required.js';
import { rule as authorizedAudiencesRequired } from './authorized-audiences-required.js';
import { rule as tokenIssuerUnresolved } from './token-issuer-unresolved.js';
import { rule as identityCenterInstanceArnInvalid } from './identity-center-instance-arn-invalid.js';
import { rule as duplicateGrant } from './duplicate-grant.js';
import { rule as issuerUrlInvalid } from './issuer-url-invalid.js';
import { rule as issuerUrlTrailingSlash } from './issuer-url-trailing-slash.js';
import { rule as issuerDuplicateUrl } from './issuer-duplicate-url.js';
import { rule as jmespathInvalid } from './jmespath-invalid.js';
import { rule as identityStoreAttributeUnsupported } from './identity-store-attribute-unsupported.js';
import { rule as issuerConfigUnionMismatch } from './issuer-config-union-mismatch.js';
import { rule as issuerUnused } from './issuer-unused.js';
import { rule as tokenExchangeUnreachable } from './token-exchange-unreachable.js';
import { rule as iamAuthMethodMissing } from './iam-auth-method-missing.js';
import { rule as accessScopeTargetUnresolved } from './access-scope-target-unresolved.js';
import { rule as secretInConfig } from './secret-in-config.js';
import { rule as assignmentRequiredWithoutAssignments } from './assignment-required-without-assignments.js';
import { rule as schemaViolation } from './schema-violation.js';
import { rule as actorPolicyNoCreateToken } from './actor-policy-no-create-token.js';
import { rule as refreshTokenWithoutSource } from './refresh-token-without-source.js';
import { rule as accessScopeInvalid } from './access-scope-invalid.js';
import { rule as inputSkipped } from './input-skipped.js';
import { rule as quotaExceeded } from './quota-exceeded.js';
import { rule as roleTrustNoSetContext } from './role-trust-no-set-context.js';
import { rule as roleTrustTooBroad } from './role-trust-too-broad.js';
import { rule as rolePoliciesSwapped } from './role-policies-swapped.js';

export const allRules: readonly Rule[] = [
  grantUnionMismatch,
  grantTypeUnknown,
  redirectUrisRequired,
  redirectUriInvalid,
  redirectUriInsecure,
  authorizedTokenIssuersRequired,
  authorizedAudiencesRequired,
  tokenIssuerUnresolved,
  duplicateGrant,
  issuerUrlInvalid,
  issuerUrlTrailingSlash,
  issuerDuplicateUrl,
  jmespathInvalid,
  identityStoreAttributeUnsupported,
  issuerConfigUnionMismatch,
  issuerUnused,
  tokenExchangeUnreachable,
  iamAuthMethodMissing,
  accessScopeTargetUnresolved,
  secretInConfig,
  assignmentRequiredWithoutAssignments,
  schemaViolation,
  actorPolicyNoCreateToken,
  refreshTokenWithoutSource,
  accessScopeInvalid,
  quotaExceeded,
  identityCenterInstanceArnInvalid,
  roleTrustNoSetContext,
  roleTrustTooBroad,
  rolePoliciesSwapped,
  inputSkipped,
];

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((r) => [r.meta.id, r]));

/** The id under which the lint engine reports readers' notes (LoadedConfig.notes). */
export const INPUT_SKIPPED_RULE_ID = inputSkipped.meta.id;
