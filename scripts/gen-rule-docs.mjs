#!/usr/bin/env node
// Regenerates docs/rules/*.md from the rule metadata (same as `tipkit rules --write-docs docs/rules`).
// Runs the built CLI, so build first: `npm run build && node scripts/gen-rule-docs.mjs`.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { main } = await import(join(root, 'dist/cli/main.js'));
process.exitCode = await main(['rules', '--write-docs', join(root, 'docs/rules')]);
