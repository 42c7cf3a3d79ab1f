/** `tipkit rules` (to be filled in by its issue). */
import type { Command } from '../main.js';
import { UsageError } from '../../model/errors.js';

export const command: Command = {
  summary: 'list the lint rules, or print one rule\'s documentation',
  usage: 'Usage: tipkit rules',
  async run() {
    throw new UsageError('rules is not implemented yet');
  },
};
