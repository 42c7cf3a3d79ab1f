/** `tipkit simulate` (to be filled in by its issue). */
import type { Command } from '../main.js';
import { UsageError } from '../../model/errors.js';

export const command: Command = {
  summary: 'dry-run a scenario of SSO OIDC requests against the config',
  usage: 'Usage: tipkit simulate',
  async run() {
    throw new UsageError('simulate is not implemented yet');
  },
};
