/**
 * Values for a root module's variables, from where Terraform takes them: terraform.tfvars,
 * terraform.tfvars.json and *.auto.tfvars(.json) in the module's directory (in that order, files in
 * lexical order), then `--var-file FILE` and `--var NAME=VALUE` in the order given; a later value wins.
 * Read, never run: a tfvars file holds only literal values. TF_VAR_* environment variables are not read
 * (a CI job's environment is not the configuration).
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../../model/errors.js';
import { evaluate, evaluateExpression, isKnown, type Value } from './eval/index.js';
import { readSourceFile, type ReadOptions } from '../yaml/parse.js';

/** What `tipkit lint --var-file FILE --var NAME=VALUE` gives, in command-line order. */
export type VariableArgument = { file: string } | { name: string; raw: string };

/** `NAME=VALUE` of `--var`; an InputError naming the flag when it is not that. */
export function parseVarFlag(text: string): { name: string; raw: string } {
  const m = /^([A-Za-z_][A-Za-z0-9_-]*)=([^]*)$/.exec(text);
  if (!m) throw new InputError(`--var ${JSON.stringify(text)}: expected NAME=VALUE`);
  return { name: m[1]!, raw: m[2]! };
}

const AUTO = (name: string): boolean => /\.auto\.tfvars(\.json)?$/.test(name);

/** The tfvars files Terraform loads by itself from a root module directory, in its order. */
export function autoloadedVarFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return [...['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n)), ...names.filter(AUTO).sort()].map((n) => join(dir, n));
}

/** The variables one tfvars file sets (HCL, or JSON when it ends in .json). Bad syntax: an InputError. */
export async function readVarFile(file: string, opts: ReadOptions = {}): Promise<Map<string, Value>> {
  const text = readSourceFile(file, opts);
  let body: Record<string, unknown>;
  if (file.endsWith('.json')) {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      throw new InputError(`not a JSON variables file: ${(err as Error).message}`, { file });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new InputError('expected an object of variable values', { file });
    // JSON values are literal: strings are not templates.
    return new Map(Object.entries(body).map(([k, v]) => [k, literal(v)]));
  }
  const { parse } = await import('@cdktf/hcl2json');
  try {
    body = (await parse(basename(file), text)) as Record<string, unknown>;
  } catch (err) {
    const message = String((err as Error).message ?? err).replace(/^Error:\s*/, '').split('\n')[0];
    throw new InputError(`not a Terraform variables file: ${message}`, { file });
  }
  const out = new Map<string, Value>();
  for (const [name, v] of Object.entries(body)) {
    const value = evaluate(v, {});
    if (!isKnown(value)) throw new InputError(`variable "${name}": a variables file holds only literal values`, { file });
    out.set(name, value);
  }
  return out;
}

function literal(v: unknown): Value {
  if (Array.isArray(v)) return v.map(literal);
  if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literal(x)]));
  return (v ?? null) as Value;
}

/**
 * A root module's given variable values. `typeOf(name)` is the declared type constraint's source: `--var`
 * values of variables typed other than `string` are read as HCL (`--var 'ports=[443]'`), as Terraform does.
 */
export async function rootVariables(dir: string, args: readonly VariableArgument[], typeOf: (name: string) => string | undefined, opts: ReadOptions = {}): Promise<Map<string, Value>> {
  const out = new Map<string, Value>();
  for (const file of autoloadedVarFiles(dir)) for (const [k, v] of await readVarFile(file, opts)) out.set(k, v);
  for (const arg of args) {
    if ('file' in arg) {
      for (const [k, v] of await readVarFile(arg.file, opts)) out.set(k, v);
      continue;
    }
    const type = typeOf(arg.name)?.replace(/^\$\{([^]*)\}$/, '$1').trim();
    if (type === undefined || type === 'string') {
      out.set(arg.name, arg.raw);
      continue;
    }
    const value = evaluateExpression(arg.raw, {});
    if (!isKnown(value)) throw new InputError(`--var ${arg.name}=…: not a literal value of type ${type}`);
    out.set(arg.name, value);
  }
  return out;
}
