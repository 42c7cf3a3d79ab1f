/**
 * `tipkit synth`: a config file → a CDK for Terraform app (TipkitStack) → `OUT/stacks/NAME/cdk.tf.json` and
 * `OUT/manifest.json`, as `cdktf synth` writes them. The config must pass the schema (else exit 2, nothing
 * written). cdktf synthesizes into a fresh temporary directory that is renamed into place, so a failure
 * leaves an earlier output as it was. cdktf is imported here, lazily, so no other command loads it.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { InputError, UsageError } from '../../model/errors.js';
import { canonicalConfig } from '../../model/canonical.js';
import { loadValidConfigFile, type LoadedConfig } from '../../inputs/index.js';
import type { ConstructSuppression, RawConfig } from '../../model/types.js';
import type { TipkitStackOptions } from '../../constructs/from-config.js';
import { lintLoaded } from '../../linter/index.js';
import { isPrincipalId } from '../../model/arn.js';
import { commonFlagsHelp, parseCommandArgs, positiveInt, sharedOptions } from '../args.js';
import type { Command } from '../command.js';

const options = {
  config: sharedOptions.config,
  out: { type: 'string' },
  stack: { type: 'string' },
  'max-input-bytes': sharedOptions['max-input-bytes'],
  'aws-command': { type: 'string' },
} as const;

const usage = `Usage: tipkit synth [--config FILE] [--out DIR] [--stack NAME] [--aws-command CMD]

Turns a tipkit config into a CDK for Terraform app and writes its Terraform JSON. Needs only the config:
no Terraform, no AWS credentials, no network. (A terraform on PATH must be 1.4 or newer, or synth says so.)
Deploying the output needs Terraform >= 1.4 and, for grants and authentication methods, the AWS CLI v2.

Options:
  -c, --config FILE   the config to synthesize (default: tipkit.yaml)
      --out DIR       output directory (default: $CDKTF_OUTDIR, else cdktf.out)
      --stack NAME    stack name (default: tipkit); the JSON goes to DIR/stacks/NAME/cdk.tf.json
      --max-input-bytes N  largest config file read (default 10 MiB)
      --aws-command CMD    what the grant and authentication-method provisioners run in place of \`aws\`
                      (default: aws; \`npx tipkit aws\` deploys without AWS CLI v2, see docs/deploy.md)
${commonFlagsHelp('not used by synth: it writes to --out DIR', 'print nothing on success')}

Application grants and authentication methods have no AWS provider resource: each becomes a terraform_data
resource whose provisioners run \`aws sso-admin put-…\` on apply and \`delete-…\` on destroy (\`aws\`, or
the --aws-command).
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

    const awsCommand = values['aws-command'];
    if (awsCommand !== undefined && (!awsCommand.trim() || /[\r\n\0]/.test(awsCommand)))
      throw new UsageError(`synth: --aws-command takes a one-line command such as 'npx tipkit aws' (got ${JSON.stringify(awsCommand)})`);
    const maxBytes = positiveInt(values['max-input-bytes'], '--max-input-bytes');
    const loaded = await loadValidConfigFile(resolve(io.cwd) === process.cwd() ? configFile : resolve(io.cwd, configFile), { maxBytes });
    requireIdentityStore(loaded);

    refuseLinksInOutput([outDir, join(outDir, 'stacks'), join(outDir, 'stacks', stackName), join(outDir, 'manifest.json')], shown);

    let written: string[];
    try {
      written = await synthesize(canonicalConfig(loaded.model), { suppressions: commentSuppressions(loaded), awsCommand }, outDir, stackName);
    } catch (err) {
      // The output place is the user's input too: a path through a file, or no permission, is one line.
      const code = (err as NodeJS.ErrnoException).code;
      if (code && ['ENOTDIR', 'EACCES', 'EPERM', 'EEXIST', 'EROFS', 'ENOSPC', 'EISDIR'].includes(code))
        throw new InputError(`cannot write the output (${code}): ${(err as NodeJS.ErrnoException).path ?? outDir}`, { file: shown(outDir) });
      throw err;
    }
    if (!values.quiet) for (const file of written) io.stdout(`wrote ${shown(file)}\n`);
    return 0;
  },
};

/**
 * synth replaces the stack directory and the manifest and deletes what they held: through a symbolic link (a
 * committed `cdktf.out/stacks` pointing elsewhere) that would replace and delete files outside the output.
 */
function refuseLinksInOutput(paths: string[], shown: (p: string) => string): void {
  for (const path of paths) {
    let isLink = false;
    try {
      isLink = lstatSync(path).isSymbolicLink();
    } catch {
      continue; // not there yet: synth creates it
    }
    if (isLink) throw new InputError('is a symbolic link; synth does not write through links in its output path', { file: shown(path) });
  }
}

/** A PrincipalId that is a name needs an identity-store lookup, which needs instance.IdentityStoreId. */
function requireIdentityStore(loaded: LoadedConfig): void {
  const { model } = loaded;
  if (model.instance.identityStoreId !== undefined) return;
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

interface Swap {
  from: string;
  to: string;
  kind: 'file' | 'directory';
}

/**
 * Move each `from` onto its `to`, keeping what was there aside until all moves succeeded; on any failure the
 * new outputs are removed and the earlier ones restored, so the output is either all old or all new.
 */
function swapInAll(swaps: Swap[]): void {
  for (const { to, kind } of swaps) {
    if (!existsSync(to)) continue;
    const isDir = statSync(to).isDirectory();
    if (isDir !== (kind === 'directory')) throw new InputError(`cannot replace ${to}: it is a ${isDir ? 'directory' : 'file'}, expected a ${kind}`, { file: to });
  }
  const done: { swap: Swap; aside?: string }[] = [];
  try {
    for (const swap of swaps) {
      const aside = existsSync(swap.to) ? `${swap.to}.tipkit-old-${process.pid}` : undefined;
      if (aside) renameSync(swap.to, aside);
      done.push({ swap, aside });
      renameSync(swap.from, swap.to);
    }
  } catch (err) {
    for (const { swap, aside } of done.reverse()) {
      if (aside) {
        rmSync(swap.to, { recursive: true, force: true });
        renameSync(aside, swap.to);
      }
    }
    throw err;
  }
  for (const { aside } of done) if (aside) rmSync(aside, { recursive: true, force: true });
}

/** Synthesize into a temporary sibling of `outDir`, then move the stack and manifest into place. */
async function synthesize(config: RawConfig, opts: TipkitStackOptions, outDir: string, stackName: string): Promise<string[]> {
  const { synthesizeConfigApp } = await import('../../constructs/from-config.js');
  mkdirSync(dirname(outDir), { recursive: true });
  const tmp = mkdtempSync(join(dirname(outDir), `.tipkit-tmp-${basename(outDir)}-`));
  try {
    synthesizeConfigApp(config, opts, tmp, stackName);
    mkdirSync(join(outDir, 'stacks'), { recursive: true });
    const stackDir = join(outDir, 'stacks', stackName);
    // cdktf's manifest lists the stacks of this app only; it replaces the previous one. Stack and manifest
    // are swapped in together: if either move fails, both earlier outputs are put back.
    swapInAll([
      { from: join(tmp, 'stacks', stackName), to: stackDir, kind: 'directory' },
      { from: join(tmp, 'manifest.json'), to: join(outDir, 'manifest.json'), kind: 'file' },
    ]);
    return [join(stackDir, 'cdk.tf.json'), ...readdirSync(stackDir).filter((f) => f !== 'cdk.tf.json').map((f) => join(stackDir, f)), join(outDir, 'manifest.json')];
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
