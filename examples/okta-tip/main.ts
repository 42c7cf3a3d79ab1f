// The okta-tip example as a CDK for Terraform app: the same setup as tipkit.yaml, written with tipkit's constructs.
// Run it with `npx -p cdktf-cli@0.21.0 cdktf synth` (cdktf.json; the `cdktf` command is in cdktf-cli) or `node --import tipkit/ts-register examples/okta-tip/main.ts`.
import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';
import {
  ApplicationAccessScope,
  ApplicationAuthenticationMethod,
  ApplicationGrant,
  IdentityCenterApplication,
  TipkitChecks,
  TrustedTokenIssuer,
} from 'tipkit';

const instanceArn = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const identityStoreId = 'd-9067642ac7';

class OktaTipStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    // An Okta-style external IdP trusted by Identity Center.
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
      tags: [{ key: 'team', value: 'data' }],
    });

    // The backend exchanges Okta tokens for Identity Center tokens (jwt-bearer) and refreshes them.
    const portal = new IdentityCenterApplication(this, 'analytics-portal', {
      instanceArn,
      identityStoreId,
      name: 'analytics-portal',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      description: 'Analytics portal backend',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'analysts' }],
    });

    // Receives the user's identity by token exchange.
    const redshift = new IdentityCenterApplication(this, 'redshift-app', {
      instanceArn,
      identityStoreId,
      name: 'redshift-app',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      description: "Query service that receives the user's identity by token exchange",
      assignmentRequired: false,
    });

    new ApplicationGrant(this, 'analytics-portal-jwt-bearer', {
      application: portal,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: {
        jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: okta, authorizedAudiences: ['0oa1analytics'] }] },
      },
    });
    new ApplicationGrant(this, 'analytics-portal-refresh-token', {
      application: portal,
      grantType: 'refresh_token',
      grant: { refreshToken: {} },
    });
    new ApplicationAccessScope(this, 'analytics-portal-redshift-connect', {
      application: portal,
      scope: 'redshift:connect',
      authorizedTargets: [redshift],
    });
    new ApplicationAuthenticationMethod(this, 'analytics-portal-iam', {
      application: portal,
      authenticationMethodType: 'IAM',
      authenticationMethod: {
        iam: {
          actorPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:role/AnalyticsBackend' },
                Action: 'sso-oauth:CreateTokenWithIAM',
                Resource: '*',
              },
            ],
          },
        },
      },
    });

    new ApplicationGrant(this, 'redshift-app-token-exchange', {
      application: redshift,
      grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
      grant: { tokenExchange: {} },
    });
    new ApplicationAccessScope(this, 'redshift-app-redshift-connect', {
      application: redshift,
      scope: 'redshift:connect',
    });
    new ApplicationAuthenticationMethod(this, 'redshift-app-iam', {
      application: redshift,
      authenticationMethodType: 'IAM',
      authenticationMethod: {
        iam: {
          actorPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::111122223333:role/QueryService' },
                Action: 'sso-oauth:CreateTokenWithIAM',
                Resource: '*',
              },
            ],
          },
        },
      },
    });

    // Lint the stack during synth, as cdk-nag does: an error finding fails synth.
    Aspects.of(this).add(new TipkitChecks());
  }
}

const app = new App();
new OktaTipStack(app, 'tipkit');
app.synth();
