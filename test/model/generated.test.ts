/**
 * The schema and shape tables are generated from the AWS service models; a stale copy fails here. The models
 * are not part of the repository (regenerating is a maintainer step): point TIPKIT_AWS_MODELS at them, or keep
 * them in ../shared/aws-models beside the checkout. Without them the check is skipped and says why.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const models = resolve(repoRoot, process.env.TIPKIT_AWS_MODELS ?? '../shared/aws-models');
const present = existsSync(resolve(models, 'sso-admin-2020-07-20.json'));

describe('generated files', () => {
  it.skipIf(!present)(`match what scripts/gen-schema.mjs makes from the AWS models${present ? '' : ` (skipped: no models in ${models}; set TIPKIT_AWS_MODELS)`}`, () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schema.mjs', models, '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('gen-schema.mjs without a models directory says what it needs (exit 2), never reaching outside the repository', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-schema.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: node scripts\/gen-schema\.mjs MODELS_DIR/);
  });
});
