/**
 * A scope or assignment whose application is known only by an unknown ARN is read under a stand-in application
 * (so its own values are linted); the access review claims no trust path for that stand-in.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { computeAccessPaths } from '../../access/index.js';
import { loadConfigFile } from '../../inputs/index.js';

it('no trust path for an application known only by a variable ARN', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-stand-in-'));
  writeFileSync(
    join(dir, 'main.tf'),
    `variable "app_arn" {\n  type = string\n}\n\nresource "aws_ssoadmin_application_assignment" "a" {\n  application_arn = var.app_arn\n  principal_id    = "906753f0-e0f1-70b2-e3a6-6b3a4e7b1c4d"\n  principal_type  = "USER"\n}\n`,
  );
  const loaded = await loadConfigFile(join(dir, 'main.tf'));
  expect(loaded.model.applications.map((a) => [a.name, a.assignments.length])).toEqual([['var.app_arn', 1]]);
  expect(loaded.model.unknown.isUnknown(loaded.model.applications[0]!.pointer)).toBe(true);
  expect(computeAccessPaths(loaded.model)).toEqual([]);
});
