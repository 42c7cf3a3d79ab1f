/**
 * A CloudFormation template: `AWS::SSO::Application` and `AWS::SSO::ApplicationAssignment` resources (their
 * properties are the API's shapes). CloudFormation has no resource for grants, issuers, scopes or
 * authentication methods, so an application's are unknown; other `AWS::SSO::*` types get a note naming them.
 * IAM roles and the services that assume them with identity context are read by roles.ts.
 */
import { isObject } from '../../model/build.js';
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath, RawConfig, SourceLocation } from '../../model/types.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';
import { templateHasIdentityContextRoles, templateRoles } from './roles.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

export function isCloudFormationTemplate(value: Obj): boolean {
  if (!isObject(value.Resources)) return false;
  return Object.values(value.Resources).some((r) => isObject(r) && typeof r.Type === 'string' && r.Type.startsWith('AWS::SSO::')) || templateHasIdentityContextRoles(value.Resources);
}

const CFN_APPLICATION = 'AWS::SSO::Application';
const CFN_ASSIGNMENT = 'AWS::SSO::ApplicationAssignment';
const CFN_APPLICATION_PROPERTIES = ['InstanceArn', 'ApplicationProviderArn', 'Name', 'Description', 'PortalOptions', 'Status', 'Tags'];

export function templateToRaw(template: Obj, docPositions: PositionIndex, positions: PositionIndex): RawInput {
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
  const roles = templateRoles(resources, { literal, referenced, note, docPositions, positions });
  if (roles.roles.length) raw.roles = roles.roles;
  return { raw, positions, notes, holes: [...holes, ...roles.holes], roleUsages: roles.usages };
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
