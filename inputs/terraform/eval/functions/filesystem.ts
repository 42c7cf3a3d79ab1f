/**
 * File functions, reading only inside the configuration's directory tree (the scope's readFile says what is
 * there; a path outside it, or no readFile at all, leaves the value unknown). abspath() and pathexpand()
 * depend on where Terraform runs: unknown (see index.ts).
 */
import { posix } from 'node:path';
import { EvalError } from '../types.js';
import { makeSet } from '../types.js';
import { Unknown, type Value } from '../values.js';
import { fn, obj, str, type FunctionContext, type TerraformFunction } from './define.js';

/** The bytes of the file a function argument names; an Unknown when tipkit may not read it. */
export function readFileArgument(path: Value, ctx: FunctionContext): Buffer | Unknown {
  const p = str(path, 'path');
  const read = ctx.scope.readFile?.(p);
  if (read === undefined || read === 'outside') return new Unknown('', `\`${p}\` is outside the configuration's directory; tipkit does not read it`);
  if (read === 'missing') throw new EvalError(`Invalid value for "path" parameter: no file exists at ${JSON.stringify(p)}.`);
  return read;
}

function text(data: Buffer): string {
  const s = data.toString('utf8');
  if (!Buffer.from(s, 'utf8').equals(data)) throw new EvalError('Invalid value for "path" parameter: contents are not valid UTF-8; use the filebase64 function to obtain the Base64 encoded contents.');
  return s;
}

/** Go's filepath.Base / filepath.Dir. */
const base = (p: string): string => (p === '' ? '.' : posix.basename(p.replace(/\/+$/, '')) || '/');
const dir = (p: string): string => posix.dirname(p) || '.';

export const FILESYSTEM_FUNCTIONS: Record<string, TerraformFunction> = {
  file: fn(1, ([p], ctx) => {
    const data = readFileArgument(p!, ctx);
    return data instanceof Unknown ? data : text(data);
  }),
  filebase64: fn(1, ([p], ctx) => {
    const data = readFileArgument(p!, ctx);
    return data instanceof Unknown ? data : data.toString('base64');
  }),
  fileexists: fn(1, ([p], ctx) => {
    const read = ctx.scope.readFile?.(str(p, 'path'));
    if (read === undefined || read === 'outside') return new Unknown('');
    return read !== 'missing';
  }),
  fileset: fn(2, ([d, pattern], ctx) => {
    const found = ctx.scope.fileset?.(str(d, 'path'), str(pattern, 'pattern'));
    return found === undefined ? new Unknown('') : makeSet(found, 'string');
  }),
  templatefile: fn(2, ([p, vars], ctx) => {
    const data = readFileArgument(p!, ctx);
    if (data instanceof Unknown) return data;
    return ctx.renderTemplate(text(data), obj(vars, 'vars'));
  }),
  // `~` depends on whose home directory Terraform runs in; any other path is returned as given.
  pathexpand: fn(1, ([p]) => (str(p, 'path').startsWith('~') ? new Unknown('', '`pathexpand()` of `~` is only known when Terraform runs') : str(p, 'path'))),
  basename: fn(1, ([p]) => base(str(p, 'path'))),
  dirname: fn(1, ([p]) => dir(str(p, 'path'))),
};
