/**
 * ApplicationAuthenticationMethod: PutApplicationAuthenticationMethod (the IAM actor policy that may call
 * CreateTokenWithIAM for the application). Like grants, a terraform_data resource running the AWS CLI.
 */
import { Construct } from 'constructs';
import { attachRecord, TIPKIT_RECORD, writeSuppressions, type TipkitRecord } from './metadata.js';
import { PROP_DEFAULTS, type ApplicationAuthenticationMethodProps } from './props.js';
import { applicationArnOf } from './refs.js';
import { ssoAdminCall } from './sso-admin-call.js';
import type { TerraformDataResource } from './terraform-data.js';

export class ApplicationAuthenticationMethod extends Construct {
  declare readonly [TIPKIT_RECORD]: TipkitRecord;
  readonly resource: TerraformDataResource;

  constructor(scope: Construct, id: string, props: ApplicationAuthenticationMethodProps) {
    super(scope, id);
    attachRecord(this, 'authenticationMethod', props);
    this.resource = ssoAdminCall(this, 'Default', {
      marker: 'PutApplicationAuthenticationMethod',
      putCommand: 'put-application-authentication-method',
      deleteCommand: 'delete-application-authentication-method',
      deleteFlags: { '--application-arn': 'ApplicationArn', '--authentication-method-type': 'AuthenticationMethodType' },
      request: {
        ApplicationArn: applicationArnOf(props.application),
        AuthenticationMethodType: props.authenticationMethodType ?? PROP_DEFAULTS.authenticationMethodType,
        // The actor policy is an IAM document: its keys stay exactly as written.
        AuthenticationMethod: { Iam: { ActorPolicy: props.authenticationMethod.iam.actorPolicy } },
      },
    });
    writeSuppressions(this.resource, props.suppressions);
  }
}
