/**
 * Module hooks (registered by ts-register.ts) that load `.ts` files by transpiling them with TypeScript's
 * transpileModule: types are removed, nothing is type-checked (run `tsc --noEmit` for that). A relative
 * `./x.js` import that does not exist resolves to `./x.ts`, as under `module: NodeNext`.
 *
 * The compiler is the one ts-morph bundles (a dependency of tipkit, for the static TypeScript reader), not the
 * project's own `typescript`: that one may be any version, or TypeScript 7, whose package has no JavaScript
 * compiler API at all. So the route works with whatever the project installs, and type-checking stays its own.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

type Resolve = (specifier: string, context: unknown) => Promise<{ url: string; format?: string | null }>;
type Load = (url: string, context: unknown) => Promise<{ format: string; source?: string | Uint8Array | null; shortCircuit?: boolean }>;

const isTypeScript = (url: string): boolean => url.startsWith('file:') && /\.(ts|mts)$/.test(url) && !url.includes('/node_modules/');

export async function resolve(specifier: string, context: unknown, next: Resolve): Promise<{ url: string; format?: string | null }> {
  try {
    return await next(specifier, context);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !/^\.{1,2}\/.*\.m?js$/.test(specifier)) throw err;
    return next(specifier.replace(/\.js$/, '.ts').replace(/\.mjs$/, '.mts'), context);
  }
}

export async function load(url: string, context: unknown, next: Load): Promise<{ format: string; source?: string | Uint8Array | null; shortCircuit?: boolean }> {
  if (!isTypeScript(url)) return next(url, context);
  const ts = await transpiler();
  const file = fileURLToPath(url);
  const text = await readFile(file, 'utf8');
  const out = ts.transpileModule(text, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      inlineSourceMap: true,
      inlineSources: true,
      verbatimModuleSyntax: false,
    },
  });
  return { format: 'module', source: out.outputText, shortCircuit: true };
}

/** The subset of the TypeScript compiler API the hooks use. */
export interface Transpiler {
  version: string;
  transpileModule: (text: string, options: { fileName: string; compilerOptions: Record<string, unknown> }) => { outputText: string };
  ModuleKind: { ESNext: number };
  ScriptTarget: { ES2022: number };
}

let loaded: Promise<Transpiler> | undefined;
const transpiler = (): Promise<Transpiler> => (loaded ??= import('ts-morph').then((m) => checkTranspiler(m.ts)));

/** The compiler module as the hooks need it, or one line saying which version it is and what is missing. */
export function checkTranspiler(ts: unknown): Transpiler {
  const t = ts as Partial<Transpiler> | undefined;
  const version = typeof t?.version === 'string' ? t.version : 'unknown';
  const major = Number(version.split('.')[0]);
  if (typeof t?.transpileModule !== 'function' || t.ModuleKind?.ESNext === undefined || t.ScriptTarget?.ES2022 === undefined || !(major >= 5 && major < 7))
    throw new UnsupportedTypeScriptError(`tipkit/ts-register: TypeScript ${version} is not supported: it needs the TypeScript 5.x or 6.x compiler API (transpileModule)`);
  return t as Transpiler;
}

export class UnsupportedTypeScriptError extends Error {
  readonly code = 'UnsupportedTypeScript';
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedTypeScriptError';
  }
}
