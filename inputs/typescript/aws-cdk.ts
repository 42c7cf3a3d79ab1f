/**
 * AWS CDK (aws-cdk-lib) `Cfn*` classes of Identity Center and the services integrated with it, read statically as
 * their CloudFormation twins: `new sso.CfnApplication(scope, id, props)` is the template resource
 * `{ Type: 'AWS::SSO::Application', Properties }` (props PascalCased, `x.attrApplicationArn` → `Fn::GetAtt`,
 * `x.ref` → `Ref`), and the whole set goes to the CloudFormation reader — this file only adapts.
 */
import { PositionIndex } from '../../model/positions.js';
import type { NodePath } from '../../model/types.js';
import { templateToRaw } from '../cloudformation/template.js';
import type { RawInput } from '../raw-input.js';
import { L2_ROLE } from './aws-cdk-classes.js';
import type { StaticReader } from './static-reader.js';
import type { ConstructDecl, Obj, Val } from './values.js';

/** A value that could not be read: an intrinsic nothing resolves (noted at the TypeScript, not again). */
const UNREAD_REF = 'tipkit-unread';
const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/** The `Cfn*` constructs as one CloudFormation template, read by the CloudFormation reader. */
export function cfnConstructsToRaw(reader: StaticReader, decls: ConstructDecl[], positions: PositionIndex): RawInput {
  const docPositions = new PositionIndex(positions.defaultFile);
  const resources: Obj = {};
  const logicalIds = new Map<ConstructDecl, string>();
  const unreadKeys = new Set<string>();
  const logicalIdOf = (decl: ConstructDecl): string => {
    let id = logicalIds.get(decl);
    if (id !== undefined) return id;
    const idNode = (decl.node as import('ts-morph').NewExpression).getArguments()[1];
    const read = reader.logicalId(decl) ?? (idNode && reader.evaluateQuiet(idNode, 0));
    const base = typeof read === 'string' ? read : read?.kind === 'primitive' && typeof read.value === 'string' && read.value ? read.value : decl.cls;
    id = base.replace(/[^A-Za-z0-9]/g, '') || 'Resource';
    for (let k = 2; [...logicalIds.values()].includes(id); k++) id = `${base.replace(/[^A-Za-z0-9]/g, '')}${k}`;
    logicalIds.set(decl, id);
    return id;
  };
  for (const decl of decls) logicalIdOf(decl);
  const toCfn = (val: Val, path: NodePath, verbatim: boolean): unknown => {
    docPositions.setValue(path, val.loc);
    switch (val.kind) {
      case 'primitive':
        return val.terraform ? { Ref: UNREAD_REF } : val.value;
      case 'construct': {
        if (val.decl.cfnType) {
          if (val.attribute === 'ref') return { Ref: logicalIdOf(val.decl) };
          if (val.attribute?.startsWith('attr')) return { 'Fn::GetAtt': [logicalIdOf(val.decl), val.attribute.slice(4)] };
          if (val.decl.cfnType === L2_ROLE && val.attribute === 'roleArn') return { 'Fn::GetAtt': [logicalIdOf(val.decl), 'Arn'] };
        }
        return { Ref: UNREAD_REF };
      }
      case 'array':
        return [...val.items.map((item, i) => toCfn(item, [...path, i], verbatim)), ...Array.from({ length: val.unknownItems ?? 0 }, () => ({ Ref: UNREAD_REF }))];
      case 'object': {
        const out: Obj = {};
        for (const m of val.members) {
          const key = verbatim ? m.key : pascal(m.key);
          docPositions.setKey([...path, key], m.keyLoc);
          out[key] = toCfn(m.val, [...path, key], verbatim || /Document$/.test(key));
        }
        for (const key of val.skipped ?? []) out[verbatim ? key : pascal(key)] = { Ref: UNREAD_REF };
        return out;
      }
    }
  };
  for (const decl of decls) {
    const id = logicalIdOf(decl);
    const path: NodePath = ['Resources', id];
    docPositions.setValue(path, decl.loc);
    if (decl.cfnType === L2_ROLE) {
      const properties = l2RoleProperties(reader, decl, path, docPositions);
      if (!isObjectWithStatement(properties.AssumeRolePolicyDocument)) unreadKeys.add(`${id}.AssumeRolePolicyDocument`);
      resources[id] = { Type: 'AWS::IAM::Role', Properties: properties };
      continue;
    }
    const props = reader.propsOf(decl);
    const properties: Obj = {};
    if (props?.kind === 'object') {
      for (const m of props.members) {
        const key = pascal(m.key);
        docPositions.setKey([...path, 'Properties', key], m.keyLoc);
        // Policy documents and tags keep their keys as written.
        properties[key] = reader.afford(m.val, m.val.loc) ? toCfn(m.val, [...path, 'Properties', key], /Policy|Document$/.test(key)) : { Ref: UNREAD_REF };
      }
      for (const key of props.skipped ?? []) {
        properties[pascal(key)] = { Ref: UNREAD_REF };
        unreadKeys.add(`${id}.${pascal(key)}`);
      }
    }
    resources[id] = { Type: decl.cfnType, Properties: properties };
  }
  for (const [file, text] of positions.texts) docPositions.texts.set(file, text);
  const mapped = new PositionIndex(positions.defaultFile);
  for (const [file, text] of positions.texts) mapped.texts.set(file, text);
  const raw = templateToRaw({ Resources: resources }, docPositions, mapped);
  // What could not be read was noted in TypeScript's words; the template reader's "intrinsic" note would repeat it.
  raw.notes = (raw.notes ?? []).filter((n) => ![...unreadKeys].some((k) => n.message.startsWith(`skipped ${k}:`)) && !n.message.includes(UNREAD_REF));
  return raw;
}

const isObjectWithStatement = (v: unknown): boolean => typeof v === 'object' && v !== null && 'Statement' in v;

/** `new iam.ServicePrincipal('x')`, `new iam.ArnPrincipal('arn')`, `new iam.AccountPrincipal('123…')` → a trust policy Principal. */
const PRINCIPAL_CLASSES: Readonly<Record<string, (v: string) => Obj>> = {
  ServicePrincipal: (v) => ({ Service: v }),
  ArnPrincipal: (v) => ({ AWS: v }),
  AccountPrincipal: (v) => ({ AWS: `arn:aws:iam::${v}:root` }),
};

/**
 * An L2 `iam.Role` as the AWS::IAM::Role it synthesizes to: RoleName, MaxSessionDuration (`Duration.hours(n)` & co.)
 * and the trust policy `assumedBy` makes (`sts:AssumeRole` for that principal). A principal of another kind, or a role
 * whose trust policy the code changes later (`role.assumeRolePolicy…`, `addToAssumeRolePolicy`), has a trust policy
 * only the synthesized template knows: unknown, with one note, never judged.
 */
function l2RoleProperties(reader: StaticReader, decl: ConstructDecl, path: NodePath, docPositions: PositionIndex): Obj {
  const properties: Obj = {};
  const ts = decl.node as import('ts-morph').NewExpression;
  const props = ts.getArguments()[2];
  const members = props && 'getProperties' in props ? (props as import('ts-morph').ObjectLiteralExpression).getProperties() : [];
  let trust: Obj | undefined;
  for (const member of members) {
    if (!('getInitializer' in member) || !('getName' in member)) continue;
    const key = (member as import('ts-morph').PropertyAssignment).getName();
    const init = (member as import('ts-morph').PropertyAssignment).getInitializer();
    if (!init) continue;
    const at = [...path, 'Properties'];
    if (key === 'roleName') {
      const v = reader.evaluateQuiet(init, 0);
      if (v?.kind === 'primitive' && typeof v.value === 'string') {
        properties.RoleName = v.value;
        docPositions.setValue([...at, 'RoleName'], v.loc);
      }
    } else if (key === 'maxSessionDuration') {
      const d = /^(?:[\w$]+\.)?Duration\.(hours|minutes|seconds)\((\d+)\)$/.exec(init.getText().replace(/\s+/g, ''));
      if (d) properties.MaxSessionDuration = Number(d[2]) * (d[1] === 'hours' ? 3600 : d[1] === 'minutes' ? 60 : 1);
    } else if (key === 'assumedBy') {
      const principal = /^new (?:[\w$]+\.)?(\w+)\(([^()]*)\)$/.exec(init.getText().trim());
      const make = principal && PRINCIPAL_CLASSES[principal[1]!];
      const arg = make && (init as import('ts-morph').NewExpression).getArguments()[0];
      const v = arg && reader.evaluateQuiet(arg, 0);
      if (make && v?.kind === 'primitive' && typeof v.value === 'string') {
        trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: make(v.value), Action: 'sts:AssumeRole' }] };
        docPositions.setValue([...at, 'AssumeRolePolicyDocument'], reader.loc(init));
      }
    }
  }
  const variable = ts.getParent();
  const name = variable && 'getName' in variable && typeof (variable as { getName: unknown }).getName === 'function' ? String((variable as import('ts-morph').VariableDeclaration).getName()) : undefined;
  const changedLater = name !== undefined && new RegExp(`\\b${name.replace(/[$]/g, '\\$')}\\s*\\.\\s*(assumeRolePolicy|addToAssumeRolePolicy)\\b`).test(ts.getSourceFile().getFullText());
  if (trust && !changedLater) properties.AssumeRolePolicyDocument = trust;
  else {
    properties.AssumeRolePolicyDocument = { Ref: UNREAD_REF };
    reader.note(ts, changedLater ? `skipped the trust policy of new ${decl.cls}(…): the code changes it after creating the role (assumeRolePolicy), so only the synthesized template knows it` : `skipped the trust policy of new ${decl.cls}(…): its assumedBy is not a ServicePrincipal, ArnPrincipal or AccountPrincipal of a literal`);
  }
  return properties;
}
