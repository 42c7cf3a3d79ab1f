/**
 * Identity Center's documented quotas on what a tipkit config declares. `tipkit serve` enforces them
 * (ServiceQuotaExceededException) and the linter's `quota-exceeded` rule warns before a deploy would hit them.
 */
export interface IdentityCenterQuota {
  /** What is counted. */
  what: string;
  limit: number;
  /** Where AWS states it. */
  source: string;
}

export const IDENTITY_CENTER_QUOTAS = {
  /** IAM Identity Center user guide, trusted token issuer page: "You can add up to 10 trusted token issuers". */
  trustedTokenIssuers: { what: 'trusted token issuers per instance', limit: 10, source: 'IAM Identity Center user guide, trusted token issuers (tip-facts §9)' },
  /** IAM Identity Center user guide, "IAM Identity Center quotas", Application quotas: access scopes per application 25, not adjustable. */
  accessScopesPerApplication: { what: 'access scopes per application', limit: 25, source: 'IAM Identity Center user guide, quotas: "Access scopes per application 25"' },
} as const satisfies Record<string, IdentityCenterQuota>;
