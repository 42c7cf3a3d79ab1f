/**
 * JSON and YAML files that are not tipkit configs but hold Identity Center settings tipkit can check:
 *
 * - an sso-admin request body, as `aws sso-admin put-application-grant --cli-input-json file://grant.json`
 *   (or `--cli-input-yaml`) reads it: PutApplicationGrant, PutApplicationAccessScope,
 *   PutApplicationAuthenticationMethod, CreateApplicationAssignment, PutApplicationAssignmentConfiguration,
 *   CreateApplication, CreateTrustedTokenIssuer. The request is linted as the one application (or issuer) it
 *   configures; what the request does not say about that application (its other grants, its assignments) is
 *   unknown, not missing.
 * - a CloudFormation template: `AWS::SSO::Application` and `AWS::SSO::ApplicationAssignment` resources (their
 *   properties are the API's shapes). CloudFormation has no resource for grants, issuers, scopes or
 *   authentication methods, so an application's are unknown; other `AWS::SSO::*` types get a note naming them.
 *
 * Anything else is not a tipkit input: recognizeForeign() answers undefined and the caller says so.
 */
import { isObject } from './build.js';
import type { RawInput } from './load.js';
import { PositionIndex } from './positions.js';
import type { NodePath, RawConfig, SourceLocation } from './types.js';
import { ANY_SEGMENT } from './unknown.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

export type ForeignKind = 'request' | 'cloudformation';

/** An sso-admin request: the members that identify it (all present), and where its body goes in a tipkit config. */
interface RequestShape {
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

/** What a parsed document is, when it is one of the inputs this module reads. */
export function recognizeForeign(value: unknown): { kind: ForeignKind; what: string } | undefined {
  if (!isObject(value)) return undefined;
  const request = requestShapeOf(value);
  if (request) return { kind: 'request', what: `an sso-admin ${request.operation} request` };
  if (isCloudFormationTemplate(value)) return { kind: 'cloudformation', what: 'a CloudFormation template' };
  return undefined;
}

/** A one-line guess at what a named file that is no tipkit input is, for the message that says so. */
export function describeForeign(value: unknown): string {
  if (!isObject(value)) return Array.isArray(value) ? 'a list' : 'not a mapping';
  if (isObject(value.Resources) || 'AWSTemplateFormatVersion' in value) return 'a CloudFormation template without AWS::SSO resources';
  if (Object.keys(value).length > 0 && Object.keys(value).every((k) => /^[A-Z]/.test(k))) return 'an AWS request body tipkit does not check';
  return 'no tipkit config (it has no `version` with `instance`, `applications` or `trustedTokenIssuers`)';
}

function requestShapeOf(value: Obj): RequestShape | undefined {
  const keys = Object.keys(value);
  return REQUESTS.find((r) => r.identifying.every((k) => keys.includes(k)) && keys.every((k) => r.members.includes(k)));
}

/** The request or template as a tipkit config (RawConfig, positions re-rooted, holes for what it does not say). */
export function foreignToRaw(value: unknown, docPositions: PositionIndex, file: string): RawInput {
  const positions = new PositionIndex(file);
  for (const [f, text] of docPositions.texts) positions.texts.set(f, text);
  if (!isObject(value)) return { raw: { version: 1 }, positions };
  const request = requestShapeOf(value);
  return request ? requestToRaw(request, value, docPositions, positions) : templateToRaw(value, docPositions, positions);
}

/** What one application's request leaves unsaid: its other settings, and other applications' scopes. */
function unsaidOfApplication(): NodePath[] {
  return [
    ...['Grants', 'AccessScopes', 'AuthenticationMethods', 'Assignments'].map((s): NodePath => ['applications', 0, s, ANY_SEGMENT]),
    ['applications', 0, 'AssignmentRequired'],
    ['applications', ANY_SEGMENT, 'AccessScopes', ANY_SEGMENT, 'AuthorizedTargets'],
  ];
}

function requestToRaw(shape: RequestShape, body: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
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

function isCloudFormationTemplate(value: Obj): boolean {
  if (!isObject(value.Resources)) return false;
  return Object.values(value.Resources).some((r) => isObject(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::SSO::'));
}

const CFN_APPLICATION = 'AWS::SSO::Application';
const CFN_ASSIGNMENT = 'AWS::SSO::ApplicationAssignment';
const CFN_APPLICATION_PROPERTIES = ['InstanceArn', 'ApplicationProviderArn', 'Name', 'Description', 'PortalOptions', 'Status', 'Tags'];

function templateToRaw(template: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
  const raw: RawConfig = { version: 1, instance: {} };
  const notes: Note[] = [];
  const holes: NodePath[] = [];
  const resources = template.Resources as Obj;
  const appIndex = new Map<string, number>();
  const apps: Obj[] = [];
  const at = (path: NodePath): SourceLocation => docPositions.locate(path);
  // YAML templates write intrinsics as tags (`!Ref X`, `!GetAtt A.B`); the parsed value is then the bare
  // scalar, so the tag is read from the text just before the value.
  const texts = docPositions.texts;
  const tagAt = (path: NodePath): string | undefined => {
    const loc = at(path);
    const line = texts.get(loc.file)?.split('\n')[loc.line - 1];
    return line === undefined ? undefined : /!(Ref|GetAtt|Sub|Join|Select|If|ImportValue|FindInMap|Base64|Cidr|GetAZs|Split|Transform)\s*$/.exec(line.slice(0, loc.column - 1))?.[1];
  };
  const literal = (value: unknown, path: NodePath): boolean => {
    if (tagAt(path) !== undefined) return false;
    if (Array.isArray(value)) return value.every((v, i) => literal(v, [...path, i]));
    if (!isObject(value)) return true;
    if (Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::') || k === 'Condition')) return false;
    return Object.entries(value).every(([k, v]) => literal(v, [...path, k]));
  };
  const referenced = (value: unknown, path: NodePath): string | undefined => {
    const tag = tagAt(path);
    if (tag === 'Ref' && typeof value === 'string') return value;
    if (tag === 'GetAtt') return typeof value === 'string' ? value.split('.')[0] : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
    return referencedLogicalId(value);
  };
  const note = (path: NodePath, message: string): void => {
    const loc = at(path);
    notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== CFN_APPLICATION) continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    const base: NodePath = ['Resources', logicalId, 'Properties'];
    const i = apps.length;
    const app: Obj = {};
    positions.setValue(['applications', i], at(['Resources', logicalId]));
    for (const key of CFN_APPLICATION_PROPERTIES) {
      if (props[key] === undefined) continue;
      if (!literal(props[key], [...base, key])) {
        note([...base, key], `skipped ${logicalId}.${key}: an intrinsic function is only resolved when CloudFormation deploys`);
        holes.push(key === 'InstanceArn' ? ['instance', 'InstanceArn'] : ['applications', i, key]);
        continue;
      }
      if (key === 'InstanceArn') {
        const instance = raw.instance as Obj;
        if (instance.InstanceArn === undefined) {
          instance.InstanceArn = props[key];
          positions.absorb(docPositions, [...base, key], ['instance', 'InstanceArn']);
          continue;
        }
        if (instance.InstanceArn === props[key]) continue;
      }
      app[key] = props[key];
      positions.absorb(docPositions, [...base, key], ['applications', i, key]);
    }
    // CloudFormation has no resource for these: they are configured some other way, unknown here.
    for (const section of ['Grants', 'AccessScopes', 'AuthenticationMethods']) holes.push(['applications', i, section, ANY_SEGMENT]);
    appIndex.set(logicalId, i);
    apps.push(app);
  }

  const unread = new Map<string, string[]>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    if (resource.Type === CFN_ASSIGNMENT) {
      const props = isObject(resource.Properties) ? resource.Properties : {};
      const base: NodePath = ['Resources', logicalId, 'Properties'];
      const target = referenced(props.ApplicationArn, [...base, 'ApplicationArn']);
      const i = target === undefined ? undefined : appIndex.get(target);
      if (i === undefined) {
        note([...base, 'ApplicationArn'], `skipped ${logicalId}: its ApplicationArn is not an AWS::SSO::Application of this template`);
        holes.push(['applications', ANY_SEGMENT, 'Assignments', ANY_SEGMENT]);
        continue;
      }
      const list = ((apps[i]!.Assignments as Obj[] | undefined) ??= []);
      const path: NodePath = ['applications', i, 'Assignments', list.length];
      const assignment: Obj = {};
      positions.setValue(path, at(['Resources', logicalId]));
      for (const key of ['PrincipalType', 'PrincipalId']) {
        if (props[key] === undefined) continue;
        if (!literal(props[key], [...base, key])) {
          note([...base, key], `skipped ${logicalId}.${key}: an intrinsic function is only resolved when CloudFormation deploys`);
          holes.push([...path, key]);
          continue;
        }
        assignment[key] = props[key];
        positions.absorb(docPositions, [...base, key], [...path, key]);
      }
      list.push(assignment);
    } else if (resource.Type.startsWith('AWS::SSO::') && resource.Type !== CFN_APPLICATION) {
      unread.set(resource.Type, [...(unread.get(resource.Type) ?? []), logicalId]);
    }
  }
  for (const [type, ids] of unread) {
    note(['Resources', ids[0]!], `${type} is not read by tipkit (${ids.length === 1 ? ids[0] : `${ids.length} resources`}): it lints Identity Center applications and their assignments in templates`);
  }
  if (apps.length) raw.applications = apps;
  return { raw, positions, notes, holes };
}

/** `{ Ref: X }`, `{ "Fn::GetAtt": [X, "ApplicationArn"] }` or `{ "Fn::GetAtt": "X.ApplicationArn" }` → X. */
function referencedLogicalId(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}
