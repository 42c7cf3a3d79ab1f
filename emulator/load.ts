/** What `serve` runs on: the config model and the scenario (users, issuer keys, principals), or an empty scenario. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { loadValidConfigFile } from '../inputs/index.js';
import type { TipModel } from '../model/types.js';
import { emptyScenario, loadScenarioFile, type Scenario } from '../simulator/index.js';

export interface ServeInput {
  model: TipModel;
  scenario: Scenario;
  configFile: string;
  scenarioFile?: string;
}

export async function loadServeInput(opts: { scenario?: string; config?: string; cwd: string; maxInputBytes?: number }): Promise<ServeInput> {
  if (opts.scenario) {
    const loaded = await loadScenarioFile(opts.scenario, { config: opts.config, maxInputBytes: opts.maxInputBytes });
    return { model: loaded.model, scenario: loaded.scenario, configFile: loaded.configFile, scenarioFile: loaded.file };
  }
  // Without a scenario the emulator still answers RegisterClient / device authorization, but nobody can sign in
  // (no users) and CreateTokenWithIAM refuses every caller (no principals).
  const configFile = opts.config ?? resolve(opts.cwd, 'tipkit.yaml');
  if (!opts.config && !existsSync(configFile)) {
    throw new InputError('no config: pass --config FILE or --scenario FILE (no tipkit.yaml in the current directory)', { file: configFile });
  }
  const { model } = await loadValidConfigFile(configFile, { maxBytes: opts.maxInputBytes });
  return { model, scenario: emptyScenario(configFile, model), configFile };
}

/** Whether `serve --host` keeps the emulator on this machine (the model's one loopback definition). */
export { isLoopbackHost } from '../model/redirect-uri.js';
