/** Terraform HCL → RawConfig. (Filled in by the linter work.) */
import { InputError } from './errors.js';
import type { RawInput } from './load.js';
import type { ReadOptions } from './load-yaml.js';

export async function readHclFiles(files: string[], opts: ReadOptions = {}): Promise<RawInput> {
  void opts;
  throw new InputError('HCL is not supported yet', { file: files[0] ?? '<none>' });
}
