/**
 * simulate(): run a scenario's requests in order on a stepping clock, resolve `${NAME.FIELD}` references
 * and `jwt:` assertions, check each `expect`, and build the spec's JSON report.
 */
import { isDeepStrictEqual } from 'node:util';
import type { TipModel } from '../model/types.js';
import { SteppingClock, parseSignedDuration } from './clock.js';
import { DEFAULT_JWT_LIFETIME_S, type JwtSpec } from './scenario-jwt.js';
import { JWT_MEMBERS, REFERENCE_RE } from './scenario.js';
import { createSimulator, type Simulator } from './simulator.js';
import type { Expectation, ExpectationResult, OperationResult, RequestResult, Scenario, ScenarioRequest, SimulateOptions, SimulationReport } from './types.js';

type Obj = Record<string, unknown>;

class Unresolved extends Error {}

/** Replace `${NAME.FIELD}` with a field of an earlier response; a whole-string reference keeps the value's type. */
export function resolveReferences(value: unknown, results: ReadonlyMap<string, RequestResult>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{([^}]*)\}$/.exec(value);
    if (whole) return lookup(whole[1]!, results);
    return value.replace(REFERENCE_RE, (_, body: string) => {
      const v = lookup(body, results);
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]));
  return value;
}

function lookup(body: string, results: ReadonlyMap<string, RequestResult>): unknown {
  const [name, ...path] = body.split('.');
  const source = results.get(name!);
  if (!source) throw new Unresolved(`\${${body}}: request ${name} has not run`);
  if (source.outcome !== 'success' || !source.response)
    throw new Unresolved(`\${${body}}: request ${name} did not succeed (${source.outcome === 'not-run' ? 'not run' : (source.error?.type ?? 'error')})`);
  let v: unknown = source.response;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null || !(seg in v)) throw new Unresolved(`\${${body}}: the response of ${name} has no ${path.join('.')}`);
    v = (v as Obj)[seg];
  }
  return v;
}

export function evaluateExpectation(expect: Expectation | undefined, result: Pick<RequestResult, 'outcome' | 'response' | 'error'>, resolved?: Expectation): ExpectationResult {
  if (result.outcome === 'not-run') return { met: false, reason: 'the request did not run' };
  if (!expect) return { met: true };
  const want = expect.outcome ?? (expect.error !== undefined ? 'error' : expect.response !== undefined ? 'success' : undefined);
  const got = result.outcome === 'error' ? `error ${result.error?.type}: ${result.error?.error_description}` : 'success';
  if (want !== undefined && result.outcome !== want) return { met: false, reason: `expected ${want}, got ${got}` };
  if (expect.error !== undefined && result.error?.type !== expect.error) return { met: false, reason: `expected ${expect.error}, got ${got}` };
  for (const [field, value] of Object.entries((resolved ?? expect).response ?? {})) {
    const actual = result.response?.[field];
    if (!isDeepStrictEqual(actual, value)) return { met: false, reason: `expected response.${field} = ${JSON.stringify(value)}, got ${JSON.stringify(actual ?? null)}` };
  }
  return { met: true };
}

async function prepareInput(request: ScenarioRequest, sim: Simulator, results: ReadonlyMap<string, RequestResult>): Promise<Obj> {
  const input = resolveReferences(request.input, results) as Obj;
  for (const member of JWT_MEMBERS) {
    const v = input[member];
    if (typeof v === 'object' && v !== null && 'jwt' in v) {
      const spec = (v as { jwt: JwtSpec }).jwt;
      const lifetime = spec.expiresIn === undefined ? DEFAULT_JWT_LIFETIME_S : parseSignedDuration(spec.expiresIn)! / 1000;
      input[member] = await sim.signJwt(spec, lifetime, request.location);
    }
  }
  return input;
}

export async function runRequest(request: ScenarioRequest, sim: Simulator, scenario: Scenario, results: ReadonlyMap<string, RequestResult>): Promise<RequestResult> {
  const head = { name: request.name, operation: request.operation };
  let input: Obj;
  try {
    input = await prepareInput(request, sim, results);
  } catch (err) {
    if (!(err instanceof Unresolved)) throw err;
    const trace = [{ check: 'reference', ok: false, detail: err.message }];
    return { ...head, outcome: 'not-run', response: null, error: null, trace, expectation: { met: false, reason: `not run: ${err.message}` } };
  }
  const callerArn = request.caller === undefined ? undefined : (scenario.principals.find((p) => p.name === request.caller)?.arn ?? request.caller);
  const result: OperationResult = await sim.call(request.operation, input, { callerArn });
  let resolvedExpect: Expectation | undefined;
  try {
    resolvedExpect = request.expect && (resolveReferences(request.expect, results) as Expectation);
  } catch (err) {
    if (!(err instanceof Unresolved)) throw err;
    return { ...head, ...result, expectation: { met: false, reason: `expect: ${err.message}` } };
  }
  return { ...head, ...result, expectation: evaluateExpectation(request.expect, result, resolvedExpect) };
}

export async function simulate(model: TipModel, scenario: Scenario, opts: SimulateOptions = {}): Promise<SimulationReport> {
  const clock = new SteppingClock(scenario.now);
  const sim = await createSimulator(model, scenario, { clock, allowNetwork: opts.allowNetwork });
  const results = new Map<string, RequestResult>();
  const list: RequestResult[] = [];
  for (const request of scenario.requests) {
    clock.advance(request.afterMs);
    const result = await runRequest(request, sim, scenario, results);
    results.set(request.name, result);
    list.push(result);
  }
  return {
    tool: 'tipkit',
    command: 'simulate',
    results: list,
    summary: {
      requests: list.length,
      succeeded: list.filter((r) => r.outcome === 'success').length,
      failed: list.filter((r) => r.outcome !== 'success').length,
      expectationsMet: list.filter((r) => r.expectation.met).length,
      expectationsFailed: list.filter((r) => !r.expectation.met).length,
    },
  };
}
