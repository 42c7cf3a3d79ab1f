/** The token-exchange setup shared by the simulator and emulator figures: a config, a scenario, the IdP key and signed assertions. */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

export const ISSUER_URL = 'https://idp.bench.example.com/oauth2/default';
export const AUDIENCE = 'bench-portal';
export const APPLICATION = 'portal';
/** serve takes application clients by ARN only, as AWS does. */
export const APPLICATION_ARN = 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-be0c4b0a1d2e3f40';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const CALLER = { arn: 'arn:aws:iam::111122223333:role/PortalBackend', accessKeyId: 'AKIDBENCHPORTAL01', secretAccessKey: 'bench-secret-access-key' };
export const REGION = 'us-east-1';
/** oidc-provider's client for the HTTP figure's peer (client_credentials, client_secret_basic). */
export const OIDC_CLIENT = { client_id: 'bench-backend', client_secret: 'bench-backend-secret-value-0123456789' };

const CONFIG = `version: 1
instance:
  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d
  IdentityStoreId: d-9067642ac7
  Region: ${REGION}
trustedTokenIssuers:
  - Name: corp-idp
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration:
        IssuerUrl: ${ISSUER_URL}
        ClaimAttributePath: email
        IdentityStoreAttributePath: emails.value
        JwksRetrievalOption: OPEN_ID_DISCOVERY
applications:
  - Name: ${APPLICATION}
    ApplicationArn: ${APPLICATION_ARN}
    Grants:
      - GrantType: ${JWT_BEARER}
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
              - { TrustedTokenIssuerArn: corp-idp, AuthorizedAudiences: [${AUDIENCE}] }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
    Assignments:
      - { PrincipalType: GROUP, PrincipalId: analysts }
    AccessScopes:
      - Scope: redshift:connect
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - { Effect: Allow, Principal: { AWS: ${CALLER.arn} }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }
`;

/** 200 users, so the identity-store lookup is not a one-element search. */
function scenarioText() {
  const users = Array.from({ length: 200 }, (_, i) => `    - { UserId: u-${i}, UserName: user${i}, Emails: [{ Value: user${i}@example.com, Primary: true }] }`);
  return `version: 1
config: ./tipkit.yaml
identityStore:
  Users:
${users.join('\n')}
  Groups:
    - { GroupId: g-analysts, DisplayName: analysts, Members: [${Array.from({ length: 200 }, (_, i) => `user${i}`).join(', ')}] }
issuers:
  corp-idp: { privateJwk: ./idp.private.jwk.json }
principals:
  backend: { Arn: ${CALLER.arn}, AccessKeyId: ${CALLER.accessKeyId}, SecretAccessKey: ${CALLER.secretAccessKey} }
requests: []
`;
}

/** Writes tipkit.yaml, scenario.yaml and a fresh IdP private JWK of `alg` into `dir`. */
export async function writeExchangeFixture(dir, alg) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `bench-${alg.toLowerCase()}`;
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  writeFileSync(join(dir, 'tipkit.yaml'), CONFIG);
  writeFileSync(join(dir, 'scenario.yaml'), scenarioText());
  writeFileSync(join(dir, 'idp.private.jwk.json'), JSON.stringify(privateJwk));
  return { scenarioFile: join(dir, 'scenario.yaml'), configFile: join(dir, 'tipkit.yaml'), privateKey, publicKey, kid, alg };
}

/** `count` IdP assertions, each with its own jti (a jti is exchanged once), valid for ten minutes from `nowMs`. */
export async function signAssertions(fixture, count, nowMs) {
  const iat = Math.floor(nowMs / 1000);
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push(
      await new SignJWT({ email: `user${i % 200}@example.com` })
        .setProtectedHeader({ alg: fixture.alg, kid: fixture.kid, typ: 'JWT' })
        .setIssuer(ISSUER_URL)
        .setAudience(AUDIENCE)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 600)
        .setJti(randomUUID())
        .sign(fixture.privateKey),
    );
  }
  return out;
}

const signer = new SignatureV4({
  service: 'sso-oauth',
  region: REGION,
  credentials: { accessKeyId: CALLER.accessKeyId, secretAccessKey: CALLER.secretAccessKey },
  sha256: Sha256,
});

/** A CreateTokenWithIAM request as the AWS SDK sends it (restJson1, SigV4), ready to replay once. */
export async function signedCreateTokenWithIam(host, assertion) {
  const body = JSON.stringify({ clientId: APPLICATION_ARN, grantType: JWT_BEARER, assertion, scope: ['redshift:connect'] });
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: host.split(':')[0],
    port: Number(host.split(':')[1]),
    path: '/token',
    query: { aws_iam: 't' },
    // autocannon adds Content-Length itself; the SDK leaves it unsigned too.
    headers: { host, 'content-type': 'application/json' },
    body,
  });
  const signed = await signer.sign(request);
  return { method: 'POST', path: '/token?aws_iam=t', headers: signed.headers, body };
}
