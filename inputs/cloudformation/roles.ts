/**
 * IAM roles in a CloudFormation template (spec §9): `AWS::IAM::Role` → a `roles:` entry (RoleName — the logical id
 * when absent, as CloudFormation then makes one up — Path, Description, MaxSessionDuration, AssumeRolePolicyDocument,
 * Policies), and the resources of integrated services that assume a role with identity context (an S3 Access
 * Grants location, a Transfer Family web app, a Q Business web experience) mark the role they name. A property
 * with an intrinsic function is skipped with a note and marked unknown. Kept apart from template.ts, which hands
 * it its helpers.
 */
import { IDENTITY_CONTEXT_SERVICES, isObject, type RoleUsageInput } from '../../model/build.js';
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath } from '../../model/types.js';
import { ANY_SEGMENT } from '../../model/unknown.js';

type Obj = Record<string, unknown>;

export const CFN_ROLE = 'AWS::IAM::Role';

/** Where a resource names the role its service assumes with identity context. */
export const CFN_ROLE_USAGES: readonly { type: string; path: readonly string[]; service: string }[] = [
  { type: 'AWS::S3::AccessGrantsLocation', path: ['IamRoleArn'], service: IDENTITY_CONTEXT_SERVICES.s3AccessGrants },
  { type: 'AWS::Transfer::WebApp', path: ['IdentityProviderDetails', 'Role'], service: IDENTITY_CONTEXT_SERVICES.transferWebApp },
  { type: 'AWS::QBusiness::WebExperience', path: ['RoleArn'], service: IDENTITY_CONTEXT_SERVICES.qBusinessWebExperience },
];

/** Whether a template holds what this file reads: a role trusted for sts:SetContext, or a service that assumes one with identity context. */
export function templateHasIdentityContextRoles(resources: Obj): boolean {
  return Object.values(resources).some(
    (r) => isObject(r) && (CFN_ROLE_USAGES.some((u) => u.type === r.Type) || (r.Type === CFN_ROLE && JSON.stringify(r.Properties ?? {}).includes('sts:SetContext'))),
  );
}

export interface TemplateHelpers {
  /** Whether the value (at that template path) holds no intrinsic function. */
  literal(value: unknown, path: NodePath): boolean;
  /** The logical id a `Ref` / `GetAtt` names. */
  referenced(value: unknown, path: NodePath): string | undefined;
  note(path: NodePath, message: string): void;
  docPositions: PositionIndex;
  positions: PositionIndex;
}

const ROLE_PROPERTIES = ['RoleName', 'Path', 'Description', 'MaxSessionDuration', 'AssumeRolePolicyDocument', 'Policies'];

export function templateRoles(resources: Obj, h: TemplateHelpers): { roles: Obj[]; usages: RoleUsageInput[]; holes: NodePath[] } {
  const roles: Obj[] = [];
  const holes: NodePath[] = [];
  const nameOf = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isObject(resource) || resource.Type !== CFN_ROLE) continue;
    const props = isObject(resource.Properties) ? resource.Properties : {};
    const base: NodePath = ['Resources', logicalId, 'Properties'];
    const path: NodePath = ['roles', roles.length];
    h.positions.absorb(h.docPositions, ['Resources', logicalId], path);
    const role: Obj = { RoleName: logicalId };
    for (const key of ROLE_PROPERTIES) {
      if (props[key] === undefined) continue;
      if (!h.literal(props[key], [...base, key])) {
        h.note([...base, key], `skipped ${logicalId}.${key}: an intrinsic function is only resolved when CloudFormation deploys`);
        holes.push(key === 'Policies' ? [...path, key, ANY_SEGMENT] : [...path, key]);
        continue;
      }
      role[key] = props[key];
      h.positions.absorb(h.docPositions, [...base, key], [...path, key]);
    }
    nameOf.set(logicalId, String(role.RoleName));
    roles.push(role);
  }
  const usages: RoleUsageInput[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const spec = isObject(resource) ? CFN_ROLE_USAGES.find((u) => u.type === resource.Type) : undefined;
    if (!spec || !isObject(resource)) continue;
    let node: unknown = resource.Properties;
    for (const step of spec.path) node = isObject(node) ? node[step] : undefined;
    if (node === undefined) continue;
    const at: NodePath = ['Resources', logicalId, 'Properties', ...spec.path];
    const target = h.referenced(node, at);
    const role = target !== undefined ? nameOf.get(target) : typeof node === 'string' && h.literal(node, at) ? node : undefined;
    if (role !== undefined) usages.push({ role, reason: `${logicalId} (${spec.type})`, servicePrincipal: spec.service });
  }
  return { roles, usages, holes };
}
