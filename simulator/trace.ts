/** The ordered list of checks a request went through; a failing check throws the AWS error it maps to. */
import type { TraceStep } from './types.js';

/** An error class a failing check throws (SSO OIDC or STS): `new ErrorClass(description, check, extra)`. */
export type CheckErrorClass = new (message: string, check?: string, extra?: Record<string, unknown>) => Error;

export class Trace {
  readonly steps: TraceStep[] = [];

  pass(check: string, detail: string): void {
    this.steps.push({ check, ok: true, detail });
  }

  /** Record a failed check and throw `ErrorClass` (its description is the detail unless one is given). */
  fail(check: string, detail: string, ErrorClass: CheckErrorClass, description: string = detail, extra?: Record<string, unknown>): never {
    this.steps.push({ check, ok: false, detail });
    throw new ErrorClass(description, check, extra);
  }

  /** pass() when `ok`, else fail(). */
  require(ok: boolean, check: string, detail: string, ErrorClass: CheckErrorClass): void {
    if (ok) this.pass(check, detail);
    else this.fail(check, detail, ErrorClass);
  }
}
