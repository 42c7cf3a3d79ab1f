// The cdk-terrain example: tipkit's constructs in a CDK Terrain app (`cdktn`, the community fork of CDK for
// Terraform). The imports from tipkit are the same as in a cdktf app; only the CDK and provider packages differ.
// Run it with `node --import tipkit/ts-register examples/cdk-terrain/main.ts`; tipkit.yaml beside it declares the
// same setup.
import { App, Aspects, TerraformStack } from 'cdktn';
import { AwsProvider } from '@cdktn/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';
import { ApplicationAuthenticationMethod, ApplicationGrant, IdentityCenterApplication, TipkitChecks, TrustedTokenIssuer } from 'tipkit';

const instanceArn = 'arn:aws:sso:::instance/ssoins-1122334455667788';

class ReportsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });

    const entra = new TrustedTokenIssuer(this, 'entra-prod', {
      instanceArn,
      name: 'entra-prod',
      trustedTokenIssuerConfiguration: {
        oidcJwtConfiguration: {
          issuerUrl: 'https://login.microsoftonline.com/7a1f0c4e-2b3d-4e5f-8a9b-0c1d2e3f4a5b/v2.0',
          claimAttributePath: 'preferred_username',
          identityStoreAttributePath: 'userName',
        },
      },
    });
    const reports = new IdentityCenterApplication(this, 'reports', {
      instanceArn,
      identityStoreId: 'd-9067334455',
      name: 'reports',
      description: 'Reporting backend',
      assignments: [{ principalType: 'GROUP', principalId: 'finance' }],
    });
    new ApplicationGrant(this, 'reports-jwt', {
      application: reports,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: entra, authorizedAudiences: ['api://reports'] }] } },
    });
    new ApplicationAuthenticationMethod(this, 'reports-iam', {
      application: reports,
      authenticationMethod: {
        iam: {
          actorPolicy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ReportsBackend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
          },
        },
      },
    });

    Aspects.of(this).add(new TipkitChecks());
  }
}

const app = new App();
new ReportsStack(app, 'tipkit');
app.synth();
