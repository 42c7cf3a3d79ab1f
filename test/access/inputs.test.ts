/**
 * One setup read from every input kind gives the same trust paths: tipkit YAML, cdktf TypeScript (read statically)
 * and Terraform JSON rendered from it, and Terraform HCL written by hand (the IAM authentication methods as
 * aws_ssoadmin_application_authentication_method resources with jsonencode'd actor policies).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAccessPaths } from '../../access/load.js';
import type { AccessPath } from '../../access/paths.js';
import type { RawConfig } from '../../model/types.js';
import { render, RENDERED_FILE, type RenderedKind } from '../helpers/render-inputs.js';

const setup = parse(readFileSync('test/fixtures/access/setup.yaml', 'utf8')) as RawConfig;

/** What a path is, without where it is written. */
const gist = (paths: AccessPath[]) => paths.map(({ source: _s, related, key: _k, ...rest }) => ({ ...rest, related: related.map((r) => r.what) }));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-access-inputs-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function pathsAs(kind: RenderedKind, raw: RawConfig, sub: string): Promise<AccessPath[]> {
  const folder = join(dir, sub);
  const file = join(folder, RENDERED_FILE[kind]);
  (await import('node:fs')).mkdirSync(folder, { recursive: true });
  writeFileSync(file, render(kind, raw));
  return (await readAccessPaths([file], { cwd: folder })).paths;
}

describe('every input kind gives the same paths', () => {
  it('tipkit YAML, cdktf TypeScript and Terraform JSON', async () => {
    const yaml = await pathsAs('yaml', setup, 'yaml');
    const ts = await pathsAs('ts', setup, 'ts');
    const tfjson = await pathsAs('tfjson', setup, 'tfjson');
    // The setup exercises every kind of path, so the comparison is not between two short lists.
    expect(new Set(yaml.map((p) => p.grantType)).size).toBe(5);
    expect(yaml.some((p) => p.via.length === 3)).toBe(true);
    expect(gist(ts)).toEqual(gist(yaml));
    expect(gist(tfjson)).toEqual(gist(yaml));
    expect(ts.every((p) => p.source.file === 'stack.ts' && p.source.line > 1)).toBe(true);
    expect(tfjson.every((p) => p.source.file === 'cdk.tf.json' && p.source.line > 1)).toBe(true);
  });

  it('Terraform HCL', async () => {
    const yaml = await pathsAs('yaml', setup, 'yaml-hcl');
    const hcl = (await readAccessPaths(['test/fixtures/access/hcl'], { cwd: process.cwd() })).paths;
    expect(yaml.length).toBeGreaterThan(4);
    expect(gist(hcl)).toEqual(gist(yaml));
    expect(hcl.every((p) => p.source.file === 'test/fixtures/access/hcl/main.tf')).toBe(true);
  });
});
