/**
 * IAM-style wildcard matching (`*` any run, `?` one character) without regular expressions: linear-time
 * greedy matching with one backtrack point, so a hostile pattern (`*a*a*a…`, 100k characters) cannot
 * blow up a regex engine or hang the linter.
 */
export function wildcardMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  if (caseInsensitive) {
    pattern = pattern.toLowerCase();
    value = value.toLowerCase();
  }
  let p = 0;
  let v = 0;
  let star = -1;
  let resume = 0;
  while (v < value.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === value[v])) {
      p++;
      v++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      resume = v;
    } else if (star !== -1) {
      p = star + 1;
      v = ++resume;
    } else return false;
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}
