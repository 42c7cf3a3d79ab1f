/**
 * cdktf as people and `cdktf convert` write it (issue 19, item 3): Token.as* wrappers, Fn.* as Terraform's
 * functions, TerraformVariable / TerraformLocal values, overrideLogicalId, and tipkit's constructs recognized by
 * where they are imported from, never by the class name alone.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import * as tsm from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { readTypeScriptFiles } from '../../inputs/typescript/index.js';
import { StaticReader } from '../../inputs/typescript/static-reader.js';
import type { Note } from '../../inputs/typescript/values.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const dir = mkdtempSync(join(tmpdir(), 'tipkit-ts-cdktf-'));
let n = 0;
function file(source: string, name = `app${n++}.ts`): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, source);
  return path;
}

const portal = (extra = '') => `const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', assignmentRequired: false${extra} });`;

describe("tipkit's constructs by import source", () => {
  it("does not read a project's own ApplicationGrant imported from ../custom as tipkit's", async () => {
    const input = await readTypeScriptFiles([
      file(`import { IdentityCenterApplication } from 'tipkit';
import { ApplicationGrant, ApplicationAuthenticationMethod } from '../custom';
declare const stack: any;
${portal()}
new ApplicationGrant(stack, 'g', { application: app, grantType: 'authorization_code', grant: { authorizationCode: { redirectUris: [] } } });
new ApplicationAuthenticationMethod(stack, 'm', { application: app, authenticationMethod: process.env.X });
`),
    ]);
    expect(input.notes).toEqual([]);
    expect(input.raw.applications).toHaveLength(1);
    expect(input.raw.applications![0]!.Grants).toBeUndefined();
    expect(input.raw.applications![0]!.AuthenticationMethods).toBeUndefined();
  });

  it('reads the same classes imported from tipkit, by alias, or through a namespace import', async () => {
    const input = await readTypeScriptFiles([
      file(`import { IdentityCenterApplication } from 'tipkit';
import { ApplicationGrant as Grant } from 'tipkit';
import * as tipkit from 'tipkit';
declare const stack: any;
${portal()}
new Grant(stack, 'g', { application: app, grantType: 'refresh_token' });
new tipkit.ApplicationAccessScope(stack, 's', { application: app, scope: 'redshift:connect' });
`),
    ]);
    expect(input.notes).toEqual([]);
    expect(input.raw.applications![0]).toMatchObject({ Grants: [{ GrantType: 'refresh_token' }], AccessScopes: [{ Scope: 'redshift:connect' }] });
  });

  it("reads tipkit's own source by a relative import of its constructs/, not a project's own constructs/ folder", async () => {
    const own = file('', 'own/app.ts');
    const toTipkit = relative(dirname(own), resolve(import.meta.dirname, '../../constructs/index.js'));
    expect(toTipkit.startsWith('..')).toBe(true);
    writeFileSync(own, `import { IdentityCenterApplication } from '${toTipkit}';\ndeclare const stack: any;\n${portal()}\n`);
    expect((await readTypeScriptFiles([own])).raw.applications).toHaveLength(1);
    const project = file(`import { IdentityCenterApplication } from '../constructs/index.js';\ndeclare const stack: any;\n${portal()}\n`, 'project/app.ts');
    expect((await readTypeScriptFiles([project])).raw.applications).toBeUndefined();
  });
});

describe('cdktf helpers', () => {
  it('Token.asString/asList/asNumber(x) is x; Fn.* are Terraform functions; Fn.lookupNested indexes', async () => {
    const input = await readTypeScriptFiles([
      file(`import { IdentityCenterApplication, ApplicationGrant } from 'tipkit';
import { Fn, Token } from 'cdktf';
declare const stack: any;
const settings = { urls: ['https://a.example.com/cb', 'https://b.example.com/cb'], name: 'portal' };
const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: Token.asString('${INSTANCE}'), name: Fn.lookup(settings, 'name', 'x'), assignmentRequired: false });
new ApplicationGrant(stack, 'g', { application: app, grantType: 'authorization_code', grant: { authorizationCode: { redirectUris: Token.asList(Fn.concat(settings.urls, [Fn.lookupNested(settings, ['urls', '0'])])) } } });
`),
    ]);
    expect(input.notes).toEqual([]);
    expect(input.raw.applications![0]).toMatchObject({
      Name: 'portal',
      Grants: [{ Grant: { AuthorizationCode: { RedirectUris: ['https://a.example.com/cb', 'https://b.example.com/cb', 'https://a.example.com/cb'] } } }],
    });
  });

  it('an Fn.* tipkit does not evaluate, or of unknown arguments, is unknown with a note naming it', async () => {
    const input = await readTypeScriptFiles([
      file(`import { IdentityCenterApplication } from 'tipkit';
import { Fn } from 'cdktf';
declare const stack: any;
new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', description: Fn.uuid(), assignmentRequired: Fn.tobool(process.env.X) });
`),
    ]);
    expect(input.notes!.map((x) => x.message)).toEqual([
      'skipped a value that cannot be read without running the code: `Fn.uuid` is not a function tipkit evaluates',
      expect.stringContaining('process.env.X'),
    ]);
  });

  it("TerraformVariable: its default, else unknown with a note; TerraformLocal: its expression", async () => {
    const input = await readTypeScriptFiles([
      file(`import { IdentityCenterApplication } from 'tipkit';
import { TerraformLocal, TerraformVariable } from 'cdktf';
declare const stack: any;
const name = new TerraformVariable(stack, 'name', { type: 'string', default: 'portal' });
const domain = new TerraformVariable(stack, 'domain', { type: 'string' });
const instance = new TerraformLocal(stack, 'instance', '${INSTANCE}');
new IdentityCenterApplication(stack, 'portal', { instanceArn: instance.asString, name: name.stringValue, description: domain.stringValue, assignmentRequired: false });
`),
    ]);
    expect(input.raw.applications![0]).toMatchObject({ Name: 'portal' });
    expect(input.raw.instance).toMatchObject({ InstanceArn: INSTANCE });
    expect(input.notes!.map((x) => x.message)).toEqual(['skipped a value that cannot be read without running the code: `domain.stringValue` is a Terraform variable without a default: its value is only known when Terraform runs']);
  });

  it('overrideLogicalId names the binding as Terraform sees it', () => {
    const project = new tsm.Project({ useInMemoryFileSystem: true, compilerOptions: { noLib: true } });
    const sf = project.createSourceFile(
      '/main.ts',
      `import { SsoadminApplication } from '@cdktf/provider-aws/lib/ssoadmin-application';
declare const stack: any;
const awsSsoadminApplicationPortal = new SsoadminApplication(stack, 'portal_1', { name: 'portal', instanceArn: '${INSTANCE}', applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' });
awsSsoadminApplicationPortal.overrideLogicalId('portal');
`,
    );
    const notes: Note[] = [];
    const reader = new StaticReader(tsm, [sf], new Map(), notes);
    const [decl] = reader.findAll();
    expect(reader.logicalId(decl!)).toBe('portal');
    expect(notes).toEqual([]);
  });
});
