/** `tipkit serve` (to be filled in by its issue). */
import type { Command } from '../main.js';
import { UsageError } from '../../model/errors.js';

export const command: Command = {
  summary: 'an SSO OIDC endpoint on 127.0.0.1 for real AWS SDK clients',
  usage: 'Usage: tipkit serve',
  async run() {
    throw new UsageError('serve is not implemented yet');
  },
};
