/** What the simulator issued expires and is evicted, so a long-running `serve` does not grow without bound. */
import { describe, expect, it } from 'vitest';
import { SteppingClock, createSimulator, emptyScenario } from '../../simulator/index.js';
import { testModel } from './helpers.js';

describe('token store eviction', () => {
  it('evicts clients, device authorizations and codes some time after they expire', async () => {
    const clock = new SteppingClock(Date.parse('2026-11-23T12:00:00Z'));
    const scenario = { ...emptyScenario(), lifetimes: { ...emptyScenario().lifetimes, clientSecret: 3600 } };
    const sim = await createSimulator(testModel(), scenario, { clock });
    for (let i = 0; i < 20; i++) {
      const reg = await sim.call('RegisterClient', { clientName: `c${i}`, clientType: 'public' });
      expect(reg.outcome).toBe('success');
      const dev = await sim.call('StartDeviceAuthorization', { clientId: reg.response!.clientId, clientSecret: reg.response!.clientSecret, startUrl: 'https://x.awsapps.com/start' });
      expect(dev.outcome).toBe('success');
    }
    expect(sim.context.store.size).toBe(40);
    clock.advance(30 * 60 * 1000);
    await sim.call('RegisterClient', { clientName: 'late', clientType: 'public' });
    expect(sim.context.store.size).toBe(41); // expired 20 min ago: still kept, to answer "expired"
    clock.advance(3 * 60 * 60 * 1000);
    await sim.call('RegisterClient', { clientName: 'later', clientType: 'public' });
    expect(sim.context.store.size).toBe(1);
  });
});
