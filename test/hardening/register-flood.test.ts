/**
 * RegisterClient is unauthenticated and keeps what it is given for the secret's life (90 days): a flood of large
 * registrations must neither be stored whole nor grow the store without bound. Limits (the model has none; tipkit's
 * are in CLIENT_LIMITS and docs/serve.md): clientName, redirectUris, scopes and the number of live clients, the
 * oldest evicted beyond it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_LIMITS } from '../../simulator/client-limits.js';
import { createSimulator, wallClock } from '../../simulator/index.js';
import { MAX_REDIRECT_URI_LENGTH } from '../../model/redirect-uri.js';
import { postJson, startFromFixture, writeFixture, type Started } from '../emulator/helpers.js';

let started: Started;
beforeAll(async () => {
  started = await startFromFixture(await writeFixture());
});
afterAll(() => started?.emulator.close());

const register = (body: Record<string, unknown>) => postJson(`${started.emulator.url}/client/register`, { clientType: 'public', ...body });

/** The largest registration the limits admit. */
const largest = (i: number) => ({
  clientName: `${i}-`.padEnd(CLIENT_LIMITS.clientName, 'n'),
  grantTypes: ['authorization_code', 'refresh_token'],
  redirectUris: Array.from({ length: CLIENT_LIMITS.redirectUris }, (_, k) => `https://app.example.com/${i}/${k}/`.padEnd(MAX_REDIRECT_URI_LENGTH, 'p')),
  scopes: Array.from({ length: CLIENT_LIMITS.scopes }, (_, k) => `s${k}:`.padEnd(CLIENT_LIMITS.scopeLength, 'x')),
});

describe('RegisterClient limits', () => {
  it('admits the largest registration the limits allow (control)', async () => {
    const ok = await register(largest(0));
    expect(ok.status).toBe(200);
  });

  const over: [string, Record<string, unknown>, string, RegExp][] = [
    ['a 1 MB clientName', { clientName: 'n'.repeat(1_000_000) }, 'InvalidClientMetadataException', /^clientName is 1000000 characters; it must be 1–255$/],
    ['a clientName one character too long', { clientName: 'n'.repeat(CLIENT_LIMITS.clientName + 1) }, 'InvalidClientMetadataException', /clientName is 256 characters/],
    ['an empty clientName', { clientName: '' }, 'InvalidRequestException', /clientName/],
    ['11 redirect URIs', { clientName: 'c', redirectUris: Array.from({ length: 11 }, (_, k) => `https://app.example.com/${k}`) }, 'InvalidClientMetadataException', /^11 redirectUris; at most 10$/],
    ['a redirect URI over 1024 characters', { clientName: 'c', redirectUris: [`https://app.example.com/${'p'.repeat(MAX_REDIRECT_URI_LENGTH)}`] }, 'InvalidRedirectUriException', /over tipkit's limit of 1024/],
    ['26 scopes', { clientName: 'c', scopes: Array.from({ length: 26 }, (_, k) => `s:${k}`) }, 'InvalidScopeException', /^26 scopes, more than 25$/],
    ['a 40,000-entry scope list of one repeated scope', { clientName: 'c', scopes: Array(40_000).fill('sso:account:access') }, 'InvalidScopeException', /^40000 scopes, more than 25$/],
    ['a scope of 153 characters', { clientName: 'c', scopes: ['s'.repeat(153)] }, 'InvalidScopeException', /each must be 1–152$/],
  ];
  for (const [title, body, type, description] of over) {
    it(`refuses ${title} with ${type}`, async () => {
      const res = await register(body);
      expect(res.status).toBe(400);
      expect(res.headers.get('x-amzn-errortype')).toBe(type);
      expect(res.body.error_description).toMatch(description);
    });
  }

  it('100 registrations with a 1 MB clientName are all refused and none is kept', async () => {
    const name = 'n'.repeat(1_000_000);
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(Array.from({ length: 10 }, () => register({ clientName: name })));
      for (const a of answers) expect(a.headers.get('x-amzn-errortype')).toBe('InvalidClientMetadataException');
    }
    expect(started.log.filter((e) => e.operation === 'RegisterClient' && e.status === 200)).toHaveLength(1);
  }, 60_000);
});

describe('the number of live registered clients is capped', () => {
  it(`beyond ${CLIENT_LIMITS.liveClients} the oldest are evicted; the store never holds more`, async () => {
    const fixture = await writeFixture();
    const { loadServeInput } = await import('../../emulator/load.js');
    const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
    const simulator = await createSimulator(input.model, input.scenario, { clock: wallClock });
    const extra = 100;
    const ids: { clientId: string; clientSecret: string }[] = [];
    let most = 0;
    for (let i = 0; i < CLIENT_LIMITS.liveClients + extra; i++) {
      const r = await simulator.call('RegisterClient', { clientType: 'public', ...largest(i) });
      expect(r.outcome).toBe('success');
      ids.push(r.response as { clientId: string; clientSecret: string });
      most = Math.max(most, simulator.context.store.clients.size);
    }
    expect(most).toBe(CLIENT_LIMITS.liveClients);
    // What the store can hold is bounded: at most liveClients × the largest registration.
    let chars = 0;
    for (const c of simulator.context.store.clients.values()) chars += c.clientName.length + c.redirectUris.join('').length + c.scopes.join('').length;
    expect(chars).toBeLessThanOrEqual(CLIENT_LIMITS.liveClients * (CLIENT_LIMITS.clientName + CLIENT_LIMITS.redirectUris * MAX_REDIRECT_URI_LENGTH + CLIENT_LIMITS.scopes * CLIENT_LIMITS.scopeLength));

    const start = (i: number) => simulator.call('StartDeviceAuthorization', { ...ids[i], startUrl: 'https://d-1234567890.awsapps.com/start' });
    for (const i of [0, extra - 1]) {
      const evicted = await start(i);
      expect(evicted.error?.type, `client ${i}`).toBe('InvalidClientException');
    }
    // Still registered: the oldest survivor and the newest (their grants exclude the device code, which is checked after the client).
    for (const i of [extra, CLIENT_LIMITS.liveClients + extra - 1]) {
      const kept = await start(i);
      expect(kept.trace.find((s) => s.check === 'client')?.ok, `client ${i}`).toBe(true);
    }
  }, 120_000);
});

describe('the number of pending device authorizations is capped', () => {
  // StartDeviceAuthorization needs only a registered client, so one client could otherwise fill the store for 10 minutes.
  it(`beyond ${CLIENT_LIMITS.liveDeviceAuthorizations} the oldest are evicted (its poll is InvalidGrantException); the newest still works`, async () => {
    const fixture = await writeFixture();
    const { loadServeInput } = await import('../../emulator/load.js');
    const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
    const simulator = await createSimulator(input.model, input.scenario, { clock: wallClock });
    const reg = await simulator.call('RegisterClient', { clientType: 'public', clientName: 'flood' });
    const client = reg.response as { clientId: string; clientSecret: string };
    const start = async () => {
      const r = await simulator.call('StartDeviceAuthorization', { ...client, startUrl: 'https://d-1234567890.awsapps.com/start' });
      expect(r.outcome).toBe('success');
      return r.response as { deviceCode: string; userCode: string };
    };
    const first = await start();
    let most = 0;
    let last = first;
    for (let i = 0; i < CLIENT_LIMITS.liveDeviceAuthorizations + 50; i++) {
      last = await start();
      most = Math.max(most, simulator.context.store.devices.size);
    }
    expect(most).toBe(CLIENT_LIMITS.liveDeviceAuthorizations);
    expect(simulator.context.store.deviceByUserCode.size).toBe(CLIENT_LIMITS.liveDeviceAuthorizations);
    const poll = (deviceCode: string) => simulator.call('CreateToken', { ...client, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode });
    const evicted = await poll(first.deviceCode);
    expect(evicted.error?.type).toBe('InvalidGrantException');
    expect(evicted.trace.find((s) => s.check === 'device-code')?.detail).toMatch(/not issued/);
    const pending = await poll(last.deviceCode);
    expect(pending.error?.type).toBe('AuthorizationPendingException');
  }, 120_000);
});
