#!/usr/bin/env node
// Records what the real `terraform` says for every expression in a corpus, for the evaluator's golden test.
//
//   node scripts/record-terraform-golden.mjs [--corpus DIR] [--out FILE]
//
// DIR (default test/fixtures/terraform-golden) holds prelude.tf (variables with defaults, locals,
// terraform_data), files/ (for file() and templatefile()) and expressions.txt: one `name = expression` a
// line, a heredoc running on to its closing marker, `#` comments. The script builds one provider-free
// configuration in a temp dir (the prelude plus one output per expression), runs `terraform init` and
// `terraform plan` (terraform_data is built in: no provider, no network), and writes FILE (default
// DIR/golden.json): per expression its value and type, or what stays unknown at plan time, or Terraform's
// error. An expression that errors is recorded and taken out, and the plan rerun, so it spoils nothing else.

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** `name = expression` entries of a corpus file (heredocs may span lines). */
export function readCorpus(text) {
  const entries = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim() || line.trimStart().startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*) = (.*)$/.exec(line);
    if (!m) throw new Error(`expressions.txt:${i + 1}: expected \`name = expression\``);
    let source = m[2];
    const heredoc = /<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(source);
    if (heredoc) {
      for (;;) {
        i++;
        if (i >= lines.length) throw new Error(`expressions.txt: heredoc ${heredoc[1]} of ${m[1]} is not closed`);
        source += `\n${lines[i]}`;
        if (lines[i].trim() === heredoc[1]) break;
      }
    }
    if (entries.some((e) => e.name === m[1])) throw new Error(`expressions.txt:${i + 1}: ${m[1]} is written twice`);
    entries.push({ name: m[1], expr: source });
  }
  return entries;
}

function terraform(dir, args) {
  try {
    return execFileSync('terraform', args, { cwd: dir, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1' } });
  } catch (err) {
    if (err.stdout !== undefined && args.includes('-json')) return err.stdout; // plan -json reports its errors on stdout
    throw new Error(`terraform ${args.join(' ')} failed: ${err.stderr || err.message}`);
  }
}

export function record(corpusDir) {
  const entries = readCorpus(readFileSync(join(corpusDir, 'expressions.txt'), 'utf8'));
  const work = mkdtempSync(join(tmpdir(), 'tipkit-tf-golden-'));
  try {
    cpSync(join(corpusDir, 'prelude.tf'), join(work, 'prelude.tf'));
    if (existsSync(join(corpusDir, 'files'))) cpSync(join(corpusDir, 'files'), join(work, 'files'), { recursive: true });
    terraform(work, ['init', '-input=false', '-no-color']);
    const errors = new Map();
    let pending = entries;
    for (let round = 0; ; round++) {
      if (round > entries.length) throw new Error('terraform kept failing: giving up');
      writeFileSync(join(work, 'outputs.tf'), pending.map((e) => `output "${e.name}" {\n  value = ${e.expr}\n}\n`).join(''));
      const events = terraform(work, ['plan', '-json', '-input=false', '-no-color', '-out=tfplan'])
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      const failed = events.filter((e) => e.type === 'diagnostic' && e.diagnostic.severity === 'error').map((e) => e.diagnostic);
      if (failed.length === 0) break;
      for (const d of failed) {
        // Most errors point into outputs.tf; a value the plan file cannot hold (infinity) names its output.
        const name = d.range?.filename === 'outputs.tf' ? /^output "([^"]+)"$/.exec(d.snippet?.context ?? '')?.[1] : /output value "([^"]+)"/.exec(d.detail ?? '')?.[1];
        if (!name) throw new Error(`an error outside the outputs: ${d.summary}: ${d.detail}`);
        // The first line of the detail: later lines can hold a Go stack trace (addresses differ run to run).
        if (!errors.has(name)) errors.set(name, { summary: d.summary, detail: (d.detail ?? '').split('\n')[0] });
      }
      pending = pending.filter((e) => !errors.has(e.name));
    }
    const plan = JSON.parse(terraform(work, ['show', '-json', 'tfplan']));
    const results = entries.map(({ name, expr }) => {
      const error = errors.get(name);
      if (error) return { name, expr, error };
      const planned = plan.planned_values?.outputs?.[name];
      if (planned && 'type' in planned) return { name, expr, value: planned.value, type: planned.type };
      const change = plan.output_changes?.[name];
      if (!change) throw new Error(`no planned value for ${name}`);
      // Unknown at plan time: `unknown` is true, or a tree marking the unknown leaves of a partly known value.
      return { name, expr, unknown: change.after_unknown, ...(change.after !== undefined && change.after !== null ? { known: change.after } : {}) };
    });
    const version = JSON.parse(terraform(work, ['version', '-json'])).terraform_version;
    return { terraform: version, count: results.length, expressions: results };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const corpus = resolve(flag('--corpus', 'test/fixtures/terraform-golden'));
  const out = resolve(flag('--out', join(corpus, 'golden.json')));
  const golden = record(corpus);
  writeFileSync(out, `${JSON.stringify(golden, null, 1)}\n`);
  const errors = golden.expressions.filter((e) => e.error).length;
  const unknown = golden.expressions.filter((e) => 'unknown' in e).length;
  console.log(`${out}: ${golden.count} expressions (terraform ${golden.terraform}): ${golden.count - errors - unknown} values, ${unknown} unknown at plan time, ${errors} errors`);
}
