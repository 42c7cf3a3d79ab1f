/**
 * Renders one tipkit RawConfig (the tipkit.yaml document, PascalCase) as each input kind the linter reads: the
 * YAML text, cdktf TypeScript construct code (read statically by inputs/typescript/) and Terraform JSON
 * in the shape `tipkit synth` writes (read by inputs/terraform/tfjson.ts). Written directly, never through cdktf:
 * the configs under test are often ones synth refuses. Every value is on its own line, so a finding's line
 * says which value it is about.
 */
import { stringify } from 'yaml';
import { lowerFirst } from '../../constructs/refs.js';
import type { RawConfig } from '../../model/types.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const entries = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const nameOf = (o: Obj): string | undefined => (typeof o.Name === 'string' ? o.Name : undefined);

/** Application children that are constructs (TypeScript) or resources (Terraform) of their own. */
const CHILD_SECTIONS = ['Grants', 'AccessScopes', 'AuthenticationMethods'] as const;

export function renderYaml(raw: RawConfig): string {
  // lineWidth 0: long ARNs and URIs stay on one line.
  return stringify(raw, { lineWidth: 0 });
}

// ---------------------------------------------------------------- TypeScript

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A RawConfig value as a TypeScript expression: keys camelCased (constructs/props.ts; an IAM policy keeps its
 * keys), one member per line; `ref` may replace a value with a construct variable.
 */
function tsExpr(value: unknown, indent: string, ref: (key: string | undefined, v: unknown) => string | undefined, key?: string, verbatim = false): string {
  const hit = ref(key, value);
  if (hit !== undefined) return hit;
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `${inner}${tsExpr(v, inner, ref, key, verbatim)},\n`).join('')}${indent}]`;
  }
  if (isObj(value)) {
    const members = Object.entries(value);
    if (members.length === 0) return '{}';
    const lines = members.map(([k, v]) => {
      const prop = verbatim ? k : lowerFirst(k);
      const name = IDENTIFIER.test(prop) ? prop : JSON.stringify(prop);
      return `${inner}${name}: ${tsExpr(v, inner, ref, k, verbatim || k === 'ActorPolicy')},\n`;
    });
    return `{\n${lines.join('')}${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * cdktf code declaring the config with tipkit's constructs: one `const` per issuer and application, children
 * as ApplicationGrant / ApplicationAccessScope / ApplicationAuthenticationMethod naming their application by
 * variable, and a grant's TrustedTokenIssuerArn (a scope's AuthorizedTargets) by variable when it names a
 * declared issuer (application), else as the string written.
 */
export function renderTypeScript(raw: RawConfig): string {
  const instance = isObj(raw.instance) ? raw.instance : {};
  const issuers = entries(raw.trustedTokenIssuers);
  const apps = entries(raw.applications);
  const issuerVar = new Map<string, string>();
  issuers.forEach((i, k) => nameOf(i) !== undefined && !issuerVar.has(nameOf(i)!) && issuerVar.set(nameOf(i)!, `issuer${k}`));
  const appVar = new Map<string, string>();
  apps.forEach((a, k) => nameOf(a) !== undefined && !appVar.has(nameOf(a)!) && appVar.set(nameOf(a)!, `application${k}`));
  const ref = (key: string | undefined, v: unknown): string | undefined => {
    if (typeof v !== 'string') return undefined;
    if (key === 'TrustedTokenIssuerArn') return issuerVar.get(v);
    if (key === 'AuthorizedTargets') return appVar.get(v);
    return undefined;
  };
  const ind = '    ';
  const out: string[] = [];
  const construct = (variable: string | undefined, cls: string, id: string, props: Obj): void => {
    out.push(`${ind}${variable ? `const ${variable} = ` : ''}new ${cls}(this, ${JSON.stringify(id)}, ${tsExpr(props, ind, ref)});\n`);
  };
  const withInstance = (o: Obj): Obj => ({ ...(instance.InstanceArn !== undefined && o.InstanceArn === undefined ? { InstanceArn: instance.InstanceArn } : {}), ...o });

  issuers.forEach((issuer, k) => construct(`issuer${k}`, 'TrustedTokenIssuer', `issuer${k}`, withInstance(issuer)));
  apps.forEach((app, k) => {
    const props: Obj = withInstance(Object.fromEntries(Object.entries(app).filter(([key]) => !(CHILD_SECTIONS as readonly string[]).includes(key))));
    if (k === 0 && instance.IdentityStoreId !== undefined) props.IdentityStoreId = instance.IdentityStoreId;
    construct(`application${k}`, 'IdentityCenterApplication', `application${k}`, props);
  });
  const classOf = { Grants: 'ApplicationGrant', AccessScopes: 'ApplicationAccessScope', AuthenticationMethods: 'ApplicationAuthenticationMethod' } as const;
  apps.forEach((app, k) => {
    for (const section of CHILD_SECTIONS) {
      entries(app[section]).forEach((child, j) => {
        // `application` has no key in tipkit.yaml; the construct variable stands for the application.
        const text = tsExpr(child, ind, ref).replace(/^\{\n/, `{\n${ind}  application: application${k},\n`).replace(/^\{\}$/, `{\n${ind}  application: application${k},\n${ind}}`);
        out.push(`${ind}new ${classOf[section]}(this, ${JSON.stringify(`application${k}-${section.toLowerCase()}${j}`)}, ${text});\n`);
      });
    }
  });

  return `// Rendered by test/helpers/render-inputs.ts from a tipkit config.
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ApplicationAccessScope,
  ApplicationAuthenticationMethod,
  ApplicationGrant,
  IdentityCenterApplication,
  TrustedTokenIssuer,
} from 'tipkit';

class RenderedStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${out.join('')}  }
}

const app = new App();
new RenderedStack(app, 'tipkit');
app.synth();
`;
}

// ---------------------------------------------------------------- Terraform JSON

/** `OidcJwtConfiguration` → `oidc_jwt_configuration` (the inverse of terraform-mapping's pascalFromSnake). */
const snakeFromPascal = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** A Terraform resource name the way synth forms it (`issuer00-okta-prod`). */
const resourceName = (prefix: string, index: number, name: string | undefined): string =>
  `${prefix}${String(index).padStart(2, '0')}${name === undefined ? '' : `-${name.replace(/[^\w-]/g, '_')}`}`;

/** Provider-schema nesting: attributes snake_cased, nested objects written as one-element block lists (as cdktf does). */
function blocks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(blocks);
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [snakeFromPascal(k), isObj(v) ? [blocks(v)] : blocks(v)]));
}

/** Tags as Terraform writes them: a map. */
const tagMap = (tags: unknown): Obj | undefined =>
  Array.isArray(tags) ? Object.fromEntries(tags.filter(isObj).map((t) => [String(t.Key), t.Value])) : undefined;

/** cdktf writes keys sorted. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isObj(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]));
}

/**
 * Terraform JSON in the shape `tipkit synth` writes: aws_ssoadmin_* resources for issuers, applications, scopes,
 * assignments and the assignment configuration; grants and authentication methods as `terraform_data` whose
 * `input` holds `tipkit` (the API call) and `request` (the exact request, references as `${…}`); the instance in
 * the `tipkit_instance` local. Left out: the provisioners and `triggers_replace` (apply-time plumbing that
 * repeats `input`; the reader reads `input` only, and a repeated request would make "the line of a value"
 * ambiguous). Assignments are written with literal principal ids (synth looks names up in a data source).
 */
export function renderTerraformJson(raw: RawConfig): string {
  const instance = isObj(raw.instance) ? raw.instance : {};
  const issuers = entries(raw.trustedTokenIssuers);
  const apps = entries(raw.applications);
  const resource: Record<string, Obj> = {};
  const put = (type: string, name: string, body: Obj): void => {
    (resource[type] ??= {})[name] = { '//': { metadata: { path: `tipkit/${name}/Default`, uniqueId: name } }, ...body };
  };

  const issuerRef = new Map<string, string>();
  issuers.forEach((issuer, k) => {
    const name = resourceName('issuer', k, nameOf(issuer));
    if (nameOf(issuer) !== undefined && !issuerRef.has(nameOf(issuer)!)) issuerRef.set(nameOf(issuer)!, `\${aws_ssoadmin_trusted_token_issuer.${name}.arn}`);
    const body: Obj = { instance_arn: issuer.InstanceArn ?? instance.InstanceArn };
    for (const [key, v] of Object.entries(issuer)) {
      if (key === 'InstanceArn') continue;
      if (key === 'Tags') body.tags = tagMap(v) ?? v;
      else body[snakeFromPascal(key)] = isObj(v) ? [blocks(v)] : blocks(v);
    }
    put('aws_ssoadmin_trusted_token_issuer', name, body);
  });

  const appRef = new Map<string, string>();
  const appNames = apps.map((app, k) => resourceName('app', k, nameOf(app)));
  apps.forEach((app, k) => {
    if (nameOf(app) !== undefined && !appRef.has(nameOf(app)!)) appRef.set(nameOf(app)!, `\${aws_ssoadmin_application.${appNames[k]}.application_arn}`);
  });
  apps.forEach((app, k) => {
    const name = appNames[k]!;
    const arn = `\${aws_ssoadmin_application.${name}.application_arn}`;
    const body: Obj = { instance_arn: app.InstanceArn ?? instance.InstanceArn };
    for (const [key, v] of Object.entries(app)) {
      if (['InstanceArn', 'AssignmentRequired', 'Assignments', ...CHILD_SECTIONS].includes(key)) continue;
      if (key === 'Tags') body.tags = tagMap(v) ?? v;
      else body[snakeFromPascal(key)] = isObj(v) ? [blocks(v)] : blocks(v);
    }
    body.application_provider_arn ??= 'arn:aws:sso::aws:applicationProvider/custom';
    put('aws_ssoadmin_application', name, body);
    // The construct defaults AssignmentRequired to true, as AWS does.
    put('aws_ssoadmin_application_assignment_configuration', `${name}_assignment-configuration`, { application_arn: arn, assignment_required: app.AssignmentRequired ?? true });
    entries(app.Assignments).forEach((a, j) => put('aws_ssoadmin_application_assignment', `${name}_assignment${j}`, { application_arn: arn, ...(blocks(a) as Obj) }));
    entries(app.AccessScopes).forEach((s, j) => {
      const targets = Array.isArray(s.AuthorizedTargets) ? s.AuthorizedTargets.map((t) => (typeof t === 'string' ? (appRef.get(t) ?? t) : t)) : s.AuthorizedTargets;
      put('aws_ssoadmin_application_access_scope', `${name}_scope${j}`, { application_arn: arn, scope: s.Scope, ...(targets !== undefined ? { authorized_targets: targets } : {}) });
    });
    const call = (tipkit: string, j: number, kind: string, request: Obj): void => {
      const input = { ...(instance.Region !== undefined ? { region: instance.Region } : {}), request: { ApplicationArn: arn, ...request }, tipkit };
      put('terraform_data', `${name}_${kind}${String(j).padStart(2, '0')}`, { input });
    };
    entries(app.Grants).forEach((g, j) => call('PutApplicationGrant', j, 'grant', withIssuerRefs(g, issuerRef) as Obj));
    entries(app.AuthenticationMethods).forEach((m, j) => call('PutApplicationAuthenticationMethod', j, 'auth-method', m));
  });

  const tipkitInstance = Object.fromEntries(['IdentityStoreId', 'InstanceArn', 'Region'].filter((k) => typeof instance[k] === 'string').map((k) => [k, instance[k]]));
  const doc: Obj = {
    '//': { metadata: { backend: 'local', stackName: 'tipkit', version: '0.21.0' }, outputs: {} },
    locals: { tipkit_instance: tipkitInstance },
    ...(typeof instance.Region === 'string' ? { provider: { aws: [{ region: instance.Region }] } } : {}),
    resource,
    terraform: { required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
  };
  return JSON.stringify(sorted(doc), null, 2) + '\n';
}

/** A grant's TrustedTokenIssuerArn naming a declared issuer → the Terraform reference to that issuer's ARN. */
function withIssuerRefs(value: unknown, issuerRef: Map<string, string>, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withIssuerRefs(v, issuerRef, key));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withIssuerRefs(v, issuerRef, k)]));
  return key === 'TrustedTokenIssuerArn' && typeof value === 'string' ? (issuerRef.get(value) ?? value) : value;
}

export type RenderedKind = 'yaml' | 'ts' | 'tfjson';

/** The file name each kind is loaded as (inputs/load.ts picks the reader by extension). */
export const RENDERED_FILE: Record<RenderedKind, string> = { yaml: 'tipkit.yaml', ts: 'stack.ts', tfjson: 'cdk.tf.json' };

export function render(kind: RenderedKind, raw: RawConfig): string {
  return kind === 'yaml' ? renderYaml(raw) : kind === 'ts' ? renderTypeScript(raw) : renderTerraformJson(raw);
}
