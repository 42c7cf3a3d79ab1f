/**
 * The emulator under load (test-sized; `npm run soak` runs 60 s against `tipkit serve`): mixed valid and
 * invalid requests at concurrency 25 answer with no 5xx and the expected status for each kind; slow clients
 * are cut off by the header and body timeouts while others are served; what is issued is evicted.
 */
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { createSimulator, SteppingClock } from '../../simulator/index.js';
// @ts-expect-error -- a plain ES module script (the soak driver), no type declarations
import { runLoad, writeSoakFixture } from '../../scripts/soak.mjs';

interface LoadStats {
  requests: number;
  status5xx: number;
  unexpected: string[];
  errors: string[];
  byKind: Record<string, number>;
}

let emulator: RunningEmulator;
let loadEmulator: RunningEmulator;
let assertion: string;
let scenarioFile: string;

beforeAll(async () => {
  const fixture = await writeSoakFixture();
  assertion = fixture.assertion;
  scenarioFile = fixture.scenarioFile;
  const input = await loadServeInput({ scenario: scenarioFile, cwd: fixture.dir });
  // Slow-client tests: low header/body timeouts.
  emulator = await startEmulator({ model: input.model, scenario: input.scenario, timeouts: { headersMs: 400, requestMs: 800 } });
  // The load run: the soak fixture's 2 s lifetimes on a clock that does not move while it runs, so how fast this
  // machine is (2 cores shared with the rest of the suite) cannot expire a client secret between RegisterClient and
  // StartDeviceAuthorization; default timeouts, so a request queued behind 24 others is not cut off. Signatures are
  // checked against this clock too: the run must take under 5 minutes, which it does by two orders of magnitude.
  loadEmulator = await startEmulator({ model: input.model, scenario: input.scenario, clock: new SteppingClock(Date.now()) });
});
afterAll(async () => {
  await emulator.close();
  await loadEmulator.close();
});

describe('emulator under load', () => {
  it('answers 800 mixed requests at concurrency 25 without a 5xx or an unexpected status', async () => {
    const stats = (await runLoad({ url: loadEmulator.url, assertion, concurrency: 25, requests: 800 })) as LoadStats;
    expect(stats.errors).toEqual([]);
    expect(stats.unexpected).toEqual([]);
    expect(stats.status5xx).toBe(0);
    expect(stats.requests).toBeGreaterThanOrEqual(800);
    // The mix reached the grants, not just the front door.
    for (const kind of ['iam-jwt-bearer', 'register', 'device-start', 'device-poll', 'bad-signature', 'garbage-assertion', 'bad-json']) expect(stats.byKind[kind], kind).toBeGreaterThan(0);
  });
});

/** Resolves with everything the server sent once it closes the connection. */
function untilClosed(socket: Socket): Promise<string> {
  let received = '';
  socket.on('data', (d) => (received += d.toString()));
  return new Promise((ok) => socket.on('close', () => ok(received)));
}

const open = (): Promise<Socket> =>
  new Promise((ok) => {
    const s = connect(Number(new URL(emulator.url).port), '127.0.0.1', () => ok(s));
  });

describe('slow clients', () => {
  it('a client that never finishes its headers is answered 408 and disconnected, while others are served', async () => {
    const slow = await Promise.all(Array.from({ length: 20 }, open));
    const closed = slow.map(untilClosed);
    for (const s of slow) s.write('POST /client/register HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const health = await fetch(`${emulator.url}/_tipkit/health`);
    expect(health.status).toBe(200);
    for (const received of await Promise.all(closed)) expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('a client that sends headers but stalls in its body is answered 408 and disconnected', async () => {
    const s = await open();
    const closed = untilClosed(s);
    s.write('POST /client/register HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"clientName":');
    expect(await closed).toMatch(/^HTTP\/1\.1 408 /);
  });
});

describe('malformed requests', () => {
  for (const [target, status] of [['//', '404'], ['http://[', '400']] as const) {
    it(`a request target \`${target}\` (no URL parser accepts it as given) is answered ${status} with an AWS error type, and the server stays up`, async () => {
      const s = await open();
      const closed = untilClosed(s);
      s.write(`POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`);
      const answer = await closed;
      expect(answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(answer).toMatch(/x-amzn-errortype: \w+Exception/i);
      expect((await fetch(`${emulator.url}/_tipkit/health`)).status).toBe(200);
    });
  }
});

describe('eviction', () => {
  it('with short lifetimes, what was issued is gone a few lifetimes later', async () => {
    const input = await loadServeInput({ scenario: scenarioFile, cwd: '.' });
    const clock = new SteppingClock(Date.now());
    const sim = await createSimulator(input.model, input.scenario, { clock });
    for (let i = 0; i < 50; i++) {
      const reg = await sim.call('RegisterClient', { clientName: `c${i}`, clientType: 'public' });
      await sim.call('StartDeviceAuthorization', { clientId: reg.response!.clientId, clientSecret: reg.response!.clientSecret, startUrl: 'https://x.awsapps.com/start' });
    }
    expect(sim.context.store.size).toBe(100);
    clock.advance(10_000); // lifetimes are 2 s: expired 8 s ago, kept (three lifetimes) to answer "expired"
    await sim.call('RegisterClient', { clientName: 'probe', clientType: 'public' });
    expect(sim.context.store.size).toBe(1);
  });
});
