/**
 * Module hooks (registered by ts-register.ts) that load `.ts` files by transpiling them with TypeScript's
 * transpileModule: types are removed, nothing is type-checked (run `tsc --noEmit` for that). A relative
 * `./x.js` import that does not exist resolves to `./x.ts`, as under `module: NodeNext`.
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
  const { default: ts } = await import('typescript');
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
