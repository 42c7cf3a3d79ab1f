/**
 * Every grant and issuer rule, table-driven over the input kinds that can express it: each case is one tipkit
 * config, rendered as tipkit.yaml, as cdktf TypeScript and as synthesized-style Terraform JSON
 * (test/helpers/render-inputs.ts), loaded from a file the way `tipkit lint` loads it, and linted with every rule.
 * An invalid case must yield the rule's finding on the line of that file that holds the offending value (or
 * key); a valid case none. The expected line is found in the rendered text, never written down.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../linter/engine.js';
import { allRules } from '../../linter/rules/index.js';
import type { Finding } from '../../linter/types.js';
import { canonicalConfig } from '../../model/canonical.js';
import { loadConfigFile, type LoadedConfig } from '../../inputs/load.js';
import { GRANT_TYPES, type RawConfig } from '../../model/types.js';
import { lowerFirst } from '../../constructs/refs.js';
import { render, RENDERED_FILE, type RenderedKind } from '../helpers/render-inputs.js';

const KINDS: readonly RenderedKind[] = ['yaml', 'ts', 'tfjson'];

/**
 * What the finding must point at, found in each rendered file: a value as written (`value`), a key (`key`,
 * spelled per kind: camelCase in TypeScript, snake_case for Terraform attributes), where the value of a key
 * begins (`valueOfKey`: a YAML block starts on the line below its key), or the entry (grant, issuer) that holds a
 * value (`entryOf`: a YAML list item, a `new …(` call, a Terraform resource block). `nth` occurrence, from 1.
 */
type Target = ({ value: string } | { key: string } | { valueOfKey: string } | { entryOf: string }) & { nth?: number };

interface Case {
  name: string;
  config: RawConfig;
}
interface InvalidCase extends Case {
  /** Kinds this case cannot be written in, each with the reason (checked: the rule is silent there). */
  skip?: Partial<Record<RenderedKind, string>>;
  at: Target;
  /** A place the message names as `line N` (duplicate-grant names the earlier declaration). */
  mentions?: Target;
}
interface RuleCases {
  valid: Case[];
  invalid: InvalidCase[];
}

// ---------------------------------------------------------------- config builders

const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const ISSUER_URL = 'https://dev-123.okta.com/oauth2/default';
const { authorizationCode, refreshToken, jwtBearer, tokenExchange } = GRANT_TYPES;

type Obj = Record<string, unknown>;

function issuer(name: string, oidc: Obj = {}, more: Obj = {}): Obj {
  return {
    Name: name,
    TrustedTokenIssuerType: 'OIDC_JWT',
    TrustedTokenIssuerConfiguration: {
      OidcJwtConfiguration: { IssuerUrl: ISSUER_URL, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY', ...oidc },
    },
    ...more,
  };
}

const withoutKey = (o: Obj, key: string): Obj => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));
const grant = (GrantType: string, Grant?: Obj): Obj => (Grant === undefined ? { GrantType } : { GrantType, Grant });
const codeGrant = (...RedirectUris: string[]): Obj => grant(authorizationCode, { AuthorizationCode: { RedirectUris } });
const jwtGrant = (TrustedTokenIssuerArn: string, AuthorizedAudiences: string[] = ['0oa1portal']): Obj =>
  grant(jwtBearer, { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn, AuthorizedAudiences }] } });

/** An application `portal` with these grants, these issuers, and more applications after it. */
function config(grants: Obj[], issuers: Obj[] = [], moreApps: Obj[] = []): RawConfig {
  return {
    version: 1,
    instance: { InstanceArn: INSTANCE_ARN },
    ...(issuers.length ? { trustedTokenIssuers: issuers } : {}),
    applications: [{ Name: 'portal', Grants: grants }, ...moreApps],
  };
}

/** Issuers only, each authorized by a jwt-bearer grant of `portal` (so issuer-unused stays quiet). */
const issuersConfig = (...issuers: Obj[]): RawConfig =>
  config(
    [grant(jwtBearer, { JwtBearer: { AuthorizedTokenIssuers: issuers.map((i) => ({ TrustedTokenIssuerArn: i.Name, AuthorizedAudiences: ['0oa1portal'] })) } })],
    issuers,
  );

// ---------------------------------------------------------------- the table

/** The TS reader fills the construct's default `Grant` (`{ RefreshToken: {} }`) when none is written, as synth does. */
const TS_FILLS_EMPTY_GRANT = 'the TypeScript reader fills the empty union member a refresh_token grant without `grant` gets from the construct';

const CASES: Record<string, RuleCases> = {
  'grant-union-mismatch': {
    valid: [{ name: 'refresh_token with RefreshToken', config: config([grant(refreshToken, { RefreshToken: {} })]) }],
    invalid: [
      { name: 'refresh_token holding TokenExchange', config: config([grant(refreshToken, { TokenExchange: {} })]), at: { key: 'TokenExchange' } },
      { name: 'two members', config: config([grant(refreshToken, { RefreshToken: {}, TokenExchange: {} })]), at: { valueOfKey: 'Grant' } },
      { name: 'Grant missing', config: config([grant(refreshToken)]), at: { entryOf: refreshToken }, skip: { ts: TS_FILLS_EMPTY_GRANT } },
    ],
  },
  'grant-type-unknown': {
    valid: [{ name: 'the jwt-bearer URN', config: config([jwtGrant('okta-prod')], [issuer('okta-prod')]) }],
    invalid: [
      { name: "the OIDC short name 'jwt-bearer'", config: config([{ ...jwtGrant('okta-prod'), GrantType: 'jwt-bearer' }], [issuer('okta-prod')]), at: { value: 'jwt-bearer' } },
      { name: 'an empty GrantType', config: config([grant('', { RefreshToken: {} })]), at: { value: '' } },
    ],
  },
  'redirect-uris-required': {
    valid: [{ name: 'one redirect URI', config: config([codeGrant('https://wiki.example.com/callback')]) }],
    invalid: [
      { name: 'AuthorizationCode without RedirectUris', config: config([grant(authorizationCode, { AuthorizationCode: {} })]), at: { valueOfKey: 'AuthorizationCode' } },
      { name: 'an empty RedirectUris', config: config([codeGrant()]), at: { valueOfKey: 'RedirectUris' } },
      { name: 'RedirectUris null', config: config([grant(authorizationCode, { AuthorizationCode: { RedirectUris: null } })]), at: { valueOfKey: 'RedirectUris' } },
    ],
  },
  'redirect-uri-invalid': {
    valid: [{ name: 'an absolute https URI', config: config([codeGrant('https://wiki.example.com/callback')]) }],
    invalid: [
      { name: 'a wildcard host', config: config([codeGrant('https://wiki.example.com/callback', 'https://*.example.com/callback')]), at: { value: 'https://*.example.com/callback' } },
      { name: 'a relative URI', config: config([codeGrant('/callback')]), at: { value: '/callback' } },
    ],
  },
  'redirect-uri-insecure': {
    valid: [{ name: 'https, and http on loopback', config: config([codeGrant('https://wiki.example.com/callback', 'http://127.0.0.1:8080/callback')]) }],
    invalid: [{ name: 'plain http to a public host', config: config([codeGrant('https://wiki.example.com/callback', 'http://wiki.example.com/callback')]), at: { value: 'http://wiki.example.com/callback' } }],
  },
  'authorized-token-issuers-required': {
    valid: [{ name: 'one authorized issuer', config: config([jwtGrant('okta-prod')], [issuer('okta-prod')]) }],
    invalid: [
      { name: 'JwtBearer without AuthorizedTokenIssuers', config: config([grant(jwtBearer, { JwtBearer: {} })]), at: { valueOfKey: 'JwtBearer' } },
      { name: 'an empty AuthorizedTokenIssuers', config: config([grant(jwtBearer, { JwtBearer: { AuthorizedTokenIssuers: [] } })]), at: { valueOfKey: 'AuthorizedTokenIssuers' } },
    ],
  },
  'authorized-audiences-required': {
    valid: [{ name: 'one audience', config: config([jwtGrant('okta-prod', ['0oa1portal'])], [issuer('okta-prod')]) }],
    invalid: [
      { name: 'an empty audience list', config: config([jwtGrant('okta-prod', [])], [issuer('okta-prod')]), at: { valueOfKey: 'AuthorizedAudiences' } },
      { name: 'an empty audience', config: config([jwtGrant('okta-prod', [''])], [issuer('okta-prod')]), at: { value: '' } },
      { name: 'a blank audience', config: config([jwtGrant('okta-prod', ['0oa1portal', ' '])], [issuer('okta-prod')]), at: { value: ' ' } },
    ],
  },
  'token-issuer-unresolved': {
    valid: [
      { name: 'a declared issuer', config: config([jwtGrant('okta-prod')], [issuer('okta-prod')]) },
      { name: 'the ARN of an existing issuer', config: config([jwtGrant('arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666')]) },
    ],
    invalid: [
      { name: 'a typo in the Name', config: config([jwtGrant('okta-prd')], [issuer('okta-prod')]), at: { value: 'okta-prd' } },
      {
        name: 'the second of two issuers',
        config: config(
          [grant(jwtBearer, { JwtBearer: { AuthorizedTokenIssuers: ['okta-prod', 'okta-tset'].map((TrustedTokenIssuerArn) => ({ TrustedTokenIssuerArn, AuthorizedAudiences: ['0oa1portal'] })) } })],
          [issuer('okta-prod')],
        ),
        at: { value: 'okta-tset' },
      },
      { name: 'an empty TrustedTokenIssuerArn', config: config([jwtGrant('')]), at: { value: '' } },
      { name: 'a truncated ARN', config: config([jwtGrant('arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d')]), at: { value: 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d' } },
    ],
  },
  'duplicate-grant': {
    valid: [
      { name: 'refresh_token and token exchange', config: config([grant(refreshToken, { RefreshToken: {} }), grant(tokenExchange, { TokenExchange: {} })]) },
      { name: 'refresh_token on two applications', config: config([grant(refreshToken, { RefreshToken: {} })], [], [{ Name: 'reports', Grants: [grant(refreshToken, { RefreshToken: {} })] }]) },
    ],
    invalid: [
      {
        name: 'refresh_token twice',
        config: config([grant(refreshToken, { RefreshToken: {} }), grant(tokenExchange, { TokenExchange: {} }), grant(refreshToken, { RefreshToken: {} })]),
        at: { value: refreshToken, nth: 2 },
        mentions: { value: refreshToken, nth: 1 },
      },
    ],
  },
  'issuer-url-invalid': {
    valid: [{ name: 'an https issuer URL', config: issuersConfig(issuer('okta-prod')) }],
    invalid: [
      // The sso-admin pattern's finding (a claimed schema violation) …
      { name: 'a query', config: issuersConfig(issuer('okta-prod', { IssuerUrl: 'https://idp.example.com/?tenant=blue' })), at: { value: 'https://idp.example.com/?tenant=blue' } },
      { name: 'empty', config: issuersConfig(issuer('okta-prod', { IssuerUrl: '' })), at: { value: '' } },
      // … and the rule's own check.
      { name: 'plain http', config: issuersConfig(issuer('okta-prod', { IssuerUrl: 'http://idp.example.com' })), at: { value: 'http://idp.example.com' } },
    ],
  },
  'issuer-url-trailing-slash': {
    valid: [{ name: 'no trailing slash', config: issuersConfig(issuer('okta-prod')) }],
    invalid: [{ name: 'a trailing slash', config: issuersConfig(issuer('okta-prod', { IssuerUrl: `${ISSUER_URL}/` })), at: { value: `${ISSUER_URL}/` } }],
  },
  'issuer-duplicate-url': {
    valid: [
      { name: 'two issuers, two URLs', config: issuersConfig(issuer('okta-prod'), issuer('okta-test', { IssuerUrl: 'https://dev-456.okta.com/oauth2/default' })) },
      { name: 'one URL on two instances', config: issuersConfig(issuer('okta-prod'), issuer('okta-test', {}, { InstanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444' })) },
    ],
    invalid: [{ name: 'two issuers, one URL', config: issuersConfig(issuer('okta-prod'), issuer('okta-test')), at: { value: ISSUER_URL, nth: 2 } }],
  },
  'jmespath-invalid': {
    valid: [{ name: 'preferred_username → userName', config: issuersConfig(issuer('okta-prod', { ClaimAttributePath: 'preferred_username', IdentityStoreAttributePath: 'userName' })) }],
    invalid: [
      { name: 'an unclosed bracket (the sso-admin pattern)', config: issuersConfig(issuer('okta-prod', { ClaimAttributePath: 'emails[0' })), at: { value: 'emails[0' } },
      { name: 'letters the pattern admits but JMESPath does not', config: issuersConfig(issuer('okta-prod', { ClaimAttributePath: 'émail' })), at: { value: 'émail' } },
    ],
  },
  'identity-store-attribute-unsupported': {
    valid: [{ name: 'externalIds.id', config: issuersConfig(issuer('okta-prod', { ClaimAttributePath: 'sub', IdentityStoreAttributePath: 'externalIds.id' })) }],
    invalid: [{ name: 'wrong case', config: issuersConfig(issuer('okta-prod', { IdentityStoreAttributePath: 'UserName' })), at: { value: 'UserName' } }],
  },
  'issuer-config-union-mismatch': {
    valid: [{ name: 'OIDC_JWT with OidcJwtConfiguration', config: issuersConfig(issuer('okta-prod')) }],
    invalid: [
      { name: 'a type Identity Center does not have', config: issuersConfig(issuer('okta-prod', {}, { TrustedTokenIssuerType: 'SAML' })), at: { value: 'SAML' } },
      {
        name: 'settings written without the union member',
        config: issuersConfig(issuer('okta-prod', {}, { TrustedTokenIssuerConfiguration: { IssuerUrl: ISSUER_URL } })),
        at: { key: 'IssuerUrl' },
      },
      {
        name: 'no configuration',
        config: issuersConfig(withoutKey(issuer('okta-prod'), 'TrustedTokenIssuerConfiguration')),
        at: { entryOf: 'okta-prod' },
      },
      {
        name: 'no TrustedTokenIssuerType',
        config: issuersConfig(withoutKey(issuer('okta-prod'), 'TrustedTokenIssuerType')),
        at: { entryOf: 'okta-prod' },
        skip: { ts: "the TypeScript reader fills the construct's default trustedTokenIssuerType (OIDC_JWT), as synth does" },
      },
    ],
  },
  'issuer-unused': {
    valid: [
      { name: 'authorized by a jwt-bearer grant', config: issuersConfig(issuer('okta-prod')) },
      { name: "authorized by the second application's grant", config: config([grant(refreshToken, { RefreshToken: {} })], [issuer('okta-prod')], [{ Name: 'reports', Grants: [jwtGrant('okta-prod')] }]) },
    ],
    invalid: [
      { name: 'no grant names it', config: config([grant(refreshToken, { RefreshToken: {} })], [issuer('okta-prod')]), at: { value: 'okta-prod' } },
      { name: 'a grant names another issuer', config: config([jwtGrant('okta-test')], [issuer('okta-prod'), issuer('okta-test', { IssuerUrl: 'https://dev-456.okta.com/oauth2/default' })]), at: { value: 'okta-prod' } },
    ],
  },
};

// ---------------------------------------------------------------- locating the expected line

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const snakeFromPascal = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Does this line of a rendered file write the key? */
function writesKey(kind: RenderedKind, line: string, key: string): boolean {
  if (kind === 'ts') return new RegExp(`^\\s*${escape(lowerFirst(key))}:`).test(line);
  // A terraform_data request keeps the API spelling; resource attributes are snake_case.
  if (kind === 'tfjson') return [key, snakeFromPascal(key)].some((k) => line.trimStart().startsWith(`${JSON.stringify(k)}:`));
  return new RegExp(`^\\s*(?:-\\s+)?${escape(key)}:`).test(line);
}

/** Does this line of a rendered file write the value (as a whole scalar, not part of one)? */
function writesValue(kind: RenderedKind, line: string, value: string): boolean {
  if (kind === 'yaml') {
    const scalar = line.replace(/^\s*(?:-\s+)?(?:[\w]+:\s+)?/, '').trimEnd();
    return [value, JSON.stringify(value), `'${value}'`].includes(scalar);
  }
  return line.includes(JSON.stringify(value));
}

/** The 0-based index of the nth line that `test` accepts (an error when there is none: the case is badly made). */
function nthLine(lines: string[], nth: number, test: (line: string) => boolean, what: string): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) if (test(lines[i]!) && ++seen === nth) return i;
  throw new Error(`${what} does not occur ${nth} time(s) in:\n${lines.join('\n')}`);
}

/** The lines enclosing line i (each less indented than the one before), innermost first. */
function enclosing(lines: string[], i: number): number[] {
  const out: number[] = [];
  let indent = indentOf(lines[i]!);
  for (let j = i - 1; j >= 0 && indent > 0; j--) {
    if (lines[j]!.trim() === '' || indentOf(lines[j]!) >= indent) continue;
    out.push(j);
    indent = indentOf(lines[j]!);
  }
  return out;
}

/** The 1-based line a target is on in a rendered file. */
function expectedLine(kind: RenderedKind, text: string, target: Target): number {
  const lines = text.split('\n');
  const nth = target.nth ?? 1;
  const what = `${JSON.stringify(target)} (${kind})`;
  if ('key' in target) return nthLine(lines, nth, (l) => writesKey(kind, l, target.key), what) + 1;
  if ('value' in target) return nthLine(lines, nth, (l) => writesValue(kind, l, target.value), what) + 1;
  if ('valueOfKey' in target) {
    const at = nthLine(lines, nth, (l) => writesKey(kind, l, target.valueOfKey), what);
    const blockBelow = kind === 'yaml' && lines[at]!.trimEnd().endsWith(':');
    return at + (blockBelow ? 2 : 1);
  }
  const at = nthLine(lines, nth, (l) => writesValue(kind, l, target.entryOf), what);
  const chain = [at, ...enclosing(lines, at)];
  const entry =
    kind === 'yaml'
      ? chain.find((j) => /^\s*- /.test(lines[j]!))
      : kind === 'ts'
        ? chain.find((j) => /\bnew \w+\(/.test(lines[j]!))
        : chain.find((_, k) => lines[chain[k + 2]!]?.trim() === '"resource": {');
  if (entry === undefined) throw new Error(`no entry encloses ${what}`);
  return entry + 1;
}

const show = (findings: readonly Finding[]): string => findings.map((f) => `  ${f.location.line}:${f.location.column} ${f.ruleId}: ${f.message}`).join('\n') || '  (none)';

// ---------------------------------------------------------------- running the table

let dir: string;
let counter = 0;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-rules-by-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Linted {
  file: string;
  text: string;
  loaded: LoadedConfig;
  findings: Finding[];
}

async function lintAs(kind: RenderedKind, raw: RawConfig): Promise<Linted> {
  const caseDir = join(dir, String(counter++));
  mkdirSync(caseDir);
  const file = join(caseDir, RENDERED_FILE[kind]);
  const text = render(kind, raw);
  writeFileSync(file, text);
  const loaded = await loadConfigFile(file);
  return { file, text, loaded, findings: runRules(loaded, allRules) };
}

const GRANT_AND_ISSUER_RULES = [
  'grant-union-mismatch',
  'grant-type-unknown',
  'redirect-uris-required',
  'redirect-uri-invalid',
  'redirect-uri-insecure',
  'authorized-token-issuers-required',
  'authorized-audiences-required',
  'token-issuer-unresolved',
  'duplicate-grant',
  'issuer-url-invalid',
  'issuer-url-trailing-slash',
  'issuer-duplicate-url',
  'jmespath-invalid',
  'identity-store-attribute-unsupported',
  'issuer-config-union-mismatch',
  'issuer-unused',
];

it('the table covers every grant and issuer rule, each with a valid and an invalid case', () => {
  expect(Object.keys(CASES).sort()).toEqual([...GRANT_AND_ISSUER_RULES].sort());
  for (const id of GRANT_AND_ISSUER_RULES) expect(allRules.map((r) => r.meta.id)).toContain(id);
  for (const [id, { valid, invalid }] of Object.entries(CASES)) {
    expect(valid.length, id).toBeGreaterThan(0);
    expect(invalid.length, id).toBeGreaterThan(0);
    // Every kind is covered by at least one invalid case (skips are per case, never for a whole rule).
    for (const kind of KINDS) expect(invalid.some((c) => !c.skip?.[kind]), `${id} ${kind}`).toBe(true);
  }
});

it('the renderer writes the okta-tip example so that every kind reads it completely and alike', async () => {
  const raw = parse(readFileSync('examples/okta-tip/tipkit.yaml', 'utf8')) as RawConfig;
  const canonical: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const { loaded } = await lintAs(kind, raw);
    expect(loaded.notes, kind).toEqual([]);
    expect(loaded.violations, kind).toEqual([]);
    canonical[kind] = canonicalConfig(loaded.model);
  }
  // cdktf constructs carry no Region (the provider does).
  const { Region: _region, ...instance } = (canonical.yaml as RawConfig).instance ?? {};
  expect(canonical.ts).toEqual({ ...(canonical.yaml as RawConfig), instance });
  expect(canonical.tfjson).toEqual(canonical.yaml);
});

for (const [id, { valid, invalid }] of Object.entries(CASES)) {
  describe(id, () => {
    for (const c of valid) {
      for (const kind of KINDS) {
        it(`valid ${kind}: ${c.name}`, async () => {
          const { loaded, findings } = await lintAs(kind, c.config);
          expect(loaded.notes).toEqual([]);
          const mine = findings.filter((f) => f.ruleId === id);
          expect(mine, `expected no ${id} finding, got:\n${show(mine)}`).toEqual([]);
        });
      }
    }
    for (const c of invalid) {
      const messages = new Map<RenderedKind, string[]>();
      for (const kind of KINDS) {
        const why = c.skip?.[kind];
        if (why !== undefined) {
          // Not expressible in this kind: check the stated reason holds (the reader reads it, and the rule has nothing to say).
          it(`invalid ${kind}: ${c.name} — not expressible: ${why}`, async () => {
            const { loaded, findings } = await lintAs(kind, c.config);
            expect(loaded.notes).toEqual([]);
            expect(findings.filter((f) => f.ruleId === id)).toEqual([]);
          });
          continue;
        }
        it(`invalid ${kind}: ${c.name}`, async () => {
          const { file, text, loaded, findings } = await lintAs(kind, c.config);
          expect(loaded.notes).toEqual([]);
          const line = expectedLine(kind, text, c.at);
          const mine = findings.filter((f) => f.ruleId === id);
          const context = `${id} findings:\n${show(mine)}\nall findings:\n${show(findings)}\n${kind} file:\n${text
            .split('\n')
            .map((l, i) => `${String(i + 1).padStart(3)} ${l}`)
            .join('\n')}`;
          expect(
            mine.some((f) => f.location.file === file && f.location.line === line),
            `expected a ${id} finding on line ${line} of ${RENDERED_FILE[kind]}\n${context}`,
          ).toBe(true);
          if (c.mentions) {
            const earlier = expectedLine(kind, text, c.mentions);
            expect(mine.some((f) => f.location.line === line && f.message.includes(`line ${earlier}`)), `a message naming line ${earlier}\n${context}`).toBe(true);
          }
          // The same problem is the same findings whatever the input kind (only the lines differ).
          messages.set(kind, mine.map((f) => f.message.replace(/\bline \d+/g, 'line N')).sort());
          if (kind !== 'yaml' && messages.has('yaml')) expect(messages.get(kind), `the ${id} findings of the YAML\n${context}`).toEqual(messages.get('yaml'));
        });
      }
    }
  });
}
