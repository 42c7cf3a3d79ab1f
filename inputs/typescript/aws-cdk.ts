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
