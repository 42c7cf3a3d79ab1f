/**
 * `terraform_data` (Terraform's built-in resource) without a Terraform binary at synth time. cdktf's own
 * DataResource adds a validation that runs `terraform version` on every synth, so an app using it cannot
 * synthesize on a machine without Terraform, although writing JSON needs none. This resource synthesizes the
 * same block and keeps the check that matters: where a `terraform` is installed, it must be 1.4 or newer
 * (the first with terraform_data); where none is, synth goes on and `terraform apply` checks its own version.
 */
import { execFileSync } from 'node:child_process';
import {
  TerraformResource,
  TerraformStack,
  anyToHclTerraform,
  anyToTerraform,
  hashMapper,
  hashMapperHcl,
  type TerraformResourceConfig,
} from './cdk.js';
import type { Construct, IValidation } from 'constructs';

export interface TerraformDataConfig {
  /** Stored in the state; its change is shown in the plan. */
  input?: Record<string, unknown>;
  /** A change of this value replaces the resource (and so runs its provisioners again). */
  triggersReplace?: Record<string, unknown>;
  provisioners?: TerraformResourceConfig['provisioners'];
}

export class TerraformDataResource extends TerraformResource {
  static readonly tfResourceType = 'terraform_data';
  private readonly data: TerraformDataConfig;

  constructor(scope: Construct, id: string, config: TerraformDataConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      provisioners: config.provisioners,
    });
    this.data = config;
    // Once per stack, so an old Terraform is one line, not one per resource.
    const stack = TerraformStack.of(this);
    if (!checkedStacks.has(stack)) {
      checkedStacks.add(stack);
      stack.node.addValidation(installedTerraformSupportsTerraformData);
    }
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { input: hashMapper(anyToTerraform)(this.data.input), triggers_replace: hashMapper(anyToTerraform)(this.data.triggersReplace) };
  }

  protected override synthesizeHclAttributes(): Record<string, unknown> {
    return { input: hashMapperHcl(anyToHclTerraform)(this.data.input), triggers_replace: hashMapperHcl(anyToHclTerraform)(this.data.triggersReplace) };
  }
}

const checkedStacks = new WeakSet<TerraformStack>();

/** `terraform version` of the Terraform on PATH: undefined when there is none, or it prints no version (read once per process). */
let installed: { version: string | undefined } | undefined;
export function installedTerraformVersion(): string | undefined {
  if (!installed) {
    try {
      const text = execFileSync('terraform', ['version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 }).toString();
      installed = { version: /\d+\.\d+\.\d+/.exec(text)?.[0] };
    } catch {
      installed = { version: undefined };
    }
  }
  return installed.version;
}

const installedTerraformSupportsTerraformData: IValidation = {
  validate(): string[] {
    const version = installedTerraformVersion();
    if (version === undefined) return [];
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major > 1 || (major === 1 && minor >= 4)) return [];
    return [`the terraform on PATH is ${version}; tipkit's grants and authentication methods are terraform_data resources, which need Terraform 1.4 or newer`];
  },
};
