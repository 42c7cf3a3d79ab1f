/**
 * What file(), templatefile(), fileset() and the file hashes may read: regular files inside the
 * configuration's directory tree (symlinks resolved first), at most MAX_FILE_BYTES each. Anything else is
 * 'outside' (the value stays unknown) or 'missing' (Terraform's own error).
 */
import { closeSync, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;

const inside = (root: string, path: string): boolean => {
  const r = relative(root, path);
  return r === '' || (!r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r));
};

/** A reader confined to `root`; relative paths are taken from `cwd` (where Terraform would run). */
export function confinedFiles(root: string, cwd: string): { readFile(path: string): Buffer | 'missing' | 'outside'; fileset(dir: string, pattern: string): string[] | undefined } {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = resolve(root);
  }
  const locate = (path: string): string | 'missing' | 'outside' => {
    const full = resolve(cwd, path);
    if (!inside(resolve(root), full)) return 'outside';
    let real: string;
    try {
      real = realpathSync(full);
    } catch {
      return 'missing';
    }
    return inside(realRoot, real) ? real : 'outside';
  };
  return {
    readFile(path) {
      const real = locate(path);
      if (real === 'missing' || real === 'outside') return real;
      let fd: number;
      try {
        fd = openSync(real, 'r');
      } catch {
        return 'missing';
      }
      try {
        const st = fstatSync(fd);
        if (!st.isFile() || st.size > MAX_FILE_BYTES) return 'outside'; // a FIFO, a device, a huge file: not read
        const buffer = Buffer.alloc(Math.min(st.size, MAX_FILE_BYTES) + 1);
        let length = 0;
        for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
        return length > MAX_FILE_BYTES ? 'outside' : buffer.subarray(0, length);
      } finally {
        closeSync(fd);
      }
    },
    fileset(dir, pattern) {
      const real = locate(dir);
      if (real === 'outside') return undefined;
      if (real === 'missing') return [];
      const matcher = globToRegExp(pattern);
      const out: string[] = [];
      const walk = (at: string, prefix: string, depth: number): void => {
        if (depth > 32 || out.length > 10_000) return;
        for (const entry of readdirSync(at, { withFileTypes: true })) {
          const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
          const full = join(at, entry.name);
          if (entry.isDirectory()) walk(full, rel, depth + 1);
          else if (entry.isFile() && matcher.test(rel)) out.push(rel);
          else if (entry.isSymbolicLink()) {
            try {
              if (inside(realRoot, realpathSync(full)) && statSync(full).isFile() && matcher.test(rel)) out.push(rel);
            } catch {
              // a dangling link: not a file
            }
          }
        }
      };
      try {
        walk(real, '', 0);
      } catch {
        return undefined;
      }
      return out.sort();
    },
  };
}

/** fileset()'s patterns (doublestar): `*`, `**`, `?`, `{a,b}`, `[abc]`. */
export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      out += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${pattern.slice(i + 1, end).split(',').map((p) => p.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*/g, '[^/]*')).join('|')})`;
        i = end;
      }
    } else if (c === '[') {
      const end = pattern.indexOf(']', i);
      if (end < 0) out += '\\[';
      else {
        out += `[${pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else out += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
