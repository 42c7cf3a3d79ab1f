/** ApplicationAccessScope: a scope an application may request, and the applications it reaches (aws_ssoadmin_application_access_scope). */
import { Construct } from 'constructs';
import { SsoadminApplicationAccessScope } from './cdk.js';
import { attachRecord, TIPKIT_RECORD, writeSuppressions, type TipkitRecord } from './metadata.js';
import type { ApplicationAccessScopeProps } from './props.js';
import { applicationArnOf } from './refs.js';

export class ApplicationAccessScope extends Construct {
  declare readonly [TIPKIT_RECORD]: TipkitRecord;
  readonly resource: SsoadminApplicationAccessScope;

  constructor(scope: Construct, id: string, props: ApplicationAccessScopeProps) {
    super(scope, id);
    attachRecord(this, 'accessScope', props);
    this.resource = new SsoadminApplicationAccessScope(this, 'Default', {
      applicationArn: applicationArnOf(props.application),
      scope: props.scope,
      authorizedTargets: props.authorizedTargets?.length ? props.authorizedTargets.map(applicationArnOf) : undefined,
    });
    writeSuppressions(this.resource, props.suppressions);
  }
}
