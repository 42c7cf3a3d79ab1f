/** IP network functions (Terraform's funcs/cidr.go): cidrhost, cidrnetmask, cidrsubnet, cidrsubnets. IPv4 and IPv6. */
import { EvalError } from '../types.js';
import { withType } from '../values.js';
import { fn, int, str, type TerraformFunction } from './define.js';

interface Network {
  address: bigint;
  bits: number;
  prefix: number;
}

function parseAddress(text: string): { address: bigint; bits: number } | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) {
    const parts = text.split('.').map(Number);
    if (parts.some((p) => p > 255)) return undefined;
    return { address: parts.reduce((a, p) => (a << 8n) + BigInt(p), 0n), bits: 32 };
  }
  if (!/^[0-9a-fA-F:]+$/.test(text) || !text.includes(':')) return undefined;
  const [head, tail, ...more] = text.split('::');
  if (more.length) return undefined;
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - h.length - t.length;
  if ((tail === undefined && missing !== 0) || missing < 0) return undefined;
  const groups = [...h, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...t];
  if (groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { address: groups.reduce((a, g) => (a << 16n) + BigInt(parseInt(g, 16)), 0n), bits: 128 };
}

function parseNetwork(text: string): Network {
  const [addr, prefixText, ...rest] = text.split('/');
  const parsed = parseAddress(addr ?? '');
  const prefix = Number(prefixText);
  if (!parsed || rest.length || !/^\d+$/.test(prefixText ?? '') || prefix > parsed.bits) throw new EvalError(`Invalid value for "prefix" parameter: invalid CIDR address: ${text}.`);
  const hostBits = BigInt(parsed.bits - prefix);
  return { address: (parsed.address >> hostBits) << hostBits, bits: parsed.bits, prefix };
}

function formatAddress(address: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((address >> s) & 255n)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => ((address >> BigInt(112 - i * 16)) & 0xffffn).toString(16));
  // The longest run of two or more zero groups becomes `::` (RFC 5952).
  let best = { at: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j;
  }
  if (best.at < 0) return groups.join(':');
  return `${groups.slice(0, best.at).join(':')}::${groups.slice(best.at + best.length).join(':')}`;
}

function subnet(net: Network, newbits: number, netnum: bigint): Network {
  const prefix = net.prefix + newbits;
  if (newbits < 0 || prefix > net.bits) throw new EvalError(`Call to function "cidrsubnet" failed: insufficient address space to extend prefix of ${net.prefix} by ${newbits}.`);
  if (netnum < 0n || netnum >= 1n << BigInt(newbits)) throw new EvalError(`Call to function "cidrsubnet" failed: prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}.`);
  return { address: net.address | (netnum << BigInt(net.bits - prefix)), bits: net.bits, prefix };
}

const cidr = (n: Network): string => `${formatAddress(n.address, n.bits)}/${n.prefix}`;

export const IPNET_FUNCTIONS: Record<string, TerraformFunction> = {
  cidrhost: fn(2, ([p, h]) => {
    const net = parseNetwork(str(p, 'prefix'));
    const size = 1n << BigInt(net.bits - net.prefix);
    const n = BigInt(int(h, 'hostnum'));
    const host = n < 0n ? size + n : n;
    if (host < 0n || host >= size) throw new EvalError(`Call to function "cidrhost" failed: prefix of ${net.prefix} does not accommodate a host numbered ${n}.`);
    return formatAddress(net.address + host, net.bits);
  }),
  cidrnetmask: fn(1, ([p]) => {
    const net = parseNetwork(str(p, 'prefix'));
    if (net.bits !== 32) throw new EvalError('Call to function "cidrnetmask" failed: IPv6 addresses cannot have a netmask.');
    return formatAddress(((1n << 32n) - 1n) ^ ((1n << BigInt(32 - net.prefix)) - 1n), 32);
  }),
  cidrsubnet: fn(3, ([p, b, n]) => cidr(subnet(parseNetwork(str(p, 'prefix')), int(b, 'newbits'), BigInt(int(n, 'netnum'))))),
  cidrsubnets: fn(
    1,
    ([p, ...newbits]) => {
      const net = parseNetwork(str(p, 'prefix'));
      let next = net.address;
      const end = net.address + (1n << BigInt(net.bits - net.prefix));
      const out = newbits.map((b) => {
        const bits = int(b, 'newbits');
        const prefix = net.prefix + bits;
        if (bits < 1 || prefix > net.bits) throw new EvalError(`Call to function "cidrsubnets" failed: would extend prefix to ${prefix} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address.`);
        const size = 1n << BigInt(net.bits - prefix);
        const start = ((next + size - 1n) / size) * size;
        if (start + size > end) throw new EvalError('Call to function "cidrsubnets" failed: not enough remaining address space for a subnet.');
        next = start + size;
        return cidr({ address: start, bits: net.bits, prefix });
      });
      return withType(out, ['list', 'string']);
    },
    { max: Infinity },
  ),
};
