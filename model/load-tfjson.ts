/** Synthesized Terraform JSON → RawConfig. (Filled in by the constructs/synth work.) */
import { InputError } from './errors.js';
import type { RawInput } from './load.js';
import type { PositionIndex } from './positions.js';

export function tfJsonToRaw(value: unknown, positions: PositionIndex, file: string): RawInput {
  void value;
  void positions;
  throw new InputError('Terraform JSON is not supported yet', { file });
}
