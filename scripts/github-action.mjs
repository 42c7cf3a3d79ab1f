#!/usr/bin/env node
/**
 * The main step of the GitHub Action (action.yml): lint (the chosen format in the log, JSON for the totals,
 * SARIF when asked), the access review against the pull request's base, a job summary with both, the step's
 * outputs — and whether the job must fail, which the action's last step acts on (after the SARIF upload).
 *
 * It reads what GitHub sets (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH) and the
 * INPUT_* variables action.yml passes; TIPKIT_BIN is the tipkit to run. It never fails itself on findings: it
 * writes `failed=<reason>` and exits 0, so the upload still happens. Only a broken environment exits 2.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const env = process.env;
const bin = env.TIPKIT_BIN;
if (!bin) bail('TIPKIT_BIN is not set (the install step sets it)');

const paths = (env.INPUT_PATHS ?? '.').split(/\s+/).filter(Boolean);
const format = oneOf('format', env.INPUT_FORMAT || 'github', ['github', 'text', 'json', 'sarif']);
const failOn = oneOf('fail-on', env.INPUT_FAIL_ON || 'error', ['error', 'warning', 'note', 'never']);
const uploadSarif = flag('upload-sarif', env.INPUT_UPLOAD_SARIF, false);
const sarifFile = env.INPUT_SARIF_FILE || (uploadSarif ? 'tipkit.sarif' : '');
const accessReview = flag('access-review', env.INPUT_ACCESS_REVIEW, true);
const failOnNewAccess = flag('fail-on-new-access', env.INPUT_FAIL_ON_NEW_ACCESS, false);

const work = mkdtempSync(join(tmpdir(), 'tipkit-action-'));
const summary = [];
const outputs = {};
const failures = [];

try {
  // 1. Totals (JSON), then the log in the chosen format, then SARIF.
  const json = tipkit(['lint', ...paths, '--format', 'json', '--output', join(work, 'lint.json')]);
  process.stderr.write(json.stderr);
  if (json.status === 2) {
    failures.push(`tipkit lint could not use its input: ${firstLine(json.stderr)}`);
    summary.push('## tipkit lint', '', `**Unusable input:** ${inline(firstLine(json.stderr))}`, '');
  } else {
    const report = JSON.parse(readFileSync(join(work, 'lint.json'), 'utf8'));
    const { errors, warnings, notes, files, suppressed } = report.summary;
    Object.assign(outputs, { errors, warnings, notes, files });
    const shown = tipkit(['lint', ...paths, '--format', format]);
    process.stdout.write(shown.stdout);
    if (sarifFile) {
      const sarif = tipkit(['lint', ...paths, '--format', 'sarif', '--output', sarifFile]);
      if (sarif.status === 2) failures.push(`tipkit lint --format sarif: ${firstLine(sarif.stderr)}`);
      else outputs['sarif-file'] = resolve(sarifFile);
    }
    const failing = { error: errors, warning: errors + warnings, note: errors + warnings + notes, never: 0 }[failOn];
    if (failing > 0) failures.push(`tipkit lint: ${errors} error(s), ${warnings} warning(s), ${notes} note(s) (fail-on: ${failOn})`);
    summary.push(...lintSummary(report.findings, { errors, warnings, notes, files, suppressed }), '');
  }

  // 2. The access review: trust paths, and what the change adds compared with the base.
  if (accessReview) {
    const base = baseRef();
    const baseArgs = base ? ['--base', base] : [];
    const md = tipkit(['access', ...paths, ...baseArgs, '--format', 'markdown', '--quiet']);
    if (md.status === 2) {
      failures.push(`tipkit access could not use its input: ${firstLine(md.stderr)}`);
      summary.push('## Access review', '', `**Unusable input:** ${inline(firstLine(md.stderr))}`, '');
    } else {
      summary.push(md.stdout.trimEnd(), '');
      if (base) {
        const diff = JSON.parse(tipkit(['access', ...paths, ...baseArgs, '--format', 'json', '--quiet']).stdout);
        const fresh = diff.added.length + diff.widened.length;
        outputs['new-access'] = fresh;
        if (failOnNewAccess && fresh > 0) failures.push(`tipkit access: ${fresh} new or wider access path(s) compared with ${base}`);
      } else if (failOnNewAccess) {
        failures.push('fail-on-new-access needs a base: run on a pull_request event or set the base input');
      }
    }
  }

  if (failures.length) outputs.failed = failures.join('; ');
  writeOutputs(outputs);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `${summary.join('\n')}\n`);
  for (const f of failures) process.stdout.write(`tipkit: ${f}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function tipkit(args) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...env, NO_COLOR: '1' } });
  if (r.error) bail(`cannot run ${bin}: ${r.error.message}`);
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) bail(`tipkit ${args[0]} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** The base of the access review: the input, else a pull request's base commit (fetched when the checkout is shallow). */
function baseRef() {
  const input = env.INPUT_BASE?.trim();
  if (input === 'none') return undefined;
  if (input) return input;
  if (!['pull_request', 'pull_request_target'].includes(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  const sha = event.pull_request?.base?.sha;
  if (typeof sha !== 'string' || !/^[0-9a-f]{40}$/.test(sha)) return undefined;
  if (spawnSync('git', ['cat-file', '-e', `${sha}^{commit}`]).status !== 0) {
    const fetched = spawnSync('git', ['fetch', '--no-tags', '--depth=1', 'origin', sha], { encoding: 'utf8' });
    if (fetched.status !== 0) process.stdout.write(`tipkit: could not fetch the base commit ${sha}: ${firstLine(fetched.stderr)}\n`);
  }
  return sha;
}

/** Totals, then every unsuppressed finding as a table row (at most 100; the annotations and SARIF have all). */
function lintSummary(findings, totals) {
  const { errors, warnings, notes, files, suppressed } = totals;
  const verdict = errors ? '❌' : warnings ? '⚠️' : '✅';
  const out = [
    '## tipkit lint',
    '',
    `${verdict} **${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'}** in ${files} file${files === 1 ? '' : 's'}${suppressed ? ` (${suppressed} suppressed)` : ''}.`,
  ];
  const LIMIT = 100;
  if (findings.length) {
    out.push('', '| severity | rule | where | message |', '|---|---|---|---|');
    for (const f of findings.slice(0, LIMIT)) {
      const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.column}` : '';
      out.push(`| ${f.severity} | \`${f.ruleId}\` | ${where ? `\`${where.replace(/`/g, "'")}\`` : ''} | ${inline(f.message)} |`);
    }
    if (findings.length > LIMIT) out.push('', `…and ${findings.length - LIMIT} more (see the annotations).`);
  }
  return out;
}

/** Text for a Markdown table cell or line: no markup, no line breaks, pipes escaped. */
function inline(s) {
  return String(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
}

function writeOutputs(values) {
  if (!env.GITHUB_OUTPUT) return;
  // Every value is one line (multi-line values would need GitHub's heredoc form).
  const lines = Object.entries(values).map(([k, v]) => `${k}=${String(v).replace(/[\r\n]+/g, ' ')}`);
  appendFileSync(env.GITHUB_OUTPUT, `${lines.join('\n')}\n`);
}

function firstLine(s) {
  return (s ?? '').trim().split('\n')[0] ?? '';
}

function oneOf(input, value, allowed) {
  if (!allowed.includes(value)) bail(`input ${input} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value;
}

function flag(input, value, fallback) {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === 'false') return value === 'true';
  bail(`input ${input} must be 'true' or 'false' (got '${value}')`);
}

function bail(message) {
  process.stdout.write(`::error title=tipkit::${message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exit(2);
}
