/** The schema and shape tables are generated from the AWS models; a stale copy fails here. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const models = resolve(repoRoot, '../shared/aws-models');

describe('generated files', () => {
  it.skipIf(!existsSync(models))('match what scripts/gen-schema.mjs makes from ../shared/aws-models', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schema.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
