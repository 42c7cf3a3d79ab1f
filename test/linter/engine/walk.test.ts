import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NoSuchFileError } from '../../../model/errors.js';
import { project } from '../cli/run.js';
import { discoverFiles, isTipkitConfigValue, mayBeTipkitConfigText, mentionsIdentityCenter, projectRootOf } from '../../../inputs/discover.js';

describe('file discovery', () => {
  const root = project({
    'tipkit.yaml': 'version: 1\n',
    'README.md': '# not linted\n',
    'infra/main.tf': 'resource "aws_ssoadmin_application" "a" {}\n',
    'node_modules/pkg/tipkit.yaml': 'version: 1\n',
    '.git/x.yaml': 'a: 1\n',
    'dist/x.ts': 'export {};\n',
    '.terraform/modules/m/main.tf': '\n',
    'cdktf.out/stacks/s/cdk.tf.json': '{}',
    'src/stack.ts': 'export {};\n',
    'src/types.d.ts': 'export {};\n',
  });
  const rel = (files: { file: string; explicit: boolean }[]) => files.map((f) => `${relative(root, f.file)}${f.explicit ? ' (named)' : ''}`);

  it('walks directories in a stable order, skipping dependency and build folders', () => {
    expect(rel(discoverFiles(['.'], root))).toEqual(['infra/main.tf', 'src/stack.ts', 'tipkit.yaml']);
  });

  it('enters a skipped folder when a path names it, and lints named files whatever they hold', () => {
    expect(rel(discoverFiles(['cdktf.out', 'node_modules/pkg/tipkit.yaml'], root))).toEqual(['node_modules/pkg/tipkit.yaml (named)', 'cdktf.out/stacks/s/cdk.tf.json']);
    expect(discoverFiles(['cdktf.out'], root)[0]!.kind).toBe('tfjson');
  });

  it('refuses a missing path or an unsupported named file', () => {
    expect(() => discoverFiles(['nope.yaml'], root)).toThrowError(new NoSuchFileError('nope.yaml'));
    expect(() => discoverFiles(['README.md'], root)).toThrowError(/unsupported file type/);
  });

  it('groups TypeScript by the nearest project marker', () => {
    const r = project({ 'app/package.json': '{}', 'app/src/a.ts': '', 'app/src/lib/b.ts': '', 'other/c.ts': '' });
    const cache = new Map<string, string | null>();
    expect(projectRootOf(join(r, 'app/src/a.ts'), cache)).toBe(join(r, 'app'));
    expect(projectRootOf(join(r, 'app/src/lib/b.ts'), cache)).toBe(join(r, 'app'));
    // No marker up to / (tmpdir has none): the file's own directory.
    expect([join(r, 'other'), dirname(r)]).toContain(projectRootOf(join(r, 'other/c.ts'), cache));
  });
});

describe('sniffing walked files', () => {
  it('recognises tipkit configs and not scenarios or other YAML', () => {
    expect(isTipkitConfigValue({ version: 1, applications: [] })).toBe(true);
    expect(isTipkitConfigValue({ version: 1, instance: {} })).toBe(true);
    expect(isTipkitConfigValue({ version: 1, config: './tipkit.yaml', requests: [], trustedTokenIssuers: [] })).toBe(false);
    expect(isTipkitConfigValue({ version: '3.8', services: {} })).toBe(false);
    expect(isTipkitConfigValue([{ version: 1, instance: {} }])).toBe(false);
    expect(mayBeTipkitConfigText('version: 1\ninstance:\n  InstanceArn: x\n')).toBe(true);
    expect(mayBeTipkitConfigText('{ "version": 1, "applications": [] }')).toBe(true);
    expect(mayBeTipkitConfigText('name: ci\non: push\njobs: {}\n')).toBe(false);
  });

  it('looks for Identity Center resources and tipkit constructs', () => {
    expect(mentionsIdentityCenter('hcl', 'resource "aws_ssoadmin_application" "a" {}')).toBe(true);
    expect(mentionsIdentityCenter('hcl', 'resource "aws_ssoadmin_permission_set" "a" {}')).toBe(false);
    expect(mentionsIdentityCenter('tfjson', '{"resource":{"aws_ssoadmin_trusted_token_issuer":{}}}')).toBe(true);
    expect(mentionsIdentityCenter('typescript', "new IdentityCenterApplication(this, 'a', {})")).toBe(true);
    expect(mentionsIdentityCenter('typescript', 'export const x = 1;')).toBe(false);
  });
});
