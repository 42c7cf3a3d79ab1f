/** Shared setup for the emulator tests: a fixture copy with a fresh issuer key, an emulator on a free port, SDK clients. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import type { RequestLogEntry } from '../../emulator/log.js';
import type { TipModel } from '../../model/types.js';
import type { Principal } from '../../simulator/types.js';

const fixtures = resolve(import.meta.dirname, 'fixtures');

export interface Fixture {
  dir: string;
  configFile: string;
  scenarioFile: string;
  /** The corp-idp issuer's private JWK (the scenario points at it). */
  privateJwk: JWK & { kid: string };
}

/** Copies the fixture config + scenario to a temp dir and writes a fresh corp-idp key beside them. */
export async function writeFixture(edit: { config?: (text: string) => string; scenario?: (text: string) => string } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-emulator-'));
  const configFile = join(dir, 'tipkit.yaml');
  const scenarioFile = join(dir, 'scenario.yaml');
  writeFileSync(configFile, (edit.config ?? ((t) => t))(readFileSync(join(fixtures, 'tipkit.yaml'), 'utf8')));
  writeFileSync(scenarioFile, (edit.scenario ?? ((t) => t))(readFileSync(join(fixtures, 'scenario.yaml'), 'utf8')));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const privateJwk = { ...(await exportJWK(privateKey)), kid: 'corp-idp-test-key', alg: 'RS256', use: 'sig' };
  writeFileSync(join(dir, 'corp-idp.private.jwk.json'), JSON.stringify(privateJwk));
  return { dir, configFile, scenarioFile, privateJwk };
}


export interface Started {
  emulator: RunningEmulator;
  model: TipModel;
  principals: readonly Principal[];
  log: RequestLogEntry[];
}

export async function startFromFixture(fixture: Fixture, opts: { allowNetwork?: boolean } = {}): Promise<Started> {
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  const log: RequestLogEntry[] = [];
  const emulator = await startEmulator({
    model: input.model,
    scenario: input.scenario,
    port: 0,
    allowNetwork: opts.allowNetwork,
    log: (entry) => log.push(entry),
  });
  return { emulator, model: input.model, principals: input.scenario.principals, log };
}

/** The real SDK client, pointed at the emulator, signing as one of the scenario's principals. */
export function oidcClient(url: string, principal?: Principal, region = 'us-east-1'): SSOOIDCClient {
  return new SSOOIDCClient({
    endpoint: url,
    region,
    maxAttempts: 1,
    credentials: principal
      ? { accessKeyId: principal.accessKeyId!, secretAccessKey: principal.secretAccessKey! }
      : { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'unused' },
  });
}

export function principal(principals: readonly Principal[], name: string): Principal {
  const p = principals.find((x) => x.name === name);
  if (!p) throw new Error(`fixture has no principal ${name}`);
  return p;
}

/** A JWT as the external IdP would issue it, signed with the scenario issuer's private key. */
export async function idpToken(fixture: Fixture, claims: Record<string, unknown>, opts: { issuer?: string; expiresIn?: number } = {}): Promise<string> {
  const key = await importJWK(fixture.privateJwk, 'RS256');
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: fixture.privateJwk.kid, typ: 'JWT' })
    .setIssuer(opts.issuer ?? 'https://idp.example.com')
    .setIssuedAt()
    .setExpirationTime(`${opts.expiresIn ?? 300}s`)
    .setJti(crypto.randomUUID())
    .sign(key);
}

/** POST JSON to the emulator and return status, headers and parsed body. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** POST JSON to an admin route (`/_tipkit/…`) with the run's admin token. */
export const adminPost = (emulator: RunningEmulator, path: string, body: unknown) =>
  postJson(`${emulator.url}${path}`, body, { authorization: `Bearer ${emulator.adminToken}` });

export function applicationArn(model: TipModel, name: string): string {
  const app = model.index.applicationByName.get(name);
  if (!app) throw new Error(`fixture has no application ${name}`);
  return app.arn;
}

/** The SDK's rejection of a call, for assertions on its class name, metadata and body members. */
export async function rejection(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (err) {
    return err as Record<string, any>;
  }
  throw new Error('expected the call to fail');
}

/** The Cookie header the browser pages need: what opening serve's printed pages link (`pagesUrl`) sets. */
export async function pageCookie(emulator: RunningEmulator): Promise<string> {
  const res = await fetch(emulator.pagesUrl, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`the pages link answered ${res.status}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}
