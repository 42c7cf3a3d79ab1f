/**
 * The static TypeScript reader's work grows linearly with the app (issue 24): counted in operations, never timed.
 * It used to rescan every statement of a scope for each identifier (quadratic in a stack's constructs) and to
 * re-read a const at every use (exponential in a chain of consts).
 */
import { describe, expect, it } from 'vitest';
import * as tsm from 'ts-morph';
import { StaticReader } from '../../inputs/typescript/static-reader.js';
import type { Note } from '../../inputs/typescript/values.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';

/** One stack of n applications, each with a grant naming an issuer, a scope and an IAM method. */
function stackOf(n: number): string {
  const lines = [`import { ApplicationAccessScope, ApplicationAuthenticationMethod, ApplicationGrant, IdentityCenterApplication, TrustedTokenIssuer } from 'tipkit';`, `const INSTANCE = '${INSTANCE}';`, 'export class S { constructor() {'];
  for (let i = 0; i < n; i++) {
    if (i % 10 === 0) lines.push(`const idp${i / 10} = new TrustedTokenIssuer(this, 'idp-${i}', { instanceArn: INSTANCE, name: 'idp-${i}', trustedTokenIssuerConfiguration: { oidcJwtConfiguration: { issuerUrl: 'https://idp-${i}.example.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' } } });`);
    lines.push(
      `const app${i} = new IdentityCenterApplication(this, 'app-${i}', { instanceArn: INSTANCE, name: 'app-${i}', applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' });`,
      `new ApplicationGrant(this, 'g${i}', { application: app${i}, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: idp${Math.floor(i / 10)}, authorizedAudiences: ['aud-${i}'] }] } } });`,
      `new ApplicationAccessScope(this, 's${i}', { application: app${i}, scope: 'redshift:connect' });`,
      `new ApplicationAuthenticationMethod(this, 'm${i}', { application: app${i}, authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/A${i}' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } } });`,
    );
  }
  return `${lines.join('\n')}\n} }\n`;
}

function workOf(source: string): { statementsExamined: number; valuesRead: number; notes: Note[] } {
  const project = new tsm.Project({ useInMemoryFileSystem: true, compilerOptions: { noLib: true, noResolve: true } });
  const sf = project.createSourceFile('/app.ts', source);
  const notes: Note[] = [];
  const reader = new StaticReader(tsm, [sf], new Map(), notes);
  for (const decl of reader.findAll()) reader.propsOf(decl);
  return { statementsExamined: reader.consts.work.statementsExamined, valuesRead: reader.budget.spent, notes };
}

describe('the static reader does work linear in the app', () => {
  it('examines each scope once and reads each value once: doubling the applications at most doubles the work', () => {
    const small = workOf(stackOf(200));
    const large = workOf(stackOf(400));
    expect(small.notes).toEqual([]);
    expect(large.notes).toEqual([]);
    expect(large.statementsExamined / small.statementsExamined).toBeLessThanOrEqual(2.2);
    expect(large.valuesRead / small.valuesRead).toBeLessThanOrEqual(2.2);
    // Each statement of the constructor is examined about once, not once per identifier that names a const.
    expect(large.statementsExamined).toBeLessThan(2 * (400 * 5 + 40));
  });

  it('reads a chain of consts that each use the previous twice once per const, not 2^n times', () => {
    const chain = ['const c0 = { x: 1 };', ...Array.from({ length: 30 }, (_, i) => `const c${i + 1} = { x: c${i}.x, y: c${i}.x };`)].join('\n');
    const { valuesRead, notes } = workOf(`import { IdentityCenterApplication } from 'tipkit';\n${chain}\nnew IdentityCenterApplication(this, 'a', { name: 'a', description: c30.y });\n`);
    expect(notes).toEqual([]);
    expect(valuesRead).toBeLessThan(1_000);
  });
});
