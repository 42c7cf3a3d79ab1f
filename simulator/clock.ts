/** Clocks (a stepping one for `simulate`, the wall clock for `serve`) and `after:` durations. */
import type { Clock } from './types.js';

/** A clock that only moves when told to: `simulate` never reads the wall clock. */
export class SteppingClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export const wallClock: Clock = { now: () => Date.now() };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h30m`, `250ms`, `2d`, or a number of seconds → milliseconds; undefined when unparseable. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!;
  return total;
}

/**
 * A duration that may point backwards (`-60`, `-5m`): a JWT's `expiresIn` below zero makes a token that has
 * already expired, the natural way for a scenario to try one.
 */
export function parseSignedDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value * 1000 : undefined;
  if (typeof value === 'string' && value.trim().startsWith('-')) {
    const ms = parseDuration(value.trim().slice(1));
    return ms === undefined ? undefined : -ms;
  }
  return parseDuration(value);
}

/** An RFC 3339 timestamp (`2026-11-23T12:00:00Z`) → ms; undefined when unparseable. */
export function parseTimestamp(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value !== 'string') return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(value.trim())) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
