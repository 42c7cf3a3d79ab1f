/**
 * `tipkit synth`: a config file → a CDK for Terraform app (TipkitStack) → `OUT/stacks/NAME/cdk.tf.json` and
 * `OUT/manifest.json`, as `cdktf synth` writes them. The config must pass the schema (else exit 2, nothing
 * written). cdktf synthesizes into a fresh temporary directory that is renamed into place, so a failure
 * leaves an earlier output as it was. cdktf is imported here, lazily, so no other command loads it.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../../model/errors.js';
import { canonicalConfig } from '../../model/canonical.js';
import { loadValidConfigFile } from '../../model/load.js';
import type { LoadedConfig } from '../../model/load.js';
import type { ConstructSuppression, RawConfig } from '../../model/types.js';
import { lintLoaded } from '../../linter/index.js';
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import { parseCommandArgs } from '../args.js';
import type { Command } from '../main.js';

const options = {
  config: { type: 'string', short: 'c' },
  out: { type: 'string' },
  stack: { type: 'string' },
} as const;

const usage = `Usage: tipkit synth [--config FILE] [--out DIR] [--stack NAME]

Turns a tipkit config into a CDK for Terraform app and writes its Terraform JSON.

Options:
  -c, --config FILE   the config to synthesize (default: tipkit.yaml)
      --out DIR       output directory (default: $CDKTF_OUTDIR, else cdktf.out)
      --stack NAME    stack name (default: tipkit); the JSON goes to DIR/stacks/NAME/cdk.tf.json
  -q, --quiet         print nothing on success
      --debug         print stack traces

Application grants and authentication methods have no AWS provider resource: each becomes a terraform_data
resource whose provisioners run \`aws sso-admin put-…\` on apply and \`delete-…\` on destroy.
Exit codes: 0 written, 2 the config could not be used (nothing is written).
`;

/** Terraform and cdktf accept letters, digits, `-` and `_` in a stack name (it becomes a directory). */
const STACK_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export const command: Command = {
  summary: 'turn a config into a CDK for Terraform app and write its Terraform JSON',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'synth');
    if (positionals.length) throw new UsageError(`synth: unexpected argument '${positionals[0]}' (did you mean --config ${positionals[0]}?)`);
    if (values.output !== undefined) throw new UsageError('synth: --output is not used by synth; use --out DIR');
    const stackName = values.stack ?? 'tipkit';
    if (!STACK_NAME.test(stackName)) throw new UsageError(`synth: --stack must start with a letter and hold only letters, digits, '-' and '_' (got '${stackName}')`);
    const configFile = values.config ?? 'tipkit.yaml';
    const outDir = resolve(io.cwd, values.out ?? (process.env.CDKTF_OUTDIR || 'cdktf.out'));
    const shown = (p: string): string => {
      const rel = relative(io.cwd, p);
      return rel.startsWith('..') ? p : rel;
    };

    const loaded = await loadValidConfigFile(resolve(io.cwd) === process.cwd() ? configFile : resolve(io.cwd, configFile));
    requireIdentityStore(loaded);

    const written = await synthesize(canonicalConfig(loaded.model), commentSuppressions(loaded), outDir, stackName);
    if (!values.quiet) for (const file of written) io.stdout(`wrote ${shown(file)}\n`);
    return 0;
  },
};

/** A PrincipalId that is a name needs an identity-store lookup, which needs instance.IdentityStoreId. */
function requireIdentityStore(loaded: LoadedConfig): void {
  const { model } = loaded;
  if (model.instance.identityStoreId !== undefined) return;
  const isPrincipalId = (s: string): boolean => new RegExp(ssoAdminShapes.PrincipalId.jsPattern, 'u').test(s);
  for (const app of model.applications) {
    for (const a of app.assignments) {
      if (a.principalId === undefined || isPrincipalId(a.principalId)) continue;
      throw new InputError(
        `PrincipalId '${a.principalId}' is a ${a.principalType === 'USER' ? 'UserName' : 'group DisplayName'}, not an id; synth resolves it in instance.IdentityStoreId, which is not set`,
        model.positions.locate([...a.pointer, 'PrincipalId']),
      );
    }
  }
}

/**
 * The config's `tipkit-ignore` comments that suppress a finding, as suppressions on the construct that declares
 * the resource, so linting the synthesized JSON reports what linting the config does.
 */
function commentSuppressions(loaded: LoadedConfig): ConstructSuppression[] {
  const out = new Map<string, ConstructSuppression>();
  for (const f of lintLoaded(loaded).findings) {
    if (f.suppression?.kind !== 'comment') continue;
    const resource = constructResource(f.resource);
    out.set(`${f.ruleId}\n${resource}`, { id: f.ruleId, reason: f.suppression.reason, resource, pointer: [] });
  }
  return [...out.values()];
}

/** The resource path of the construct that declares `resource` (assignments belong to their application). */
function constructResource(resource: string): string {
  const parts = resource.split('/');
  return parts[0] === 'applications' && ['Grants', 'AccessScopes', 'AuthenticationMethods'].includes(parts[2] ?? '') ? parts.slice(0, 4).join('/') : parts.slice(0, 2).join('/');
}

/** Synthesize into a temporary sibling of `outDir`, then move the stack and manifest into place. */
async function synthesize(config: RawConfig, suppressions: ConstructSuppression[], outDir: string, stackName: string): Promise<string[]> {
  const [{ App }, { TipkitStack }] = await Promise.all([import('cdktf'), import('../../constructs/from-config.js')]);
  mkdirSync(dirname(outDir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(outDir), `.tipkit-tmp-${basename(outDir)}-`));
  try {
    const app = new App({ outdir: tmp, stackTraces: false });
    new TipkitStack(app, stackName, config, { suppressions });
    app.synth();
    mkdirSync(join(outDir, 'stacks'), { recursive: true });
    const stackDir = join(outDir, 'stacks', stackName);
    const oldStack = existsSync(stackDir) ? `${stackDir}.tipkit-old-${process.pid}` : undefined;
    if (oldStack) renameSync(stackDir, oldStack);
    try {
      renameSync(join(tmp, 'stacks', stackName), stackDir);
    } catch (err) {
      if (oldStack) renameSync(oldStack, stackDir);
      throw err;
    }
    if (oldStack) rmSync(oldStack, { recursive: true, force: true });
    // cdktf's manifest lists the stacks of this app only; it replaces the previous one.
    renameSync(join(tmp, 'manifest.json'), join(outDir, 'manifest.json'));
    return [join(stackDir, 'cdk.tf.json'), ...readdirSync(stackDir).filter((f) => f !== 'cdk.tf.json').map((f) => join(stackDir, f)), join(outDir, 'manifest.json')];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
