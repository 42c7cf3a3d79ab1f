/**
 * IdentityCenterApplication: a customer-managed OAuth application (aws_ssoadmin_application) with its
 * assignment configuration and assignments. A principal given by name rather than id is looked up with an
 * identitystore data source.
 */
import { Construct } from 'constructs';
import { SsoadminApplication, SsoadminApplicationAssignment, SsoadminApplicationAssignmentConfiguration, DataAwsIdentitystoreGroup, DataAwsIdentitystoreUser } from './cdk.js';
import { isPrincipalId } from '../model/arn.js';
import { DEFAULT_APPLICATION_PROVIDER_ARN } from '../model/types.js';
import { attachRecord, TIPKIT_RECORD, writeSuppressions, type TipkitRecord } from './metadata.js';
import type { AssignmentProps, IdentityCenterApplicationProps, Tag } from './props.js';

export { isPrincipalId };

/** Thrown at construction when the props cannot be turned into Terraform (not a lint finding: nothing to synth). */
export class TipkitConstructError extends Error {
  readonly code = 'ERR_TIPKIT_CONSTRUCT';
  constructor(message: string) {
    super(message);
    this.name = 'TipkitConstructError';
  }
}

export const tagMap = (tags: readonly Tag[] | undefined): Record<string, string> | undefined =>
  tags && tags.length ? Object.fromEntries(tags.map((t) => [t.key, t.value])) : undefined;

export class IdentityCenterApplication extends Construct {
  declare readonly [TIPKIT_RECORD]: TipkitRecord;
  /** The application's ARN (a Terraform reference). */
  readonly applicationArn: string;
  readonly applicationName: string;
  readonly resource: SsoadminApplication;
  readonly assignmentConfiguration: SsoadminApplicationAssignmentConfiguration;
  readonly assignments: SsoadminApplicationAssignment[];

  constructor(scope: Construct, id: string, props: IdentityCenterApplicationProps) {
    super(scope, id);
    attachRecord(this, 'application', props);
    const portal = props.portalOptions;
    // "Default" keeps the construct id as the Terraform name: aws_ssoadmin_application.<id>.
    this.resource = new SsoadminApplication(this, 'Default', {
      instanceArn: props.instanceArn,
      name: props.name,
      applicationProviderArn: props.applicationProviderArn ?? DEFAULT_APPLICATION_PROVIDER_ARN,
      description: props.description,
      status: props.status,
      tags: tagMap(props.tags),
      portalOptions: portal && [
        {
          visibility: portal.visibility,
          signInOptions: portal.signInOptions && [{ origin: portal.signInOptions.origin, applicationUrl: portal.signInOptions.applicationUrl }],
        },
      ],
    });
    writeSuppressions(this.resource, props.suppressions);
    this.applicationArn = this.resource.applicationArn;
    this.applicationName = props.name;
    this.assignmentConfiguration = new SsoadminApplicationAssignmentConfiguration(this, 'assignment-configuration', {
      applicationArn: this.applicationArn,
      assignmentRequired: props.assignmentRequired ?? true,
    });
    const width = Math.max(2, String((props.assignments?.length ?? 1) - 1).length);
    this.assignments = (props.assignments ?? []).map((a, i) => {
      const n = String(i).padStart(width, '0');
      return new SsoadminApplicationAssignment(this, `assignment${n}`, {
        applicationArn: this.applicationArn,
        principalType: a.principalType,
        principalId: this.principalId(a, `principal${n}`, props.identityStoreId),
      });
    });
  }

  private principalId(a: AssignmentProps, id: string, identityStoreId: string | undefined): string {
    if (isPrincipalId(a.principalId)) return a.principalId;
    if (!identityStoreId) {
      throw new TipkitConstructError(
        `application '${this.applicationName}': assignment principal '${a.principalId}' is a name, not an id; resolving it needs identityStoreId`,
      );
    }
    if (a.principalType === 'GROUP') {
      return new DataAwsIdentitystoreGroup(this, id, {
        identityStoreId,
        alternateIdentifier: { uniqueAttribute: { attributePath: 'DisplayName', attributeValue: a.principalId } },
      }).groupId;
    }
    return new DataAwsIdentitystoreUser(this, id, {
      identityStoreId,
      alternateIdentifier: { uniqueAttribute: { attributePath: 'UserName', attributeValue: a.principalId } },
    }).userId;
  }
}
