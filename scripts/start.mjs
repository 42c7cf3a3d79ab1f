#!/usr/bin/env node
/**
 * `npm start`: the main job on the bundled example — synthesize it to Terraform JSON, lint it, and
 * dry-run its scenario — printing what each step prints. Exits with the first failing step's code. None of it
 * needs Terraform (only `terraform apply` of the output does).
 */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const example = process.argv[2] ?? 'examples/okta-tip';
const outDir = process.env.CDKTF_OUTDIR || 'cdktf.out';
const steps = [
  ['synth', '--config', `${example}/tipkit.yaml`, '--out', outDir],
  ['lint', example],
  ['simulate', `${example}/scenario.yaml`],
];

for (const args of steps) {
  process.stdout.write(`\n$ tipkit ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [resolve(root, 'bin/tipkit.js'), ...args], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    process.stdout.write(`\ntipkit ${args[0]} exited ${r.status}\n`);
    process.exit(r.status ?? 2);
  }
}
process.stdout.write(`\nAll steps passed: Terraform JSON in ${outDir}/, no lint errors, every scenario expectation met.\n`);
