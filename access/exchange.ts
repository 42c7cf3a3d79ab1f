/**
 * token-exchange reachability as a graph: holders of A's token reach B when A's access scope authorizes B and B has
 * a token-exchange grant (and a caller, and a user who may pass its assignment gate); chains follow.
 *
 * Small graphs give one path per (holder, target) pair along the shortest chain, with every application some chain
 * passes through. The number of pairs grows with the square of the applications (a ring or a mesh of 1,000 has a
 * million), so past a budget the chains are summarized instead: one path per direct step into each application from
 * each strongly connected component, with how many applications' tokens reach it through any chain. The work stays
 * linear in the size of the graph either way (`ExchangeStats.work` counts it, for the tests), besides counting who
 * reaches each application, one bitset per strongly connected component (`closureWords`).
 */
import type { ApplicationNode, NodePath } from '../model/types.js';
import { accessScopesAuthorizing } from '../simulator/index.js';

/** The part of an application's facts the exchange graph reads. */
export interface ExchangeFacts {
  app: ApplicationNode;
  users: 'everyone' | string[];
  exchangeGrant?: NodePath;
}

/** Counts for tests and the report: how much work the graph took, and whether chains were summarized. */
export interface ExchangeStats {
  /** Nodes visited and edges followed, over every traversal. */
  work: number;
  /** Summarized: 32-bit words of the bitsets counting who reaches each component (components² / 32 at most). */
  closureWords?: number;
  /** Holder → application pairs found before deciding (stops counting at the budget). */
  pairs: number;
  summarized: boolean;
}

/** One token-exchange reach, before it becomes an AccessPath. */
export interface ExchangeReach<F extends ExchangeFacts> {
  origin: F;
  target: F;
  /** The shortest chain (origin first, target last); summarized: the direct step only. */
  via: F[];
  /** Every application some chain from origin to target passes through (besides both ends); summarized: empty. */
  chainSteps: F[];
  /** The access scope of the chain's last holder that authorizes the target. */
  scope: NodePath;
  /** Summarized only: how many applications' tokens reach the target through some chain, and the size of the
   * strongly connected component the direct holder belongs to (1: no cycle). */
  summary?: { reachedFrom: number; component: number };
}

/** Past this many holder → application pairs (or this much traversal work), chains are summarized. */
export const exchangePairBudget = (applications: number): number => 1000 + 8 * applications;

const usable = (f: ExchangeFacts): boolean => f.users === 'everyone' || f.users.length > 0;

/**
 * Every token-exchange reach among `facts`; `isTarget` says which applications may be exchanged into (the
 * token-exchange grant and an IAM caller).
 */
export function exchangeReaches<F extends ExchangeFacts>(
  facts: readonly F[],
  isTarget: (f: F) => boolean,
  stats?: ExchangeStats,
  budget = exchangePairBudget(facts.length),
): ExchangeReach<F>[] {
  const counters: ExchangeStats = stats ?? { work: 0, pairs: 0, summarized: false };
  const graph = buildGraph(facts, isTarget, counters);
  if (!graph) return [];
  if (countPairs(graph, budget, counters) <= budget) return exactReaches(graph, counters);
  counters.summarized = true;
  return summarizedReaches(graph, counters);
}

/**
 * Node i < apps.length is an application; above, a hub standing for every target of one instance ARN (a scope that
 * targets the instance authorizes all its applications; the hub keeps that one edge instead of one per member).
 */
interface Graph<F extends ExchangeFacts> {
  apps: F[];
  /** Per node: successor node indexes, in the order the scopes list them. */
  next: number[][];
  /** Per node: whether it is a target application. */
  target: boolean[];
  /** Holders that are origins: usable and authorizing something. */
  origins: number[];
}

function buildGraph<F extends ExchangeFacts>(facts: readonly F[], isTarget: (f: F) => boolean, stats: ExchangeStats): Graph<F> | undefined {
  const apps = [...facts];
  const target = apps.map((f) => f.exchangeGrant !== undefined && isTarget(f));
  if (!target.some(Boolean)) return undefined;
  const byArn = new Map<string, number[]>();
  const byInstance = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string | undefined, i: number): void => {
    if (key === undefined) return;
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  apps.forEach((f, i) => {
    if (!target[i]) return;
    add(byArn, f.app.arn, i);
    add(byInstance, f.app.instanceArn, i);
  });
  const next: number[][] = apps.map(() => []);
  const hubs = new Map<string, number>();
  const origins: number[] = [];
  apps.forEach((f, i) => {
    if (!usable(f)) return;
    const out = new Set<number>();
    for (const scope of f.app.accessScopes)
      for (const t of scope.targets) {
        if (t.arn === undefined) continue;
        for (const c of byArn.get(t.arn) ?? []) {
          stats.work++;
          if (c === i || out.has(c) || accessScopesAuthorizing(f.app, apps[c]!.app).length === 0) continue;
          out.add(c);
          next[i]!.push(c);
        }
        const members = byInstance.get(t.arn);
        if (!members) continue;
        // The shared decision, asked once for the instance: every member matches through its InstanceArn alike.
        if (accessScopesAuthorizing(f.app, apps[members[0]!]!.app).length === 0) continue;
        let hub = hubs.get(t.arn);
        if (hub === undefined) {
          hub = next.length;
          hubs.set(t.arn, hub);
          next.push([...members]);
          target.push(false);
        }
        if (!out.has(hub)) (out.add(hub), next[i]!.push(hub));
      }
    if (out.size > 0) origins.push(i);
  });
  return origins.length > 0 ? { apps, next, target, origins } : undefined;
}

/**
 * Breadth first from `origin`, hubs expanded in place (a hub is no step of its own), so the first time a target is
 * reached is along a shortest chain. Calls `reach(target, previous)` in that order; `false` stops.
 */
function traverse<F extends ExchangeFacts>(graph: Graph<F>, origin: number, stats: ExchangeStats, reach: (c: number, previous: Map<number, number>) => boolean): void {
  const previous = new Map<number, number>([[origin, origin]]);
  const hubsSeen = new Set<number>();
  const queue = [origin];
  for (let q = 0; q < queue.length; q++) {
    const a = queue[q]!;
    const visit = (b: number): boolean => {
      stats.work++;
      if (b >= graph.apps.length) {
        if (hubsSeen.has(b)) return true;
        hubsSeen.add(b);
        for (const m of graph.next[b]!) if (!visit(m)) return false;
        return true;
      }
      if (previous.has(b)) return true;
      previous.set(b, a);
      queue.push(b);
      return reach(b, previous);
    };
    for (const b of graph.next[a]!) if (!visit(b)) return;
  }
}

function countPairs<F extends ExchangeFacts>(graph: Graph<F>, budget: number, stats: ExchangeStats): number {
  const start = stats.work;
  for (const origin of graph.origins) {
    traverse(graph, origin, stats, () => ++stats.pairs <= budget && stats.work - start <= 4 * budget);
    if (stats.pairs > budget || stats.work - start > 4 * budget) return Infinity;
  }
  return stats.pairs;
}

/** One reach per (origin, target) pair, along the shortest chain (the pair count is within budget here). */
function exactReaches<F extends ExchangeFacts>(graph: Graph<F>, stats: ExchangeStats): ExchangeReach<F>[] {
  const { apps } = graph;
  // Who reaches each target (itself included), computed backwards once per target.
  const reverse = new Map<number, number[]>();
  const appSuccessors = (a: number): number[] => graph.next[a]!.flatMap((b) => (b >= apps.length ? graph.next[b]! : [b]));
  apps.forEach((_, a) => {
    for (const b of appSuccessors(a)) {
      stats.work++;
      const list = reverse.get(b);
      if (list) list.push(a);
      else reverse.set(b, [a]);
    }
  });
  const coreach = new Map<number, Set<number>>();
  const reaching = (c: number): Set<number> => {
    let set = coreach.get(c);
    if (!set) {
      set = new Set([c]);
      const queue = [c];
      for (let q = 0; q < queue.length; q++) for (const p of reverse.get(queue[q]!) ?? []) if ((stats.work++, !set.has(p))) (set.add(p), queue.push(p));
      coreach.set(c, set);
    }
    return set;
  };
  const reaches: ExchangeReach<F>[] = [];
  for (const origin of graph.origins) {
    const found: number[] = [];
    let reached = new Map<number, number>();
    traverse(graph, origin, stats, (c, previous) => ((reached = previous), found.push(c), true));
    for (const c of found) {
      const chain = [c];
      while (chain[0] !== origin) chain.unshift(reached.get(chain[0]!)!);
      const last = chain[chain.length - 2]!;
      const steps: F[] = [];
      for (const x of reaching(c)) if (x !== origin && x !== c && reached.has(x)) steps.push(apps[x]!);
      stats.work += steps.length;
      reaches.push({
        origin: apps[origin]!,
        target: apps[c]!,
        via: chain.map((x) => apps[x]!),
        chainSteps: steps,
        scope: accessScopesAuthorizing(apps[last]!.app, apps[c]!.app)[0]!.pointer,
      });
    }
  }
  return reaches;
}

/**
 * Strongly connected components (Tarjan, iterative), in reverse topological order: a component comes before every
 * component that reaches it. Hub nodes take part like applications.
 */
function components(next: number[][], stats: ExchangeStats): { of: Int32Array; count: number } {
  const n = next.length;
  const of = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const order = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  let counter = 0;
  let count = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    order[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      stats.work++;
      if (i < next[v]!.length) {
        top[1]++;
        const w = next[v]![i]!;
        if (order[w] === -1) {
          order[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v]!, order[w]!);
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]![0];
        low[parent] = Math.min(low[parent]!, low[v]!);
      }
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          of[w] = count;
        } while (w !== v);
        count++;
      }
    }
  }
  return { of, count };
}

/**
 * One reach per (component of the direct holder, target): the holder with the first name in that component that
 * steps into the target directly, and how many applications' tokens reach the target through some chain.
 */
function summarizedReaches<F extends ExchangeFacts>(graph: Graph<F>, stats: ExchangeStats): ExchangeReach<F>[] {
  const { apps, next } = graph;
  const { of, count } = components(next, stats);
  // Applications per component, and the condensation's edges.
  const size = new Int32Array(count);
  apps.forEach((_, a) => size[of[a]!]!++);
  const into: Set<number>[] = Array.from({ length: count }, () => new Set());
  next.forEach((succ, a) => {
    for (const b of succ) {
      stats.work++;
      if (of[a] !== of[b]) into[of[b]!]!.add(of[a]!);
    }
  });
  // Components reaching each component (as a bitset), from sources down: the last component Tarjan finishes first.
  const words = (count + 31) >>> 5;
  const ancestors: Uint32Array[] = new Array(count);
  for (let k = count - 1; k >= 0; k--) {
    const bits = new Uint32Array(words);
    for (const p of into[k]!) {
      const from = ancestors[p]!;
      for (let w = 0; w < words; w++) bits[w]! |= from[w]!;
      bits[p >>> 5]! |= 1 << (p & 31);
      stats.closureWords = (stats.closureWords ?? 0) + words;
    }
    ancestors[k] = bits;
  }
  const reachedFrom = (c: number): number => {
    const k = of[c]!;
    let n = size[k]! > 1 ? size[k]! - 1 : 0;
    const bits = ancestors[k]!;
    for (let w = 0; w < words; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const bit = 31 - Math.clz32(word);
        n += size[(w << 5) + bit]!;
        word &= ~(1 << bit);
      }
    }
    return n;
  };

  // Direct holders of each target: through an edge, or through a hub of its instance.
  const holders = new Map<number, number[]>();
  const addHolder = (c: number, a: number): void => {
    if (a === c) return;
    const list = holders.get(c);
    if (list) list.push(a);
    else holders.set(c, [a]);
  };
  const hubHolders = new Map<number, number[]>();
  next.forEach((succ, a) => {
    if (a >= apps.length) return;
    for (const b of succ) {
      stats.work++;
      if (b < apps.length) addHolder(b, a);
      else hubHolders.set(b, [...(hubHolders.get(b) ?? []), a]);
    }
  });
  const reaches: ExchangeReach<F>[] = [];
  const byName = (x: number, y: number): number => (apps[x]!.app.name < apps[y]!.app.name ? -1 : apps[x]!.app.name > apps[y]!.app.name ? 1 : x - y);
  // A hub's holders, best first per component: computed once per hub, not once per member.
  const firstPerComponent = (list: number[]): Map<number, number> => {
    const best = new Map<number, number>();
    for (const a of list) {
      stats.work++;
      const k = of[a]!;
      const current = best.get(k);
      if (current === undefined || byName(a, current) < 0) best.set(k, a);
    }
    return best;
  };
  const hubBest = new Map<number, Map<number, number>>();
  for (const [hub, list] of hubHolders) hubBest.set(hub, firstPerComponent(list));
  const hubsOf = new Map<number, number[]>();
  for (const hub of hubHolders.keys()) for (const m of next[hub]!) hubsOf.set(m, [...(hubsOf.get(m) ?? []), hub]);

  apps.forEach((_, c) => {
    if (!graph.target[c]) return;
    const best = firstPerComponent(holders.get(c) ?? []);
    for (const hub of hubsOf.get(c) ?? [])
      for (const [k, a] of hubBest.get(hub)!) {
        // The target itself holds no token it exchanges into; the next holder of its component then does.
        const holder = a !== c ? a : firstPerComponent(hubHolders.get(hub)!.filter((x) => x !== c)).get(k);
        if (holder === undefined) continue;
        const current = best.get(k);
        if (current === undefined || byName(holder, current) < 0) best.set(k, holder);
      }
    if (best.size === 0) return;
    const reached = reachedFrom(c);
    for (const [k, a] of [...best].sort((x, y) => byName(x[1], y[1]))) {
      reaches.push({
        origin: apps[a]!,
        target: apps[c]!,
        via: [apps[a]!, apps[c]!],
        chainSteps: [],
        scope: accessScopesAuthorizing(apps[a]!.app, apps[c]!.app)[0]!.pointer,
        summary: { reachedFrom: reached, component: size[k]! },
      });
    }
  });
  return reaches;
}

/** The note a summarized path carries. */
export function summaryNote(reach: { target: { app: { name: string } }; origin: { app: { name: string } }; summary?: { reachedFrom: number; component: number } }): string | undefined {
  const s = reach.summary;
  if (!s) return undefined;
  const cycle = s.component > 1 ? `; ${reach.origin.app.name} is one of ${s.component} applications whose tokens reach each other` : '';
  return `token-exchange chains summarized: tokens of ${s.reachedFrom} application${s.reachedFrom === 1 ? '' : 's'} reach ${reach.target.app.name} through some chain; this is one direct step${cycle}`;
}
