/**
 * A CloudFormation template: `AWS::SSO::Application` and `AWS::SSO::ApplicationAssignment` resources (their
 * properties are the API's shapes), named by logical id where their Name is an intrinsic. CloudFormation has no
 * resource for grants, issuers, scopes or authentication methods, so an application's are unknown. Custom
 * resources whose properties are an sso-admin request (PutApplicationGrant, …) are read as that request;
 * Identity Center–integrated service resources (CLOUDFORMATION_MANAGED_APPLICATIONS) are usage records whose
 * instance ARN is checked. Other `AWS::SSO::*` types that matter to TIP get a note naming them.
 * IAM roles and the services that assume them with identity context are read by roles.ts.
 */
import { isObject } from '../../model/build.js';
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath, RawConfig, SourceLocation } from '../../model/types.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';
import type { ManagedApplicationInput } from '../../model/build.js';
import { requestShapeOf, type RequestShape } from '../request-bodies/request-body.js';
import { templateHasIdentityContextRoles, templateRoles } from './roles.js';

type Obj = Record<string, unknown>;

/** A value partial() could not read (an intrinsic). */
const UNREAD: unique symbol = Symbol('unread');
type Note = NonNullable<RawInput['notes']>[number];

/** A CloudFormation template: `AWSTemplateFormatVersion`, or `Resources` holding `AWS::` (or custom) types. */
export function isCloudFormationTemplate(value: Obj): boolean {
  if ('AWSTemplateFormatVersion' in value && (value.Resources === undefined || isObject(value.Resources))) return true;
  if (!isObject(value.Resources)) return false;
  return Object.values(value.Resources).some((r) => isObject(r) && typeof r.Type === 'string' && /^(AWS::|Custom::)/.test(r.Type));
}

/** A template that holds something tipkit reads (a walk lints only these; a named template is linted anyway). */
export function holdsIdentityCenterResources(value: Obj): boolean {
  if (!isObject(value.Resources)) return false;
  return Object.values(value.Resources).some(
    (r) => isObject(r) && typeof r.Type === 'string' && (r.Type.startsWith('AWS::SSO::') || r.Type in CLOUDFORMATION_MANAGED_APPLICATIONS || customRequestOf(r) !== undefined),
  ) || templateHasIdentityContextRoles(value.Resources);
}

/**
 * Identity Center–integrated service resources, as the CloudFormation reference names them: `instanceArn` is the
 * property path of the Identity Center instance ARN; `arnAttributes` the `Fn::GetAtt` attributes of the Identity
 * Center application AWS creates for it (a reference to one resolves). The Terraform twin is MANAGED_APPLICATIONS.
 */
export const CLOUDFORMATION_MANAGED_APPLICATIONS: Readonly<Record<string, { instanceArn: string[]; arnAttributes: string[] }>> = {
  'AWS::Redshift::RedshiftIdcApplication': { instanceArn: ['IdcInstanceArn'], arnAttributes: ['IdcManagedApplicationArn'] },
  'AWS::QBusiness::Application': { instanceArn: ['IdentityCenterInstanceArn'], arnAttributes: ['IdentityCenterApplicationArn'] },
  'AWS::S3::AccessGrantsInstance': { instanceArn: ['IdentityCenterArn'], arnAttributes: ['IdentityCenterApplicationArn'] },
  'AWS::Transfer::WebApp': { instanceArn: ['IdentityProviderDetails', 'InstanceArn'], arnAttributes: ['IdentityProviderDetails.ApplicationArn'] },
  'AWS::Athena::WorkGroup': { instanceArn: ['WorkGroupConfiguration', 'IdentityCenterConfiguration', 'IdentityCenterInstanceArn'], arnAttributes: [] },
  'AWS::OpenSearchService::Domain': { instanceArn: ['IdentityCenterOptions', 'IdentityCenterInstanceARN'], arnAttributes: [] },
  'AWS::OpenSearchService::Application': { instanceArn: ['IamIdentityCenterOptions', 'IamIdentityCenterInstanceArn'], arnAttributes: [] },
  'AWS::EMR::Studio': { instanceArn: ['IdcInstanceArn'], arnAttributes: [] },
  'AWS::EMRServerless::Application': { instanceArn: ['IdentityCenterConfiguration', 'IdentityCenterInstanceArn'], arnAttributes: [] },
  'AWS::EKS::Capability': { instanceArn: ['Configuration', 'ArgoCd', 'AwsIdc', 'IdcInstanceArn'], arnAttributes: [] },
  'AWS::DataZone::Domain': { instanceArn: ['SingleSignOn', 'IdcInstanceArn'], arnAttributes: [] },
};

/** AWS::SSO types with nothing to do with trusted identity propagation: no note (permission sets, account assignments). */
const UNRELATED_SSO_TYPES = new Set(['AWS::SSO::PermissionSet', 'AWS::SSO::Assignment', 'AWS::SSO::InstanceAccessControlAttributeConfiguration', 'AWS::SSO::Instance']);

/** Properties of a custom resource that are CloudFormation's, not the request's. */
const CUSTOM_RESOURCE_PROPERTIES = new Set(['ServiceToken', 'ServiceTimeout']);

const isCustomResource = (r: Obj): boolean => typeof r.Type === 'string' && (r.Type === 'AWS::CloudFormation::CustomResource' || r.Type.startsWith('Custom::'));

/** The sso-admin request a custom resource's properties carry, when their shape is one (and only one). */
function customRequestOf(resource: Obj): { shape: RequestShape; body: Obj } | undefined {
  if (!isCustomResource(resource) || !isObject(resource.Properties)) return undefined;
  const body = Object.fromEntries(Object.entries(resource.Properties).filter(([k]) => !CUSTOM_RESOURCE_PROPERTIES.has(k)));
  const shape = requestShapeOf(body);
  return shape ? { shape, body } : undefined;
}

const CFN_APPLICATION = 'AWS::SSO::Application';
const CFN_ASSIGNMENT = 'AWS::SSO::ApplicationAssignment';
const CFN_APPLICATION_PROPERTIES = ['InstanceArn', 'ApplicationProviderArn', 'Name', 'Description', 'PortalOptions', 'Status', 'Tags'];

/**
 * A template's `Resources` → RawInput. The AWS CDK reader hands Cfn* constructs here as a `Resources` object too:
 * `docPositions` locates paths `['Resources', logicalId, 'Properties', …]`, `positions` receives the config's.
 */
export function resourcesToRaw(resources: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
  return templateToRaw({ Resources: resources }, docPositions, positions);
}

export function templateToRaw(template: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
  const raw: RawConfig = { version: 1, instance: {} };
  const notes: Note[] = [];
  const holes: NodePath[] = [];
  const resources = isObject(template.Resources) ? template.Resources : {};
  const labels: (string | undefined)[] = [];
  const managed: ManagedApplicationInput[] = [];
  const managedIds = new Set<string>();
  const appIndex = new Map<string, number>();
  const apps: Obj[] = [];
  const at = (path: NodePath): SourceLocation => docPositions.locate(path);
  // YAML templates write intrinsics as local tags (`!Ref X`, `!GetAtt A.B`); the parsed value is then the bare
  // scalar or list, and the YAML reader keeps the tag beside it.
  const tagAt = (path: NodePath): string | undefined => docPositions.tagAt(path);
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
  /**
   * A property with intrinsics inside (`PortalOptions: { Visibility: !FindInMap … }`): the literal parts are kept,
   * each intrinsic is a hole with its note (an unknown leaf hides only itself).
   */
  const partial = (value: unknown, path: NodePath, to: NodePath, label: string): unknown => {
    if (tagAt(path) !== undefined || (isObject(value) && Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::') || k === 'Condition'))) {
      note(path, `skipped ${label}: an intrinsic function is only resolved when CloudFormation deploys`);
      holes.push(to);
      return UNREAD;
    }
    positions.setValue(to, at(path));
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((v, k) => {
        const c = partial(v, [...path, k], [...to, out.length], `${label}[${k}]`);
        if (c !== UNREAD) out.push(c);
        else holes.splice(holes.length - 1, 1, [...to, ANY_SEGMENT]);
      });
      return out;
    }
    if (isObject(value)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) {
        const c = partial(v, [...path, k], [...to, k], `${label}.${k}`);
        if (c !== UNREAD) out[k] = c;
      }
      return out;
    }
    positions.absorb(docPositions, path, to);
    return value;
  };

  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== CFN_APPLICATION) continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    const base: NodePath = ['Resources', logicalId, 'Properties'];
    const i = apps.length;
    const app: Obj = {};
    labels.push(logicalId);
    positions.setValue(['applications', i], at(['Resources', logicalId]));
    for (const key of CFN_APPLICATION_PROPERTIES) {
      if (props[key] === undefined) continue;
      if (!literal(props[key], [...base, key])) {
        if (key === 'InstanceArn' || !(isObject(props[key]) || Array.isArray(props[key])) || tagAt([...base, key]) !== undefined) {
          note([...base, key], `skipped ${logicalId}.${key}: an intrinsic function is only resolved when CloudFormation deploys`);
          holes.push(key === 'InstanceArn' ? ['instance', 'InstanceArn'] : ['applications', i, key]);
        } else {
          const value = partial(props[key], [...base, key], ['applications', i, key], `${logicalId}.${key}`);
          if (value !== UNREAD) app[key] = value;
        }
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

  // Identity Center–integrated service resources: usage records (their instance ARN is checked).
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const spec = CLOUDFORMATION_MANAGED_APPLICATIONS[resource.Type];
    if (!spec) continue;
    const where: NodePath = ['managedApplications', managed.length];
    const record: ManagedApplicationInput = { name: logicalId, type: resource.Type, authorizedTokenIssuers: [], scopes: [] };
    positions.setValue(where, at(['Resources', logicalId]));
    const path: NodePath = ['Resources', logicalId, 'Properties', ...spec.instanceArn];
    const value = valueAt(resource.Properties, spec.instanceArn);
    if (value !== undefined) {
      positions.setValue([...where, 'InstanceArn'], at(path));
      if (typeof value === 'string' && literal(value, path)) record.instanceArn = value;
      else holes.push([...where, 'InstanceArn']);
    }
    managed.push(record);
    managedIds.add(logicalId);
  }

  /** Stand-ins for applications a child names by something other than an application of this template. */
  const standIns = new Map<string, number>();
  const applicationFor = (logicalId: string, value: unknown, path: NodePath, section: string): number => {
    const target = referenced(value, path);
    const known = target === undefined ? undefined : appIndex.get(target);
    if (known !== undefined) return known;
    // It may be one of this template's applications after all (an ARN passed in as a parameter).
    holes.push(['applications', ANY_SEGMENT, section, ANY_SEGMENT]);
    const key = target ?? JSON.stringify(value);
    const existing = standIns.get(key);
    if (existing !== undefined) return existing;
    const i = apps.length;
    apps.push({});
    labels.push(target ?? (typeof value === 'string' ? value : `application of ${logicalId}`));
    positions.setValue(['applications', i], at(path));
    holes.push(['applications', i]);
    standIns.set(key, i);
    // An integrated service's own application (`!GetAtt QBiz.IdentityCenterApplicationArn`) is known to be one.
    if (target === undefined || !managedIds.has(target)) note(path, `the application of ${logicalId} is not an AWS::SSO::Application of this template; its own values are checked`);
    return i;
  };
  const child = (logicalId: string, section: string, i: number, body: Obj, keys: readonly string[], base: NodePath): void => {
    const list = ((apps[i]![section] as Obj[] | undefined) ??= []);
    const path: NodePath = ['applications', i, section, list.length];
    const out: Obj = {};
    positions.setValue(path, at(['Resources', logicalId]));
    for (const key of keys) {
      if (body[key] === undefined) continue;
      if (!literal(body[key], [...base, key])) {
        const value = partial(body[key], [...base, key], [...path, key], `${logicalId}.${key}`);
        if (value !== UNREAD) out[key] = value;
        continue;
      }
      out[key] = body[key];
      positions.absorb(docPositions, [...base, key], [...path, key]);
    }
    list.push(out);
  };

  const unread = new Map<string, string[]>();
  const customs: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || typeof resource.Type !== 'string') continue;
    const base: NodePath = ['Resources', logicalId, 'Properties'];
    if (resource.Type === CFN_ASSIGNMENT) {
      const props = isObject(resource.Properties) ? resource.Properties : {};
      const i = applicationFor(logicalId, props.ApplicationArn, [...base, 'ApplicationArn'], 'Assignments');
      child(logicalId, 'Assignments', i, props, ['PrincipalType', 'PrincipalId'], base);
    } else if (isCustomResource(resource)) {
      const request = customRequestOf(resource);
      if (request?.shape.section) {
        const section = request.shape.section;
        const i = applicationFor(logicalId, request.body.ApplicationArn, [...base, 'ApplicationArn'], section);
        child(logicalId, section, i, request.body, request.shape.members.filter((m) => m !== 'ApplicationArn'), base);
      } else customs.push(logicalId);
    } else if (resource.Type.startsWith('AWS::SSO::') && resource.Type !== CFN_APPLICATION && !UNRELATED_SSO_TYPES.has(resource.Type)) {
      unread.set(resource.Type, [...(unread.get(resource.Type) ?? []), logicalId]);
    }
  }
  for (const [type, ids] of unread) {
    note(['Resources', ids[0]!], `${type} is not read by tipkit (${ids.length === 1 ? ids[0] : `${ids.length} resources`}): it lints Identity Center applications and their assignments in templates`);
  }
  // Custom resources that mention Identity Center but carry no one sso-admin request shape: one note naming them.
  const ssoCustoms = customs.filter((id) => /sso|identity ?center|ApplicationArn|InstanceArn/i.test(JSON.stringify((resources[id] as Obj).Properties ?? {})));
  if (ssoCustoms.length) {
    note(['Resources', ssoCustoms[0]!], `custom resource${ssoCustoms.length === 1 ? '' : 's'} ${ssoCustoms.join(', ')} not read: ${ssoCustoms.length === 1 ? 'its properties are' : 'their properties are'} no one sso-admin request (PutApplicationGrant, CreateApplicationAssignment, …), so what the function behind ${ssoCustoms.length === 1 ? 'it' : 'them'} does is unknown`);
    for (const section of ['Grants', 'AccessScopes', 'AuthenticationMethods', 'Assignments']) holes.push(['applications', ANY_SEGMENT, section, ANY_SEGMENT]);
  }
  if (apps.length) raw.applications = apps;
  const roles = templateRoles(resources, { literal, referenced, note, docPositions, positions });
  if (roles.roles.length) raw.roles = roles.roles;
  return { raw, positions, notes, holes: [...holes, ...roles.holes], managedApplications: managed, applicationLabels: labels, roleUsages: roles.usages };
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let cur = root;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
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
