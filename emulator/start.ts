/**
 * `tipkit serve` in-process from files, as the command line starts it: for tests (and tools) that deploy into the
 * control plane and read its state back.
 */
import { resolve } from 'node:path';
import { loadServeInput, type ServeInput } from './load.js';
import type { RequestLogger } from './log.js';
import { startEmulator, type RunningEmulator } from './server.js';
import type { ControlPlaneOptions } from './control-plane/control-plane.js';

export interface StartServeOptions extends ControlPlaneOptions {
  /** tipkit config (default: the scenario's `config:`, else ./tipkit.yaml in `cwd`). */
  config?: string;
  /** Scenario with the identity store, issuer keys and the SigV4 principals accepted. */
  scenario?: string;
  cwd?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  log?: RequestLogger | false;
  /** Open connections at most (the emulator's default when unset). */
  maxConnections?: number;
}

export interface StartedServe extends RunningEmulator {
  input: ServeInput;
}

/**
 * Starts serve on 127.0.0.1 (a free port unless told), with the control plane's state from `stateFile` when it
 * exists, else from the config. `controlPlane.snapshot()` reads the state; `close()` stops it.
 */
export async function startServe(opts: StartServeOptions): Promise<StartedServe> {
  const cwd = opts.cwd ?? process.cwd();
  const input = await loadServeInput({
    scenario: opts.scenario ? resolve(cwd, opts.scenario) : undefined,
    config: opts.config ? resolve(cwd, opts.config) : undefined,
    cwd,
  });
  const emulator = await startEmulator({
    model: input.model,
    scenario: input.scenario,
    port: opts.port ?? 0,
    log: opts.log ?? false,
    maxConnections: opts.maxConnections,
    controlPlane: { stateFile: opts.stateFile ? resolve(cwd, opts.stateFile) : undefined, throttle: opts.throttle, quotas: opts.quotas },
  });
  return { ...emulator, input };
}
