/** Hash and UUID functions that are deterministic (uuid() and bcrypt() are not: only Terraform knows them). */
import { createHash } from 'node:crypto';
import { EvalError } from '../types.js';
import { fn, str, type FunctionContext, type TerraformFunction } from './define.js';
import { readFileArgument } from './filesystem.js';

const hash = (algorithm: string, data: Buffer | string, encoding: 'hex' | 'base64'): string => createHash(algorithm).update(data).digest(encoding);

const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

function uuidv5(namespace: string, name: string): string {
  const ns = NAMESPACES[namespace] ?? namespace;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ns)) throw new EvalError(`Call to function "uuidv5" failed: uuidv5() doesn't support namespace ${namespace}.`);
  const bytes = createHash('sha1').update(Buffer.from(ns.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const ofString = (algorithm: string, encoding: 'hex' | 'base64'): TerraformFunction => fn(1, ([s]) => hash(algorithm, str(s, 'str'), encoding));
const ofFile = (algorithm: string, encoding: 'hex' | 'base64'): TerraformFunction =>
  fn(1, ([p], ctx: FunctionContext) => {
    const data = readFileArgument(p!, ctx);
    return typeof data === 'object' && !Buffer.isBuffer(data) ? data : hash(algorithm, data, encoding);
  });

export const CRYPTO_FUNCTIONS: Record<string, TerraformFunction> = {
  md5: ofString('md5', 'hex'),
  sha1: ofString('sha1', 'hex'),
  sha256: ofString('sha256', 'hex'),
  sha512: ofString('sha512', 'hex'),
  base64sha256: ofString('sha256', 'base64'),
  base64sha512: ofString('sha512', 'base64'),
  filemd5: ofFile('md5', 'hex'),
  filesha1: ofFile('sha1', 'hex'),
  filesha256: ofFile('sha256', 'hex'),
  filesha512: ofFile('sha512', 'hex'),
  filebase64sha256: ofFile('sha256', 'base64'),
  filebase64sha512: ofFile('sha512', 'base64'),
  uuidv5: fn(2, ([ns, name]) => uuidv5(str(ns, 'namespace'), str(name, 'name'))),
};
