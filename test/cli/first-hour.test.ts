// What a new user meets first: every command's --help lists the same common flags with the same short forms,
// synth --help says what synth needs, a missing file is `no such file: PATH`, and the common scenario mistakes
// (a string expect, a config given as the scenario, a misspelled response field) say how to fix them. The
// --verbose trace prints identifiers such as `aud` whole.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, runCli } from '../helpers/cli.js';

const COMMANDS = ['lint', 'simulate', 'synth', 'serve', 'rules', 'access', 'pull', 'drift', 'init'] as const;
const ALL_COMMANDS = [...COMMANDS, 'aws'] as const;

/**
 * One flag vocabulary: where a command takes a flag for one of these things, its help spells it this way
 * (the AWS CLI's names where it has one). `aws` mirrors the AWS CLI, whose --output is a format.
 */
const VOCABULARY: { flag: RegExp; commands: readonly (typeof ALL_COMMANDS)[number][] }[] = [
  { flag: /^ {2}-h, --help /m, commands: ALL_COMMANDS },
  { flag: /^ {6}--debug /m, commands: ALL_COMMANDS },
  { flag: /^ {2}-q, --quiet /m, commands: COMMANDS },
  { flag: /^ {2}-o, --output FILE /m, commands: COMMANDS },
  { flag: /^ {2}-c, --config FILE /m, commands: ['simulate', 'synth', 'serve', 'drift'] },
  { flag: /^ {2}-f, --format /m, commands: ['lint', 'simulate', 'rules', 'access', 'drift'] },
  { flag: /^ {6}--endpoint-url URL /m, commands: ['pull', 'drift', 'aws'] },
  { flag: /^ {6}--region R /m, commands: ['pull', 'drift', 'aws'] },
  { flag: /^ {6}--instance-arn ARN /m, commands: ['pull', 'drift'] },
  { flag: /^ {6}--allow-empty /m, commands: ['lint', 'access'] },
  { flag: /^ {6}--max-input-bytes N /m, commands: ['lint', 'simulate', 'synth', 'serve', 'access', 'drift'] },
];
const work = mkdtempSync(join(tmpdir(), 'tipkit-first-hour-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => {
  ensureDistBuilt();
  copyFileSync('examples/okta-tip/tipkit.yaml', join(work, 'tipkit.yaml'));
});

function scenario(name: string, requests: string): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `version: 1
config: ./tipkit.yaml
now: 2026-11-23T12:00:00Z
identityStore:
  Users: [{ UserId: u-alice, UserName: alice, Emails: [{ Value: alice@example.com }] }]
  Groups: [{ GroupId: g-analysts, DisplayName: analysts, Members: [alice] }]
issuers:
  okta-prod: { generateKey: ES256 }
principals:
  backend: { Arn: arn:aws:iam::111122223333:role/AnalyticsBackend }
requests:
${requests}`,
  );
  return file;
}

const login = `  - name: login
    operation: CreateTokenWithIAM
    caller: backend
    input:
      clientId: analytics-portal
      grantType: urn:ietf:params:oauth:grant-type:jwt-bearer
      assertion: { jwt: { issuer: okta-prod, claims: { email: alice@example.com, aud: 0oa1analytics } } }
`;

describe('common flags', () => {
  it.each(COMMANDS)('%s --help lists -h/--help, -q/--quiet, --debug and -o/--output', (command) => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    for (const line of [/^ {2}-h, --help /m, /^ {2}-q, --quiet /m, /^ {6}--debug /m, /^ {2}-o, --output FILE /m]) expect(r.stdout).toMatch(line);
  });

  it.each(ALL_COMMANDS)('%s --help spells every shared flag one way, and `tipkit help COMMAND` prints the same', (command) => {
    const help = runCli([command, '--help']);
    expect(help.code).toBe(0);
    for (const { flag, commands } of VOCABULARY) {
      if ((commands as readonly string[]).includes(command)) expect(help.stdout, `${command} --help: ${flag}`).toMatch(flag);
    }
    // The old spelling stays an alias, but help teaches the AWS CLI's.
    expect(help.stdout).not.toMatch(/^\s+--endpoint URL/m);
    expect(runCli(['help', command])).toEqual(help);
    expect(runCli([command, '-h'])).toEqual(help);
  });

  it('the general help lists every command, init included', () => {
    const { stdout } = runCli(['--help']);
    for (const command of ALL_COMMANDS) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('drift takes the config as -c/--config like synth (or positionally), not both', () => {
    expect(runCli(['drift', '-c', 'nope.yaml'], { cwd: work })).toMatchObject({ code: 2, stderr: 'tipkit: no such file: nope.yaml\n' });
    expect(runCli(['drift', 'nope.yaml'], { cwd: work })).toMatchObject({ code: 2, stderr: 'tipkit: no such file: nope.yaml\n' });
    expect(runCli(['drift', 'a.yaml', '--config', 'b.yaml'], { cwd: work })).toMatchObject({ code: 2, stderr: 'tipkit: drift: one config at a time (got 2)\n' });
  });

  it('pull takes --endpoint-url (and --endpoint, its old spelling), once', () => {
    const arn = ['--instance-arn', 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d'];
    expect(runCli(['pull', ...arn, '--endpoint-url', 'ftp://x']).stderr).toBe("tipkit: pull: --endpoint-url must be an http(s) URL (got 'ftp://x')\n");
    expect(runCli(['pull', ...arn, '--endpoint', 'ftp://x']).stderr).toBe("tipkit: pull: --endpoint-url must be an http(s) URL (got 'ftp://x')\n");
    expect(runCli(['pull', ...arn, '--endpoint', 'http://a', '--endpoint-url', 'http://b']).stderr).toBe('tipkit: pull: give --endpoint-url once (--endpoint is its alias)\n');
  });

  it.each(COMMANDS)('%s takes -q and --debug (an unknown flag is refused, these are not)', (command) => {
    for (const flag of ['-q', '--debug']) expect(runCli([command, flag, '--nonsense']).stderr).toMatch(/unknown option '--nonsense'/);
  });

  it('the shared flags have one short form everywhere: -c config, -f format', () => {
    expect(runCli(['simulate', scenario('short', login), '-c', join(work, 'tipkit.yaml'), '-f', 'json']).stdout).toContain('"command": "simulate"');
    expect(runCli(['lint', join(work, 'tipkit.yaml'), '-f', 'json']).stdout).toContain('"command": "lint"');
    expect(runCli(['rules', '-f', 'json']).stdout).toContain('"command": "rules"');
    expect(runCli(['synth', '-c', join(work, 'tipkit.yaml'), '--out', join(work, 'out'), '-q'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('synth --help says what synth needs and what deploying needs', () => {
    const { stdout } = runCli(['synth', '--help']);
    expect(stdout).toContain('no Terraform, no AWS credentials, no network');
    expect(stdout).toContain('Deploying the output needs Terraform >= 1.4');
  });
});

describe('nothing to lint is not green', () => {
  it.each(['lint', 'access'])('%s in a directory with no input: exit 2, one line; --allow-empty: exit 0', (command) => {
    const empty = join(work, `empty-${command}`);
    mkdirSync(empty);
    writeFileSync(join(empty, 'README.md'), '# not an input\n');
    expect(runCli([command, empty])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `tipkit: no tipkit config, Terraform or cdktf file found under ${empty} (--allow-empty makes that exit 0)\n`,
    });
    const allowed = runCli([command, empty, '--allow-empty']);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toBe(`tipkit: no tipkit config, Terraform or cdktf file found under ${empty}\n`);
  });
});

describe('one clear line for the first mistakes', () => {
  it.each([
    ['lint', ['lint', 'nope.yaml']],
    ['simulate', ['simulate', 'nope.yaml']],
    ['synth', ['synth', '--config', 'nope.yaml', '--out', 'never-written']],
    ['simulate --config', ['simulate', 'SCENARIO', '--config', 'nope.yaml']],
  ])('%s of a missing file: no such file: PATH', (_, args) => {
    const argv = args.map((a) => (a === 'SCENARIO' ? scenario('missing-config', login) : a));
    expect(runCli(argv, { cwd: work })).toMatchObject({ code: 2, stdout: '', stderr: 'tipkit: no such file: nope.yaml\n' });
  });

  it('expect: success (a string) suggests { outcome: success }', () => {
    const file = scenario('string-expect', `${login}    expect: success\n`);
    const r = runCli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: .*string-expect\.yaml:\d+:\d+: scenario: 'expect' must be a mapping; write `expect: \{ outcome: success \}`\n$/);
  });

  it('a config passed as the scenario says it is a config', () => {
    const r = runCli(['simulate', join(work, 'tipkit.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: .*tipkit\.yaml:\d+:\d+: this is a tipkit config, not a scenario: give it with --config/);
  });

  it('${login.access_token} lists the fields a CreateTokenWithIAM response has', () => {
    const file = scenario(
      'bad-field',
      `${login}  - name: exchange
    operation: CreateTokenWithIAM
    caller: backend
    input: { clientId: redshift-app, grantType: 'urn:ietf:params:oauth:grant-type:token-exchange', subjectToken: '\${login.access_token}', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' }
`,
    );
    const r = runCli(['simulate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "reference '${login.access_token}': a CreateTokenWithIAM response has no 'access_token'; its fields: accessToken, tokenType, expiresIn, refreshToken, idToken, issuedTokenType, scope, awsAdditionalDetails",
    );
  });
});

describe('simulate --verbose', () => {
  it('prints a GUID aud whole (an identifier, not a secret) while tokens stay shortened', () => {
    const aud = randomUUID();
    const file = scenario(
      'guid-aud',
      `${login}    expect: { outcome: success }
  - name: wrong-aud
    operation: CreateTokenWithIAM
    caller: backend
    input:
      clientId: analytics-portal
      grantType: urn:ietf:params:oauth:grant-type:jwt-bearer
      assertion: { jwt: { issuer: okta-prod, claims: { email: alice@example.com, aud: ${aud} } } }
    expect: { outcome: error, error: InvalidGrantException }
`,
    );
    const r = runCli(['simulate', file, '--verbose']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`aud "${aud}" is not among the AuthorizedAudiences`);
    expect(r.stdout).toMatch(/accessToken=aoa\S{3}…\S{4}/);
  });
});
