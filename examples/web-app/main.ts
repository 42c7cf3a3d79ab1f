// The web-app example as a CDK for Terraform app: the same setup as tipkit.yaml, written with tipkit's constructs.
// Users sign in through Identity Center (authorization_code with PKCE); the server keeps the session with refresh_token.
import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';
import { ApplicationAccessScope, ApplicationAuthenticationMethod, ApplicationGrant, IdentityCenterApplication, TipkitChecks } from 'tipkit';

const instanceArn = 'arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980';
const identityStoreId = 'd-906700aa11';

class WebAppStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'eu-west-1' });

    const wiki = new IdentityCenterApplication(this, 'team-wiki', {
      instanceArn,
      identityStoreId,
      name: 'team-wiki',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      description: 'Team wiki (server-side web app)',
      portalOptions: {
        visibility: 'ENABLED',
        signInOptions: { origin: 'APPLICATION', applicationUrl: 'https://wiki.example.com/' },
      },
      assignmentRequired: true,
      assignments: [
        { principalType: 'GROUP', principalId: 'engineering' },
        { principalType: 'USER', principalId: 'carol' },
      ],
    });

    new ApplicationGrant(this, 'team-wiki-authorization-code', {
      application: wiki,
      grantType: 'authorization_code',
      grant: {
        authorizationCode: {
          redirectUris: ['https://wiki.example.com/oauth/callback', 'http://127.0.0.1:8080/oauth/callback'],
        },
      },
    });
    new ApplicationGrant(this, 'team-wiki-refresh-token', {
      application: wiki,
      grantType: 'refresh_token',
      grant: { refreshToken: {} },
    });
    new ApplicationAccessScope(this, 'team-wiki-openid', { application: wiki, scope: 'openid' });
    new ApplicationAccessScope(this, 'team-wiki-s3-access-grants', { application: wiki, scope: 's3:access_grants:read_write' });
    new ApplicationAuthenticationMethod(this, 'team-wiki-iam', {
      application: wiki,
      authenticationMethodType: 'IAM',
      authenticationMethod: {
        iam: {
          actorPolicy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::444455556666:role/WikiServer' },
                Action: 'sso-oauth:CreateTokenWithIAM',
                Resource: '*',
              },
            ],
          },
        },
      },
    });

    Aspects.of(this).add(new TipkitChecks());
  }
}

const app = new App();
new WebAppStack(app, 'tipkit');
app.synth();
