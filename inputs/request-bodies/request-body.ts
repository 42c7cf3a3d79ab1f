/**
 * An sso-admin request body, as `aws sso-admin put-application-grant --cli-input-json file://grant.json`
 * (or `--cli-input-yaml`) reads it: PutApplicationGrant, PutApplicationAccessScope,
 * PutApplicationAuthenticationMethod, CreateApplicationAssignment, PutApplicationAssignmentConfiguration,
 * CreateApplication, CreateTrustedTokenIssuer. The request is linted as the one application (or issuer) it
 * configures; what the request does not say about that application (its other grants, its assignments) is
 * unknown, not missing.
 */
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath, RawConfig } from '../../model/types.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';

type Obj = Record<string, unknown>;

/** An sso-admin request: the members that identify it (all present), and where its body goes in a tipkit config. */
export interface RequestShape {
  operation: string;
  identifying: readonly string[];
  members: readonly string[];
  /** The application section the body fills; undefined for requests that create an application or issuer. */
  section?: 'Grants' | 'AccessScopes' | 'AuthenticationMethods' | 'Assignments';
}

/** Request shapes of the sso-admin model (members as in sso-admin-2020-07-20), most specific first. */
const REQUESTS: readonly RequestShape[] = [
  { operation: 'PutApplicationGrant', identifying: ['ApplicationArn', 'GrantType', 'Grant'], members: ['ApplicationArn', 'GrantType', 'Grant'], section: 'Grants' },
  { operation: 'PutApplicationAccessScope', identifying: ['ApplicationArn', 'Scope'], members: ['ApplicationArn', 'Scope', 'AuthorizedTargets'], section: 'AccessScopes' },
  {
    operation: 'PutApplicationAuthenticationMethod',
    identifying: ['ApplicationArn', 'AuthenticationMethodType', 'AuthenticationMethod'],
    members: ['ApplicationArn', 'AuthenticationMethodType', 'AuthenticationMethod'],
    section: 'AuthenticationMethods',
  },
  { operation: 'CreateApplicationAssignment', identifying: ['ApplicationArn', 'PrincipalId', 'PrincipalType'], members: ['ApplicationArn', 'PrincipalId', 'PrincipalType'], section: 'Assignments' },
  { operation: 'PutApplicationAssignmentConfiguration', identifying: ['ApplicationArn', 'AssignmentRequired'], members: ['ApplicationArn', 'AssignmentRequired'] },
  {
    operation: 'CreateTrustedTokenIssuer',
    identifying: ['InstanceArn', 'Name', 'TrustedTokenIssuerType'],
    members: ['InstanceArn', 'Name', 'TrustedTokenIssuerType', 'TrustedTokenIssuerConfiguration', 'ClientToken', 'Tags'],
  },
  {
    operation: 'CreateApplication',
    identifying: ['InstanceArn', 'ApplicationProviderArn', 'Name'],
    members: ['InstanceArn', 'ApplicationProviderArn', 'Name', 'Description', 'PortalOptions', 'Tags', 'Status', 'ClientToken'],
  },
];

export function requestShapeOf(value: Obj): RequestShape | undefined {
  const keys = Object.keys(value);
  return REQUESTS.find((r) => r.identifying.every((k) => keys.includes(k)) && keys.every((k) => r.members.includes(k)));
}

/** What one application's request leaves unsaid: its other settings, and other applications' scopes. */
function unsaidOfApplication(): NodePath[] {
  return [
    ...['Grants', 'AccessScopes', 'AuthenticationMethods', 'Assignments'].map((s): NodePath => ['applications', 0, s, ANY_SEGMENT]),
    ['applications', 0, 'AssignmentRequired'],
    ['applications', ANY_SEGMENT, 'AccessScopes', ANY_SEGMENT, 'AuthorizedTargets'],
  ];
}

export function requestToRaw(shape: RequestShape, body: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
  const raw: RawConfig = { version: 1 };
  const holes: NodePath[] = [];
  if (shape.operation === 'CreateTrustedTokenIssuer') {
    const { InstanceArn, ...issuer } = body;
    raw.instance = typeof InstanceArn === 'string' ? { InstanceArn } : {};
    raw.trustedTokenIssuers = [issuer];
    positions.absorb(docPositions, [], ['trustedTokenIssuers', 0]);
    positions.absorb(docPositions, ['InstanceArn'], ['instance', 'InstanceArn']);
    // The grants that would use it are other requests.
    holes.push(['applications', ANY_SEGMENT, 'Grants', ANY_SEGMENT]);
    return { raw, positions, holes };
  }
  if (shape.operation === 'CreateApplication') {
    const { InstanceArn, ...app } = body;
    raw.instance = typeof InstanceArn === 'string' ? { InstanceArn } : {};
    raw.applications = [app];
    positions.absorb(docPositions, [], ['applications', 0]);
    positions.absorb(docPositions, ['InstanceArn'], ['instance', 'InstanceArn']);
    return { raw, positions, holes: unsaidOfApplication() };
  }
  const { ApplicationArn, ...rest } = body;
  const app: Obj = { Name: applicationNameOf(ApplicationArn) };
  if (ApplicationArn !== undefined) app.ApplicationArn = ApplicationArn;
  raw.instance = {};
  raw.applications = [app];
  positions.absorb(docPositions, [], ['applications', 0]);
  positions.absorb(docPositions, ['ApplicationArn'], ['applications', 0, 'Name']);
  if (shape.section) {
    app[shape.section] = [rest];
    positions.absorb(docPositions, [], ['applications', 0, shape.section, 0]);
  } else {
    app.AssignmentRequired = rest.AssignmentRequired;
    positions.absorb(docPositions, ['AssignmentRequired'], ['applications', 0, 'AssignmentRequired']);
  }
  const unsaid = unsaidOfApplication().filter((h) => !(shape.section === undefined && h[2] === 'AssignmentRequired'));
  return { raw, positions, holes: unsaid };
}

/** The application a request names, for messages: the id at the end of its ARN (`apl-…`). */
function applicationNameOf(arn: unknown): string {
  if (typeof arn !== 'string' || arn === '') return 'application';
  return arn.slice(arn.lastIndexOf('/') + 1) || arn;
}
