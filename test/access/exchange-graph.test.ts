/**
 * token-exchange reachability at scale: chains are summarized past the pair budget, and the work grows linearly with
 * the applications for a ring, a line and a full mesh (operation counts, not time).
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeStats } from '../../access/exchange.js';
import { app, config, EXCHANGE, exchangeGrant, INSTANCE_ARN, pathsOf, scope } from './support.js';

const name = (i: number): string => `app-${String(i).padStart(5, '0')}`;
/** Application i's access scope targets `targets(i)` (names, or the instance ARN for all of them). */
const topology = (n: number, targets: (i: number) => string[]) =>
  config(Array.from({ length: n }, (_, i) => app(name(i), { Grants: [exchangeGrant], AccessScopes: targets(i).length ? [scope('redshift:connect', ...targets(i))] : [] })));
const ring = (n: number) => topology(n, (i) => [name((i + 1) % n)]);
const line = (n: number) => topology(n, (i) => (i + 1 < n ? [name(i + 1)] : []));
const mesh = (n: number) => topology(n, () => [INSTANCE_ARN]);

function measure(raw: ReturnType<typeof config>, budget?: number) {
  const stats: ExchangeStats = { work: 0, pairs: 0, summarized: false };
  const paths = pathsOf(raw, { stats, ...(budget !== undefined ? { exchangeBudget: budget } : {}) }).filter((p) => p.grantType === EXCHANGE);
  return { stats, paths };
}

describe('token-exchange chains at scale', () => {
  it('a ring of N: summarized, one direct step per application, every other application reaches it; O(N) work', () => {
    const small = measure(ring(300));
    const large = measure(ring(600));
    expect(large.stats.summarized).toBe(true);
    expect(large.paths).toHaveLength(600);
    const p = large.paths.find((x) => x.to === name(0))!;
    expect(p).toMatchObject({ from: name(599), via: [name(599), name(0)], chainSteps: [], chainSummary: { reachedFrom: 599, component: 600 } });
    expect(p.notes.join(' ')).toMatch(/summarized: tokens of 599 applications reach app-00000/);
    expect(large.stats.work / small.stats.work).toBeLessThan(2.3);
  });

  it('a line of N: summarized, the last application reached from all before it; O(N) work', () => {
    const small = measure(line(300));
    const large = measure(line(600));
    expect(large.stats.summarized).toBe(true);
    expect(large.paths).toHaveLength(599);
    expect(large.paths.find((x) => x.to === name(599))!.chainSummary).toEqual({ reachedFrom: 599, component: 1 });
    expect(large.stats.work / small.stats.work).toBeLessThan(2.3);
    // Counting who reaches whom: one bit per pair of components (600 components: at most 600 × 19 words).
    expect(large.stats.closureWords).toBeLessThanOrEqual(600 * Math.ceil(600 / 32));
  });

  it('a full mesh (every scope targets the instance): one path per application, no quadratic edge list', () => {
    const small = measure(mesh(300));
    const large = measure(mesh(600));
    expect(large.stats.summarized).toBe(true);
    expect(large.paths).toHaveLength(600);
    expect(large.paths.find((x) => x.to === name(0))).toMatchObject({ from: name(1), chainSummary: { reachedFrom: 599, component: 600 } });
    expect(large.paths.find((x) => x.to === name(5))).toMatchObject({ from: name(0) });
    expect(large.stats.work / small.stats.work).toBeLessThan(2.3);
  });

  it('within the budget every pair is listed along its shortest chain (as before)', () => {
    const { stats, paths } = measure(ring(20));
    expect(stats.summarized).toBe(false);
    expect(paths).toHaveLength(20 * 19);
    expect(paths.find((x) => x.from === name(0) && x.to === name(3))).toMatchObject({ via: [name(0), name(1), name(2), name(3)] });
  });

  it('summarized and listed agree on who reaches whom (a random graph, with and without budget)', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const raw = topology(40, (i) => (i % 7 === 0 ? [] : [name(random(40)), name(random(40))].filter((t) => t !== name(i))));
    const listed = measure(raw);
    const summarized = measure(raw, 0);
    expect(listed.stats.summarized).toBe(false);
    expect(summarized.stats.summarized).toBe(true);
    const holders = new Map<string, Set<string>>();
    for (const p of listed.paths) holders.set(p.to, (holders.get(p.to) ?? new Set()).add(p.from));
    const summaries = new Map(summarized.paths.map((p) => [p.to, p.chainSummary!.reachedFrom]));
    expect(new Set(summaries.keys())).toEqual(new Set(holders.keys()));
    for (const [to, from] of holders) expect(summaries.get(to), to).toBe(from.size);
    // Every summarized step is a one-step pair of the listing.
    for (const p of summarized.paths) expect(listed.paths.some((l) => l.from === p.from && l.to === p.to && l.via.length === 2)).toBe(true);
  });
});
