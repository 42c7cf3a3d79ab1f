/**
 * A named file that is not a tipkit config (issue 10 item 8): an sso-admin request body (`--cli-input-json` /
 * `--cli-input-yaml`) is linted as the one application it configures, a CloudFormation template for its
 * AWS::SSO::Application resources, and anything else is one line saying it is not a tipkit input (exit 2 only
 * when nothing named was usable). A broken tipkit config is still judged as one.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintPaths, type Finding } from '../../linter/index.js';
import { InputError } from '../../model/errors.js';
import { ensureDistBuilt, runCli } from '../helpers/cli.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'foreign');
const show = (f: Finding): string => `${f.location.line}:${f.location.column} ${f.ruleId}`;
const lint = async (...files: string[]) => (await lintPaths(files, { cwd: ROOT })).findings.map(show);

describe('sso-admin request bodies', () => {
  it('PutApplicationGrant: its grant is checked (an issuer given by name, an empty audience list)', async () => {
    expect(await lint('put-application-grant.json')).toEqual(['8:36 token-issuer-unresolved', '9:34 authorized-audiences-required']);
  });

  it('PutApplicationGrant that is right: nothing, not even about what the request does not say (other grants, IAM method, assignments)', async () => {
    expect(await lint('put-application-grant-ok.json')).toEqual([]);
  });

  it('PutApplicationAuthenticationMethod (YAML): the wrong service prefix in the actor policy is caught', async () => {
    expect(await lint('put-application-authentication-method.yaml')).toEqual(['11:19 actor-policy-no-create-token']);
  });

  it('a request with the right keys and a wrong value gets the schema finding at the value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-request-'));
    writeFileSync(join(dir, 'scope.json'), '{\n  "ApplicationArn": "arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444",\n  "Scope": "not a scope!"\n}\n');
    const findings = (await lintPaths(['scope.json'], { cwd: dir })).findings;
    expect(findings.map(show)).toEqual(['3:12 access-scope-invalid']);
  });
});

describe('CloudFormation templates', () => {
  it('an intrinsic inside a property hides only itself: its literal siblings are checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-cfn-partial-'));
    writeFileSync(
      join(dir, 'stack.yaml'),
      [
        'Resources:',
        '  Portal:',
        '    Type: AWS::SSO::Application',
        '    Properties:',
        '      Name: portal',
        '      InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d',
        '      ApplicationProviderArn: arn:aws:sso::aws:applicationProvider/custom',
        '      PortalOptions:',
        '        Visibility: !FindInMap [Visibility, !Ref "AWS::Region", Portal]',
        '        SignInOptions:',
        '          Origin: SOMEWHERE',
        '',
      ].join('\n'),
    );
    const findings = (await lintPaths(['stack.yaml'], { cwd: dir })).findings;
    expect(findings.filter((f) => f.ruleId !== 'assignment-required-without-assignments').map((f) => `${show(f)} ${f.message}`)).toEqual([
      '9:32 input-skipped skipped Portal.PortalOptions.Visibility: an intrinsic function is only resolved when CloudFormation deploys',
      expect.stringMatching(/^11:19 schema-violation 'Origin' must be one of/),
    ]);
  });

  it('applications and their assignments are read, intrinsics are unknown, a permission set gets no note', async () => {
    expect(await lint('cloudformation.yaml')).toEqual(['11:25 input-skipped', '21:13 assignment-required-without-assignments', '22:25 input-skipped']);
  });
});

describe('any other JSON', () => {
  it('named alone: one line, exit 2', async () => {
    const err = await lintPaths(['package-settings.json'], { cwd: ROOT }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/^not a tipkit input: /);
  });

  it('named beside a usable input: a note, and the usable input is linted', async () => {
    const report = await lintPaths(['package-settings.json', 'put-application-grant.json'], { cwd: ROOT });
    expect(report.findings.find((f) => f.location.file === 'package-settings.json')).toMatchObject({ ruleId: 'input-skipped', severity: 'note', location: { line: 1, column: 1 } });
    expect(report.findings.some((f) => f.ruleId === 'authorized-audiences-required')).toBe(true);
  });

  it('a tipkit scenario named alone is not a config: one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-scenario-'));
    writeFileSync(join(dir, 'scenario.yaml'), 'version: 1\nconfig: ./tipkit.yaml\nrequests: []\n');
    const err = await lintPaths(['scenario.yaml'], { cwd: dir }).catch((e: unknown) => e);
    expect((err as InputError).message).toContain('a tipkit scenario');
  });

  it('a tipkit config with mistakes is still judged as one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-broken-'));
    writeFileSync(join(dir, 'tipkit.json'), '{ "applications": [{ "Name": "portal" }] }\n');
    const findings = (await lintPaths(['tipkit.json'], { cwd: dir })).findings;
    expect(findings.filter((f) => f.ruleId === 'schema-violation').map((f) => f.message).join('\n')).toMatch(/'version'/);
  });
});

describe('tipkit lint on a file that is not a tipkit input', () => {
  beforeAll(() => ensureDistBuilt(), 120_000);
  it('prints one line naming the file and exits 2', () => {
    const r = runCli(['lint', 'package-settings.json'], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('package-settings.json');
    expect(r.stderr).toContain('not a tipkit input');
  });
});
