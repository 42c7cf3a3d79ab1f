/** `tipkit synth` (filled in by the constructs work). */
import type { Command } from '../main.js';
import { UsageError } from '../../model/errors.js';

export const command: Command = {
  summary: 'turn a config into a CDK for Terraform app and write its Terraform JSON',
  usage: 'Usage: tipkit synth [--config FILE] [--out DIR]',
  async run() {
    throw new UsageError('synth is not implemented yet');
  },
};
