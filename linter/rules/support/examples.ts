/** Building blocks of the rules' documentation examples (docs.bad / docs.good), so each shows only what it is about. */

export interface IssuerExample {
  name?: string;
  issuerUrl?: string;
  claim?: string;
  attribute?: string;
}

/** One `trustedTokenIssuers` item: the Okta-style issuer of the examples, with the members an example changes. */
export function issuerExample(o: IssuerExample = {}): string {
  return `  - Name: ${o.name ?? 'okta'}
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration:
        IssuerUrl: ${o.issuerUrl ?? 'https://dev-123.okta.com/oauth2/default'}
        ClaimAttributePath: ${o.claim ?? 'email'}
        IdentityStoreAttributePath: ${o.attribute ?? 'emails.value'}
        JwksRetrievalOption: OPEN_ID_DISCOVERY
`;
}
