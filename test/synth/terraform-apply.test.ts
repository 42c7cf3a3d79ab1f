// Real Terraform runs the synthesized grant and authentication-method resources (terraform_data is built in, so
// no provider download): apply puts each request, a changed grant is deleted and put again, destroy deletes.
// The AWS CLI is stood in for by a script on PATH that records its arguments (there is no AWS here); the aws_*
// references, which only the AWS provider could fill, are replaced by literal ARNs first.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const terraform = ['/usr/local/bin/terraform', '/usr/bin/terraform'].find((p) => existsSync(p));
const work = mkdtempSync(join(tmpdir(), 'tipkit-tf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Obj = Record<string, any>;
const appArn = (key: string): string => `arn:aws:sso::111122223333:application/ssoins-1f2e3d4c5b6a7980/apl-${key.replace(/[^a-zA-Z0-9]/g, '').slice(0, 16).padEnd(16, '0')}`;

/** The synthesized terraform_data resources, with references to AWS resources as literal ARNs. */
function grantsOnly(tf: Obj): Obj {
  const text = JSON.stringify({ resource: { terraform_data: tf.resource.terraform_data } }, null, 2).replace(
    /\$\{aws_ssoadmin_application\.([\w-]+)\.application_arn\}/g,
    (_, key: string) => appArn(key),
  );
  return JSON.parse(text) as Obj;
}

function run(dir: string, args: string[]): string {
  const r = spawnSync(terraform!, args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${join(work, 'bin')}:${process.env.PATH}`, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', AWS_CALLS: join(dir, 'aws-calls.jsonl') },
    timeout: 120_000,
  });
  expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function awsCalls(dir: string): string[][] {
  const file = join(dir, 'aws-calls.jsonl');
  if (!existsSync(file)) return [];
  const calls = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
  rmSync(file);
  return calls;
}

const requestOf = (call: string[]): Obj => JSON.parse(call[call.indexOf('--cli-input-json') + 1]!) as Obj;

describe.skipIf(!terraform)('the synthesized Terraform under terraform apply / destroy', () => {
  it('puts, re-puts on change, and deletes through the AWS CLI', () => {
    mkdirSync(join(work, 'bin'));
    const stub = join(work, 'bin/aws');
    writeFileSync(stub, `#!${process.execPath}\nrequire('fs').appendFileSync(process.env.AWS_CALLS, JSON.stringify(process.argv.slice(2)) + '\\n');\n`);
    chmodSync(stub, 0o755);

    const out = join(work, 'out');
    expect(runCli(['synth', '--config', 'examples/web-app/tipkit.yaml', '--out', out, '--quiet']).code).toBe(0);
    const tf = grantsOnly(JSON.parse(readFileSync(join(out, 'stacks/tipkit/cdk.tf.json'), 'utf8')) as Obj);
    const dir = join(work, 'tf');
    mkdirSync(dir);
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(tf, null, 2));

    run(dir, ['init', '-input=false', '-no-color']);
    expect(run(dir, ['validate', '-no-color'])).toMatch(/The configuration is valid/);

    run(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    const puts = awsCalls(dir);
    const expected = Object.values(tf.resource.terraform_data as Obj).map((r: Obj) => r.input.request);
    expect(puts.map((c) => c.slice(0, 4))).toEqual(
      expect.arrayContaining([
        ['sso-admin', 'put-application-grant', '--region', 'eu-west-1'],
        ['sso-admin', 'put-application-authentication-method', '--region', 'eu-west-1'],
      ]),
    );
    // jsonencode(self.input.request) hands the CLI exactly the synthesized request.
    expect(puts.map(requestOf)).toEqual(expect.arrayContaining(expected));
    expect(puts).toHaveLength(expected.length);

    // A changed grant is replaced: its old grant is deleted, the new request put; nothing else is touched.
    const [codeKey, code] = Object.entries(tf.resource.terraform_data as Obj).find(([, r]) => (r as Obj).input.request.GrantType === 'authorization_code')!;
    const changed = structuredClone(tf);
    for (const field of ['input', 'triggers_replace']) changed.resource.terraform_data[codeKey][field].request.Grant.AuthorizationCode.RedirectUris = ['https://wiki.example.com/oauth/new'];
    writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(changed, null, 2));
    run(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
    const arn = (code as Obj).input.request.ApplicationArn as string;
    const replaced = awsCalls(dir);
    expect(replaced[0]).toEqual(['sso-admin', 'delete-application-grant', '--region', 'eu-west-1', '--application-arn', arn, '--grant-type', 'authorization_code']);
    expect(replaced).toHaveLength(2);
    expect(requestOf(replaced[1]!).Grant).toEqual({ AuthorizationCode: { RedirectUris: ['https://wiki.example.com/oauth/new'] } });

    run(dir, ['destroy', '-auto-approve', '-input=false', '-no-color']);
    const deletes = awsCalls(dir).map((c) => c.slice(1).join(' '));
    expect(deletes.sort()).toEqual(
      [
        `delete-application-authentication-method --region eu-west-1 --application-arn ${arn} --authentication-method-type IAM`,
        `delete-application-grant --region eu-west-1 --application-arn ${arn} --grant-type authorization_code`,
        `delete-application-grant --region eu-west-1 --application-arn ${arn} --grant-type refresh_token`,
      ].sort(),
    );
  });
});
