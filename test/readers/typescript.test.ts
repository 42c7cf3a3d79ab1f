import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalConfig } from '../../model/canonical.js';
import { fromRawInput, loadConfigFile } from '../../inputs/load.js';
import { readTypeScriptFiles } from '../../inputs/typescript/index.js';

const fx = (name: string) => `test/fixtures/ts/${name}`;
const redirectUri = (i: number) => ['applications', 0, 'Grants', 0, 'Grant', 'AuthorizationCode', 'RedirectUris', i];

describe('TypeScript reader', () => {
  it('reads the okta-tip constructs as the same setup as examples/okta-tip/tipkit.yaml', async () => {
    const input = await readTypeScriptFiles([fx('okta-tip/stack.ts'), fx('okta-tip/settings.ts')]);
    expect(input.notes).toEqual([]);
    const loaded = fromRawInput('typescript', input);
    expect(loaded.violations).toEqual([]);
    const yaml = await loadConfigFile('examples/okta-tip/tipkit.yaml');
    const expected = canonicalConfig(yaml.model);
    delete (expected.instance as Record<string, unknown>).Region; // the constructs have no Region prop
    expect(canonicalConfig(loaded.model)).toEqual(expected);
  });

  it('resolves construct references by variable (construct, .trustedTokenIssuerArn, .applicationArn) to Names', async () => {
    const { model } = fromRawInput('typescript', await readTypeScriptFiles([fx('okta-tip/stack.ts'), fx('okta-tip/settings.ts')]));
    const portal = model.index.applicationByName.get('analytics-portal')!;
    const ati = portal.grants[0]!.authorizedTokenIssuers![0]!;
    expect(ati).toMatchObject({ ref: 'okta-prod', resolution: 'name' });
    expect(portal.accessScopes[0]!.targets[0]).toMatchObject({ ref: 'redshift-app', resolution: 'name' });
    // Imported `as const` object member, through an import alias of the construct class (TrustedTokenIssuer as Issuer).
    expect(ati.audiences).toEqual(['0oa1analytics']);
    expect(model.issuers.map((i) => i.name)).toEqual(['okta-prod']);
  });

  it('points each value at its place in the .ts source, and keeps the text for suppression comments', async () => {
    const input = await readTypeScriptFiles([fx('web-app.ts')]);
    expect(input.notes).toEqual([]);
    // 'http://127.0.0.1:8080/oauth/callback' is on line 30, column 11 of web-app.ts.
    expect(input.positions.locate(redirectUri(1))).toMatchObject({ file: fx('web-app.ts'), line: 30, column: 11, endLine: 30, endColumn: 49 });
    // `'https://' + HOST + Paths['callback']` (line 28) resolves, and is located at the expression.
    expect(input.positions.locate(redirectUri(0))).toMatchObject({ line: 28, column: 11 });
    expect(input.raw.applications![0]!.Grants).toEqual([
      {
        GrantType: 'authorization_code',
        Grant: { AuthorizationCode: { RedirectUris: ['https://wiki.example.com/oauth/callback', 'http://127.0.0.1:8080/oauth/callback'] } },
      },
    ]);
    expect(input.positions.locateKey(['applications', 0, 'Grants', 0, 'GrantType'])).toMatchObject({ line: 24, column: 5 });
    const text = input.positions.texts.get(fx('web-app.ts'))!;
    expect(text.split('\n')[28]).toContain('// tipkit-ignore redirect-uri-insecure: local development only');
  });

  it('turns construct suppressions into ConstructSuppression entries on the right resource', async () => {
    const input = await readTypeScriptFiles([fx('web-app.ts')]);
    expect(input.suppressions).toEqual([
      {
        id: 'iam-auth-method-missing',
        reason: 'tokens come from the portal, not CreateTokenWithIAM',
        resource: 'applications/team-wiki',
        pointer: ['applications', 0, 'suppressions', 0],
      },
    ]);
    expect(input.positions.locate(['applications', 0, 'suppressions', 0])).toMatchObject({ line: 20, column: 20 });
    // identityStoreId goes to the instance; suppressions are no config key.
    expect(input.raw.instance).toEqual({ InstanceArn: 'arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980', IdentityStoreId: 'd-906700aa11' });
    expect(input.raw.applications![0]).not.toHaveProperty('Suppressions');
  });

  it('resolves consts: spreads, `as const`, `satisfies`, templates, element access, concatenation', async () => {
    const input = await readTypeScriptFiles([fx('misc/consts.ts')]);
    expect(input.notes).toEqual([]);
    const { model, violations } = fromRawInput('typescript', input);
    expect(violations).toEqual([]);
    expect(model.issuers[0]).toMatchObject({ name: 'idp-prod', oidc: { issuerUrl: 'https://idp.example.com/prod' } });
    expect(model.applications.map((a) => a.name)).toEqual(['target-app', 'source-stage']);
    const source = model.index.applicationByName.get('source-stage')!;
    expect(source.status).toBe('ENABLED');
    expect(source.accessScopes[0]!.scope).toBe('s3:access_grants:read');
    expect(source.accessScopes[0]!.targets.map((t) => [t.ref, t.resolution])).toEqual([
      ['target-app', 'name'],
      ['arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444', 'external'],
    ]);
    // The spread `...base` supplies instanceArn; its position is the const's declaration.
    expect(input.positions.locate(['instance', 'InstanceArn'])).toMatchObject({ line: 5, column: 29 });
  });

  describe('arguments that need the code to run', () => {
    const marker = '/tmp/tipkit-ts-reader-executed';
    beforeAll(() => rmSync(marker, { force: true }));

    it('skips each with a note at its position, reads the rest, and never runs the file', async () => {
      const input = await readTypeScriptFiles([fx('misc/dynamic.ts')]);
      expect(existsSync(marker)).toBe(false);
      const notes = input.notes!.map((n) => `${n.line}:${n.column} ${n.message}`);
      expect(notes).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^16:16 .*readFileSync\('description.txt', 'utf8'\)/),
          expect.stringMatching(/^24:18 .*`mutableUrl` is not a const/),
          expect.stringMatching(/^34:48 .*`discover\(\)`/),
          expect.stringMatching(/^34:100 .*`process\.env\.HOST`/),
          expect.stringMatching(/^37:1 skipped new ApplicationGrant\(…\): its `application` cannot be read/),
        ]),
      );
      expect(input.notes!.every((n) => n.file === fx('misc/dynamic.ts'))).toBe(true);
      const app = input.raw.applications![0]!;
      expect(app).not.toHaveProperty('Description');
      // The one literal redirect URI is kept; the two computed ones are not guessed.
      expect(app.Grants).toEqual([{ GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://ok.example.com/cb'] } } }]);
      const issuerConfig = (input.raw.trustedTokenIssuers![0]!.TrustedTokenIssuerConfiguration as { OidcJwtConfiguration: object }).OidcJwtConfiguration;
      expect(issuerConfig).not.toHaveProperty('IssuerUrl');
    });
  });

  it('skips constructs made in loops or callbacks, or whose name needs the code to run', async () => {
    const input = await readTypeScriptFiles([fx('misc/repeated.ts')]);
    expect(input.notes!.map((n) => `${n.line}:${n.column} ${n.message}`)).toEqual([
      '7:3 skipped new IdentityCenterApplication(…): it is created in a loop, so how many there are is only known when the code runs',
      '10:24 skipped new IdentityCenterApplication(…): it is created in a callback, so how many there are is only known when the code runs',
      '13:68 skipped a value that cannot be read without running the code: `name` is not a const with a literal value',
      '13:10 skipped new IdentityCenterApplication(…): its `name` cannot be read without running the code',
      "15:14 skipped a value that cannot be read without running the code: `makeApp(this, 'made')` is not a literal or a constant",
      '17:1 skipped new ApplicationGrant(…): its `application` cannot be read without running the code',
    ]);
    expect(input.raw.applications!.map((a) => a.Name)).toEqual(['kept']);
  });

  it('skips a file with syntax errors with a note, and still reads the other files', async () => {
    const input = await readTypeScriptFiles([fx('misc/broken.ts'), fx('web-app.ts')]);
    expect(input.notes).toEqual([
      { message: expect.stringMatching(/^skipped test\/fixtures\/ts\/misc\/broken\.ts: TypeScript syntax error: ',' expected/), file: fx('misc/broken.ts'), line: 7, column: 3 },
    ]);
    expect(input.raw.applications!.map((a) => a.Name)).toEqual(['team-wiki']);
  });

  it('skips a file that nests too deeply with a note instead of overflowing the stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-ts-deep-'));
    try {
      const deep = join(dir, 'deep.ts');
      writeFileSync(deep, `const x = ${'['.repeat(20_000)}${']'.repeat(20_000)};\n`);
      const input = await readTypeScriptFiles([deep, fx('web-app.ts')]);
      expect(input.notes).toEqual([{ message: `skipped ${deep}: it nests too deeply to read`, file: deep, line: 1, column: 1 }]);
      expect(input.raw.applications!.map((a) => a.Name)).toEqual(['team-wiki']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what loadConfigFile uses for .ts files', async () => {
    const loaded = await loadConfigFile(fx('web-app.ts'));
    expect(loaded.kind).toBe('typescript');
    expect(loaded.model.applications[0]!.grants[0]!.redirectUris).toEqual(['https://wiki.example.com/oauth/callback', 'http://127.0.0.1:8080/oauth/callback']);
  });
});
