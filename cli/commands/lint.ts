/** `tipkit lint` (to be filled in by its issue). */
import type { Command } from '../main.js';
import { UsageError } from '../../model/errors.js';

export const command: Command = {
  summary: 'lint tipkit configs, Terraform JSON, HCL and cdktf TypeScript',
  usage: 'Usage: tipkit lint',
  async run() {
    throw new UsageError('lint is not implemented yet');
  },
};
