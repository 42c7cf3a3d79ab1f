// Which command the synthesized provisioners run: `aws` by default; `tipkit synth --aws-command`, the
// `tipkit:awsCommand` construct context (app, stack or cdktf.json) or TipkitStack's option choose another.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { afterAll, describe, expect, it } from 'vitest';
import { AWS_COMMAND_CONTEXT, ApplicationGrant, TipkitConstructError, TipkitStack } from '../../constructs/index.js';
import { canonicalConfig } from '../../model/canonical.js';
import { loadConfigFile } from '../../inputs/load.js';
import { repoRoot, runCli } from '../helpers/cli.js';

type Obj = Record<string, any>;
const work = mkdtempSync(join(tmpdir(), 'tipkit-aws-option-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const APP = 'arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-1111222233334444';
const commandsOf = (tf: Obj): string[] =>
  Object.values((tf.resource?.terraform_data ?? {}) as Obj).flatMap((r: Obj) => r.provisioner.map((p: Obj) => p['local-exec'].command as string));

function synthGrant(context: Record<string, unknown>): string[] {
  const app = new App({ outdir: mkdtempSync(join(work, 'app-')), stackTraces: false, context });
  const stack = new TerraformStack(app, 's');
  new ApplicationGrant(stack, 'g', { application: APP, grantType: 'refresh_token' });
  app.synth();
  return commandsOf(JSON.parse(readFileSync(join(app.outdir, 'stacks/s/cdk.tf.json'), 'utf8')) as Obj);
}

describe('the provisioners\' command', () => {
  it('is `aws` by default, else the tipkit:awsCommand context, in put and delete alike', () => {
    expect(synthGrant({})).toEqual([
      'aws sso-admin put-application-grant --cli-input-json "$TIPKIT_REQUEST"',
      'aws sso-admin delete-application-grant --application-arn "$TIPKIT_APPLICATION_ARN" --grant-type "$TIPKIT_GRANT_TYPE"',
    ]);
    expect(synthGrant({ [AWS_COMMAND_CONTEXT]: 'npx tipkit aws' })).toEqual([
      'npx tipkit aws sso-admin put-application-grant --cli-input-json "$TIPKIT_REQUEST"',
      'npx tipkit aws sso-admin delete-application-grant --application-arn "$TIPKIT_APPLICATION_ARN" --grant-type "$TIPKIT_GRANT_TYPE"',
    ]);
  });

  it('refuses a context value that is not one line of command', () => {
    for (const bad of ['', 'aws\nrm -rf /', 42]) expect(() => synthGrant({ [AWS_COMMAND_CONTEXT]: bad })).toThrow(TipkitConstructError);
  });

  it('is TipkitStack\'s awsCommand option', async () => {
    const app = new App({ outdir: join(work, 'stack'), stackTraces: false });
    const config = canonicalConfig((await loadConfigFile(join(repoRoot, 'examples/web-app/tipkit.yaml'))).model);
    new TipkitStack(app, 'web', config, { awsCommand: 'npx tipkit aws' });
    app.synth();
    const commands = commandsOf(JSON.parse(readFileSync(join(work, 'stack/stacks/web/cdk.tf.json'), 'utf8')) as Obj);
    expect(commands.length).toBeGreaterThan(0);
    for (const c of commands) expect(c).toMatch(/^npx tipkit aws sso-admin (put|delete)-application-(grant|authentication-method) --region "\$AWS_REGION" /);
  });

  it('is tipkit synth --aws-command; the output loads back to the same config as with `aws`', async () => {
    const plain = join(work, 'plain');
    const viaTipkit = join(work, 'via-tipkit');
    expect(runCli(['synth', '--config', 'examples/web-app/tipkit.yaml', '--out', plain, '--quiet']).code).toBe(0);
    expect(runCli(['synth', '--config', 'examples/web-app/tipkit.yaml', '--out', viaTipkit, '--quiet', '--aws-command', 'npx tipkit aws']).code).toBe(0);
    const tf = (dir: string) => join(dir, 'stacks/tipkit/cdk.tf.json');
    const commands = commandsOf(JSON.parse(readFileSync(tf(viaTipkit), 'utf8')) as Obj);
    expect(commands.length).toBeGreaterThan(0);
    expect(commands.every((c) => c.startsWith('npx tipkit aws sso-admin '))).toBe(true);
    expect(commandsOf(JSON.parse(readFileSync(tf(plain), 'utf8')) as Obj).map((c) => c.replace(/^aws /, 'npx tipkit aws '))).toEqual(commands);
    expect(canonicalConfig((await loadConfigFile(tf(viaTipkit))).model)).toEqual(canonicalConfig((await loadConfigFile(tf(plain))).model));

    const bad = runCli(['synth', '--config', 'examples/web-app/tipkit.yaml', '--out', join(work, 'bad'), '--aws-command', 'aws\necho']);
    expect([bad.code, bad.stderr]).toEqual([2, 'tipkit: synth: --aws-command takes a one-line command such as \'npx tipkit aws\' (got "aws\\necho")\n']);
  });
});

