// The device-cli example as a CDK for Terraform app: the same setup as tipkit.yaml, written with tipkit's constructs.
// A public OAuth client (RegisterClient) that signs users in with the device-code flow and refreshes its tokens.
import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';
import { ApplicationAccessScope, ApplicationGrant, IdentityCenterApplication, TipkitChecks } from 'tipkit';

class DeviceCliStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-west-2' });

    const cli = new IdentityCenterApplication(this, 'data-cli', {
      instanceArn: 'arn:aws:sso:::instance/ssoins-6677889900aabbcc',
      identityStoreId: 'd-9067001122',
      name: 'data-cli',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      description: 'data-cli, a public OAuth client using the device-code flow',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'data-engineers' }],
    });

    new ApplicationGrant(this, 'data-cli-refresh-token', {
      application: cli,
      grantType: 'refresh_token',
      grant: { refreshToken: {} },
    });
    new ApplicationAccessScope(this, 'data-cli-account-access', { application: cli, scope: 'sso:account:access' });
    new ApplicationAccessScope(this, 'data-cli-completions', { application: cli, scope: 'codewhisperer:completions' });

    Aspects.of(this).add(new TipkitChecks());
  }
}

const app = new App();
new DeviceCliStack(app, 'tipkit');
app.synth();
