/**
 * The bare baselines of the scale bench, one per process: `node bench/bare.mjs yaml FILE` (parse with `yaml`),
 * `node bench/bare.mjs hcl2json FILE…` (parse with @cdktf/hcl2json, what tipkit's HCL reader starts from).
 */
import { readFileSync } from 'node:fs';

const [kind, ...files] = process.argv.slice(2);
if (kind === 'yaml') {
  const { parse } = await import('yaml');
  for (const f of files) parse(readFileSync(f, 'utf8'));
} else if (kind === 'hcl2json') {
  const { parse } = await import('@cdktf/hcl2json');
  for (const f of files) await parse(f, readFileSync(f, 'utf8'));
} else {
  process.stderr.write(`bare.mjs: unknown kind ${kind}\n`);
  process.exit(2);
}
