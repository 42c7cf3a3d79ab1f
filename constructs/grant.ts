/**
 * ApplicationGrant: PutApplicationGrant for one grant type. The AWS provider has no resource for it, so it is a
 * terraform_data resource whose provisioners call `aws sso-admin put-application-grant` / `delete-application-grant`.
 */
import { Construct } from 'constructs';
import { attachRecord, TIPKIT_RECORD, writeSuppressions, type TipkitRecord } from './metadata.js';
import type { ApplicationGrantProps } from './props.js';
import { applicationArnOf, arnLeaf, pascalize } from './refs.js';
import { ssoAdminCall } from './sso-admin-call.js';
import type { TerraformDataResource } from './terraform-data.js';

/** GrantTypes whose `Grant` member is empty, so the props may leave it out. */
const EMPTY_MEMBER: Record<string, string> = {
  refresh_token: 'RefreshToken',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'TokenExchange',
};

/**
 * The `Grant` union as PutApplicationGrant takes it: the props' grant in PascalCase, issuer constructs as their
 * ARN. Written as given (not rebuilt per type) so the request is exactly what the props say.
 */
export function grantUnion(props: ApplicationGrantProps): unknown {
  return pascalize(grantMember(props), arnLeaf);
}

/** The props' `grant`, or the empty member the grant type implies when it is left out. */
export function grantMember(props: ApplicationGrantProps): object | undefined {
  const empty = EMPTY_MEMBER[props.grantType];
  return props.grant ?? (empty ? { [empty]: {} } : undefined);
}

export class ApplicationGrant extends Construct {
  declare readonly [TIPKIT_RECORD]: TipkitRecord;
  readonly resource: TerraformDataResource;

  constructor(scope: Construct, id: string, props: ApplicationGrantProps) {
    super(scope, id);
    attachRecord(this, 'grant', props);
    this.resource = ssoAdminCall(this, 'Default', {
      marker: 'PutApplicationGrant',
      putCommand: 'put-application-grant',
      deleteCommand: 'delete-application-grant',
      deleteFlags: { '--application-arn': 'ApplicationArn', '--grant-type': 'GrantType' },
      request: { ApplicationArn: applicationArnOf(props.application), GrantType: props.grantType, Grant: grantUnion(props) },
    });
    writeSuppressions(this.resource, props.suppressions);
  }
}
