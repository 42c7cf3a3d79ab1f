/** cdktf TypeScript, read statically with ts-morph → RawConfig. (Filled in by the linter work.) */
import { InputError } from './errors.js';
import type { RawInput } from './load.js';
import type { ReadOptions } from './load-yaml.js';

export async function readTypeScriptFiles(files: string[], opts: ReadOptions = {}): Promise<RawInput> {
  void opts;
  throw new InputError('TypeScript is not supported yet', { file: files[0] ?? '<none>' });
}
