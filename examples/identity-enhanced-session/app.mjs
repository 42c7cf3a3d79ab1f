// An application's side of the flow, run against `tipkit serve` with the real AWS SDK clients:
//   1. the IdP's JWT for the user (here minted by serve's /_tipkit/jwt, standing in for Okta),
//   2. SSO OIDC CreateTokenWithIAM (jwt-bearer), signed as the portal backend,
//   3. STS AssumeRole with the token's identity context in ProvidedContexts → an identity-enhanced session,
//   4. STS GetCallerIdentity with that session's credentials.
//
//   TIPKIT_ADMIN_TOKEN=$(openssl rand -hex 24) npx tipkit serve --scenario examples/identity-enhanced-session/scenario.yaml --port 8917 &
//   TIPKIT_ENDPOINT=http://127.0.0.1:8917 TIPKIT_ADMIN_TOKEN=… APPLICATION_ARN=arn:aws:sso::…:application/… \
//   AWS_ACCESS_KEY_ID=AKIAPORTALBACKEND01 AWS_SECRET_ACCESS_KEY=portal-backend-example-secret AWS_REGION=us-east-1 \
//   node examples/identity-enhanced-session/app.mjs
//
// APPLICATION_ARN is data-portal's ARN, which an application is configured with (tipkit derives it from the
// instance and the Name: `tipkit simulate … --verbose` prints it, `aws sso-admin list-applications` lists it).
import { SSOOIDCClient, CreateTokenWithIAMCommand } from '@aws-sdk/client-sso-oidc';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';

const endpoint = process.env.TIPKIT_ENDPOINT ?? 'http://127.0.0.1:8917';
const region = process.env.AWS_REGION ?? 'us-east-1';
const user = process.env.TIPKIT_USER_EMAIL ?? 'alice@example.com';
const roleArn = process.env.ROLE_ARN ?? 'arn:aws:iam::111122223333:role/DataReader';
const applicationArn = process.env.APPLICATION_ARN;
if (!applicationArn) throw new Error('set APPLICATION_ARN to the ARN of the data-portal application');

// 1. The IdP's token. A real application gets it from its sign-in; serve signs one with the scenario's issuer key.
const minted = await fetch(`${endpoint}/_tipkit/jwt`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.TIPKIT_ADMIN_TOKEN}` },
  body: JSON.stringify({ issuer: 'okta-prod', claims: { sub: 'alice', email: user, aud: '0oa1dataportal', jti: crypto.randomUUID() } }),
});
if (!minted.ok) throw new Error(`/_tipkit/jwt answered ${minted.status}: ${await minted.text()}`);
const { jwt } = await minted.json();

// 2. The Identity Center token for the portal (credentials from the environment: the backend's role).
const oidc = new SSOOIDCClient({ endpoint, region });
const token = await oidc.send(new CreateTokenWithIAMCommand({ clientId: applicationArn, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }));
const identityContext = token.awsAdditionalDetails?.identityContext;
if (!identityContext) throw new Error('CreateTokenWithIAM returned no identity context');

// 3. The identity-enhanced session.
const sts = new STSClient({ endpoint, region });
const assumed = await sts.send(
  new AssumeRoleCommand({
    RoleArn: roleArn,
    RoleSessionName: user.replace(/@.*/, ''),
    ProvidedContexts: [{ ProviderArn: 'arn:aws:iam::aws:contextProvider/IdentityCenter', ContextAssertion: identityContext }],
  }),
);

// 4. Who the session is.
const session = new STSClient({
  endpoint,
  region,
  credentials: { accessKeyId: assumed.Credentials.AccessKeyId, secretAccessKey: assumed.Credentials.SecretAccessKey, sessionToken: assumed.Credentials.SessionToken },
});
const who = await session.send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ scope: token.scope, session: assumed.AssumedRoleUser.Arn, expires: assumed.Credentials.Expiration.toISOString(), callerIdentity: who.Arn }));
