/**
 * What a construct prop left out means. Each is the only value AWS accepts there today, so the props may leave it
 * out while the request (and tipkit.yaml, which mirrors the request) must carry it. The constructs, collectConfig()
 * (the TipkitChecks aspect) and the static TypeScript reader all apply these, so the three agree.
 */
export const PROP_DEFAULTS = {
  trustedTokenIssuerType: 'OIDC_JWT',
  jwksRetrievalOption: 'OPEN_ID_DISCOVERY',
  authenticationMethodType: 'IAM',
} as const;
