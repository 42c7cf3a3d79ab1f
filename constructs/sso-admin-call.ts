/**
 * A `terraform_data` resource that performs an sso-admin put/delete pair with the AWS CLI (or the command in
 * AWS_COMMAND_CONTEXT, such as `npx tipkit aws`, which takes the same arguments), for what the AWS
 * provider has no resource for (application grants, authentication methods). Its `input` holds the exact API
 * request (PascalCase) under a marker the Terraform JSON loader recognizes; `triggers_replace` holds the same,
 * so a changed request is deleted and put again. Destroy-time provisioners may only reference `self`, so both
 * provisioners take the request from `self.input` through environment variables (never spliced into the shell).
 */
import { Lazy, TerraformStack, type LocalExecProvisioner } from './cdk.js';
import type { Construct, IConstruct } from 'constructs';
import type { SynthesizedCall } from '../model/synthesized-calls.js';
import { TipkitConstructError } from './application.js';

/**
 * Construct context key naming the command the provisioners run where they would run `aws` (e.g. `npx tipkit aws`,
 * for a machine without AWS CLI v2). Set it on the app or stack, or under `context` in cdktf.json.
 */
export const AWS_COMMAND_CONTEXT = 'tipkit:awsCommand';
export const DEFAULT_AWS_COMMAND = 'aws';

/** The command in effect at `scope`: it is a shell command prefix, so one non-empty line. */
export function awsCommandAt(scope: IConstruct): string {
  const value: unknown = scope.node.tryGetContext(AWS_COMMAND_CONTEXT) ?? DEFAULT_AWS_COMMAND;
  if (typeof value !== 'string' || !value.trim() || /[\r\n\0]/.test(value))
    throw new TipkitConstructError(`context '${AWS_COMMAND_CONTEXT}' must be a one-line command such as 'npx tipkit aws' (got ${JSON.stringify(value)})`);
  return value.trim();
}
import { TerraformDataResource } from './terraform-data.js';

/** The marker of `input.tipkit`: the API operation the resource performs (the Terraform JSON loader reads it). */
export type SsoAdminCallMarker = SynthesizedCall;

export interface SsoAdminCallSpec {
  marker: SsoAdminCallMarker;
  /** `put-application-grant` */
  putCommand: string;
  /** `delete-application-grant` */
  deleteCommand: string;
  /** Flags of the delete call and the request member each comes from: `{ '--grant-type': 'GrantType' }`. */
  deleteFlags: Record<string, string>;
  request: Record<string, unknown>;
}

const SHELL = ['/bin/sh', '-c'];

export function ssoAdminCall(scope: Construct, id: string, spec: SsoAdminCallSpec): TerraformDataResource {
  const region = (): string | undefined => synthRegion(TerraformStack.of(scope));
  const aws = awsCommandAt(scope);
  const input = {
    tipkit: spec.marker,
    region: Lazy.anyValue({ produce: () => region() }),
    request: spec.request,
  };
  const regionFlag = (): string => (region() === undefined ? '' : ' --region "$AWS_REGION"');
  const regionEnv = (): Record<string, string> => (region() === undefined ? {} : { AWS_REGION: '${self.input.region}' });

  const put: LocalExecProvisioner = {
    type: 'local-exec',
    interpreter: SHELL,
    command: Lazy.stringValue({ produce: () => `${aws} sso-admin ${spec.putCommand}${regionFlag()} --cli-input-json "$TIPKIT_REQUEST"` }),
    environment: Lazy.anyValue({ produce: () => ({ ...regionEnv(), TIPKIT_REQUEST: '${jsonencode(self.input.request)}' }) }) as unknown as Record<string, string>,
  };
  const deleteEnv = Object.fromEntries(Object.entries(spec.deleteFlags).map(([, member]) => [envName(member), `\${self.input.request.${member}}`]));
  const deleteArgs = Object.entries(spec.deleteFlags)
    .map(([flag, member]) => ` ${flag} "$${envName(member)}"`)
    .join('');
  const del: LocalExecProvisioner = {
    type: 'local-exec',
    when: 'destroy',
    interpreter: SHELL,
    command: Lazy.stringValue({ produce: () => `${aws} sso-admin ${spec.deleteCommand}${regionFlag()}${deleteArgs}` }),
    environment: Lazy.anyValue({ produce: () => ({ ...regionEnv(), ...deleteEnv }) }) as unknown as Record<string, string>,
  };
  return new TerraformDataResource(scope, id, { input, triggersReplace: input, provisioners: [put, del] });
}

/** `ApplicationArn` → `TIPKIT_APPLICATION_ARN` */
const envName = (member: string): string => `TIPKIT_${member.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;

const regionsThisSynth = new WeakMap<IConstruct, { region: string | undefined }>();
/**
 * providerRegion, looked up once per stack for the synchronous synth that asks (every call resource asks several
 * times, and each lookup walks the whole tree): forgotten at the next microtask, so a later synth sees a changed tree.
 */
function synthRegion(stack: IConstruct): string | undefined {
  let hit = regionsThisSynth.get(stack);
  if (!hit) {
    hit = { region: providerRegion(stack) };
    regionsThisSynth.set(stack, hit);
    queueMicrotask(() => regionsThisSynth.delete(stack));
  }
  return hit.region;
}

/** The region of the default (un-aliased) AWS provider under `root`, when it is a literal. */
export function providerRegion(root: IConstruct): string | undefined {
  for (const c of root.node.findAll()) {
    const p = c as { terraformResourceType?: string; alias?: string; region?: unknown };
    if (p.terraformResourceType === 'aws' && p.alias === undefined && typeof p.region === 'string' && !p.region.includes('${')) return p.region;
  }
  return undefined;
}
