/**
 * `tipkit init [DIR]`: a starter tipkit.yaml and scenario.yaml (a bundled example, by default okta-tip) whose
 * schema modeline points at the schema of the tipkit the project installed, relative to where the file is —
 * so editors validate it as written, wherever DIR is — and, if asked, a GitHub workflow running the action.
 * Nothing is overwritten without --force, and nothing is written when one file cannot be.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../model/errors.js';
import { commonFlagsHelp, parseCommandArgs } from '../args.js';
import { writeFileAtomic } from '../io.js';
import type { Command } from '../command.js';

const SCHEMA_IN_PACKAGE = 'model/schema/tipkit.schema.json';

/** tipkit's package root, the nearest folder above this file that holds the schema (from dist/ and from source). */
const packageRoot = ((): string => {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, SCHEMA_IN_PACKAGE)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
const examplesDir = join(packageRoot, 'examples');

const examples = (): string[] => readdirSync(examplesDir).filter((d) => existsSync(join(examplesDir, d, 'tipkit.yaml')) && existsSync(join(examplesDir, d, 'scenario.yaml')));

const options = {
  example: { type: 'string', short: 'e' },
  'github-workflow': { type: 'boolean' },
  force: { type: 'boolean' },
} as const;

export const command: Command = {
  summary: 'write a starter tipkit.yaml and scenario.yaml (and, if asked, a GitHub workflow)',
  usage: `Usage: tipkit init [DIR] [options]

Writes DIR/tipkit.yaml and DIR/scenario.yaml (DIR defaults to the current directory) from a bundled example,
ready for \`tipkit lint\`, \`tipkit simulate DIR/scenario.yaml\` and \`tipkit serve --scenario DIR/scenario.yaml\`.
The config's first line is a yaml-language-server modeline naming the schema of the installed tipkit by a path
relative to the file, so editors with the YAML extension complete and check it.

Options:
  -e, --example NAME     the example to start from: ${examples().join(', ')} (default okta-tip)
      --github-workflow  also write .github/workflows/tipkit.yml (at the git repository's root) running the
                         tipkit GitHub Action on DIR: annotations, SARIF upload, access review in the job summary
      --force            overwrite files that exist (default: refuse, and write nothing)
${commonFlagsHelp('not used by init (it lists the files it wrote on stdout)', 'do not list the files written')}

Exit codes: 0 written, 2 a file exists (without --force) or cannot be written; nothing is written then.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'init');
    if (positionals.length > 1) throw new UsageError(`init: one directory at a time (got ${positionals.length})`);
    const example = values.example ?? 'okta-tip';
    if (!examples().includes(example)) throw new UsageError(`init: --example must be one of ${examples().join(', ')} (got '${example}')`);
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UsageError(`init: ${positionals[0]} is not a directory`);

    const files: { path: string; text: string }[] = [
      { path: join(dir, 'tipkit.yaml'), text: withModeline(readFileSync(join(examplesDir, example, 'tipkit.yaml'), 'utf8'), dir) },
      { path: join(dir, 'scenario.yaml'), text: readFileSync(join(examplesDir, example, 'scenario.yaml'), 'utf8') },
    ];
    if (values['github-workflow']) {
      const root = gitRoot(dir) ?? dir;
      files.push({ path: join(root, '.github/workflows/tipkit.yml'), text: workflow(relative(root, dir).split(sep).join('/') || '.', existsSync(join(root, 'package-lock.json'))) });
    }
    const shown = (file: string) => relative(io.cwd, file) || file;
    const existing = files.filter((f) => existsSync(f.path));
    if (existing.length && !values.force) throw new UsageError(`init: ${existing.map((f) => shown(f.path)).join(', ')} already exist${existing.length === 1 ? 's' : ''} (--force overwrites); nothing was written`);
    // Written only once every file is known to be writable in intent; each write is atomic on its own.
    for (const f of files) {
      try {
        writeFileAtomic(f.path, f.text);
      } catch (err) {
        throw new UsageError(`init: cannot write ${shown(f.path)} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    if (!values.quiet) io.stdout(files.map((f) => `wrote ${shown(f.path)}\n`).join(''));
    return 0;
  },
};

/**
 * The example's modeline replaced by one that works from `dir`: the schema of a tipkit installed in a
 * node_modules above `dir` (what the project's editors will see), else of the tipkit that runs.
 */
export function withModeline(config: string, dir: string): string {
  let schema = join(packageRoot, SCHEMA_IN_PACKAGE);
  for (let up = dir; ; up = dirname(up)) {
    const installed = join(up, 'node_modules/tipkit', SCHEMA_IN_PACKAGE);
    if (existsSync(installed)) {
      schema = installed;
      break;
    }
    if (dirname(up) === up) break;
  }
  let path = relative(dir, schema).split(sep).join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  return `# yaml-language-server: $schema=${path}\n${config.replace(/^# yaml-language-server:.*\n/, '')}`;
}

function gitRoot(dir: string): string | undefined {
  for (let up = dir; ; up = dirname(up)) {
    if (existsSync(join(up, '.git'))) return up;
    if (dirname(up) === up) return undefined;
  }
}

function workflow(paths: string, npmProject: boolean): string {
  return `# Written by tipkit init. The tipkit GitHub Action: lint findings as annotations on the pull request, SARIF
# for code scanning, and the access review (what the pull request adds) in the job summary.
name: tipkit
on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  security-events: write # upload-sarif

jobs:
  tipkit:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${npmProject ? "      - uses: actions/setup-node@v4\n        with:\n          node-version: 20\n          cache: npm\n      - run: npm ci # the action uses the project's own tipkit when it is installed\n" : ''}      - uses: tipkit-dev/tipkit@main # pin a release tag or a commit
        with:
          paths: ${JSON.stringify(paths)}
          fail-on: error
          upload-sarif: true
`;
}
