// The identity-enhanced-session example as a CDK for Terraform app: the same setup as tipkit.yaml, written with
// tipkit's constructs, plus the IAM role the portal assumes with the user's identity context (the provider's IamRole).
// Run it with `node --import tipkit/ts-register examples/identity-enhanced-session/main.ts`.
import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role/index.js';
import type { Construct } from 'constructs';
import { ApplicationAccessScope, ApplicationAuthenticationMethod, ApplicationGrant, IdentityCenterApplication, TipkitChecks, TrustedTokenIssuer } from 'tipkit';

const instanceArn = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const identityStoreId = 'd-9067642ac7';
const portalBackend = 'arn:aws:iam::111122223333:role/PortalBackend';

class IdentityEnhancedSessionStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    const okta = new TrustedTokenIssuer(this, 'okta-prod', {
      instanceArn,
      name: 'okta-prod',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: {
        oidcJwtConfiguration: {
          issuerUrl: 'https://dev-123.okta.com/oauth2/default',
          claimAttributePath: 'email',
          identityStoreAttributePath: 'emails.value',
          jwksRetrievalOption: 'OPEN_ID_DISCOVERY',
        },
      },
    });

    const portal = new IdentityCenterApplication(this, 'data-portal', {
      instanceArn,
      identityStoreId,
      name: 'data-portal',
      description: 'Portal backend that reads S3 data for the signed-in user',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'analysts' }],
    });
    new ApplicationGrant(this, 'data-portal-jwt-bearer', {
      application: portal,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: okta, authorizedAudiences: ['0oa1dataportal'] }] } },
    });
    new ApplicationAccessScope(this, 'data-portal-s3', { application: portal, scope: 's3:access_grants:read_write' });
    new ApplicationAuthenticationMethod(this, 'data-portal-iam', {
      application: portal,
      authenticationMethodType: 'IAM',
      authenticationMethod: {
        iam: {
          actorPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: portalBackend }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
          },
        },
      },
    });

    // The step after the token: the backend assumes DataReader with the token's identity context, so its trust
    // policy allows both sts:AssumeRole and sts:SetContext (tipkit lint: role-trust-no-set-context).
    new IamRole(this, 'data-reader', {
      name: 'DataReader',
      description: 'Identity-enhanced sessions of portal users, for S3 Access Grants',
      maxSessionDuration: 7200,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'PortalBackendWithIdentityContext',
            Effect: 'Allow',
            Principal: { AWS: portalBackend },
            Action: ['sts:AssumeRole', 'sts:SetContext'],
            Condition: { 'ForAnyValue:ArnEquals': { 'sts:RequestContextProviders': 'arn:aws:iam::aws:contextProvider/IdentityCenter' } },
          },
        ],
      }),
      inlinePolicy: [
        {
          name: 's3-access-grants',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: ['s3:GetDataAccess', 's3:ListCallerAccessGrants', 's3:ListAccessGrantsInstances'], Resource: '*' }],
          }),
        },
      ],
    });

    Aspects.of(this).add(new TipkitChecks());
  }
}

const app = new App();
new IdentityEnhancedSessionStack(app, 'tipkit');
app.synth();
