/**
 * The AWS query protocol as STS speaks it: a form-encoded POST (`Action=…&Version=2011-06-15&Member=…`, lists as
 * `Name.member.N`, structures as `Name.Member`) in, XML out — `<OpResponse><OpResult>…</OpResult><ResponseMetadata>`
 * for a result, `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>` for an error.
 */
import { stsModel } from '../../simulator/index.js';

export const STS_XML_NAMESPACE = stsModel.metadata.xmlNamespace;
export const STS_API_VERSION = stsModel.metadata.apiVersion;

interface MemberInfo {
  readonly type: string;
  readonly member?: MemberInfo;
  readonly members?: Readonly<Record<string, MemberInfo>>;
}

/** Most list entries a request may carry per list (the model's largest list allows 50). */
const MAX_LIST_ENTRIES = 1000;

/**
 * The operation's input from its form parameters, typed by the model: an integer that does not parse stays a
 * string (the simulator's shape check reports it); parameters the operation does not have are kept by name, so
 * they are reported too. Only `Action` and `Version` are the protocol's own.
 */
export function decodeQueryInput(members: Readonly<Record<string, MemberInfo>>, form: URLSearchParams): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  // Every dotted prefix of every parameter name, so finding a list's entries costs one lookup each.
  const prefixes = new Set<string>();
  for (const key of form.keys()) {
    const parts = key.split('.');
    for (let i = 1; i <= parts.length; i++) prefixes.add(parts.slice(0, i).join('.'));
  }
  const topNames = new Set<string>();
  for (const key of form.keys()) if (key !== 'Action' && key !== 'Version') topNames.add(key.split('.')[0]!);
  for (const name of topNames) {
    const info = members[name];
    if (!info) input[name] = form.get(name) ?? '';
    else {
      const v = decodeValue(info, name, form, prefixes);
      if (v !== undefined) input[name] = v;
    }
  }
  return input;
}

function decodeValue(info: MemberInfo, prefix: string, form: URLSearchParams, prefixes: ReadonlySet<string>): unknown {
  switch (info.type) {
    case 'list': {
      // `Name=` (empty) is how the query protocol sends an empty list.
      if (form.has(prefix) && form.get(prefix) === '') return [];
      const out: unknown[] = [];
      for (let i = 1; i <= MAX_LIST_ENTRIES; i++) {
        const p = `${prefix}.member.${i}`;
        if (!prefixes.has(p)) break;
        out.push(decodeValue(info.member!, p, form, prefixes));
      }
      return out;
    }
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [m, sub] of Object.entries(info.members ?? {})) {
        const v = decodeValue(sub, `${prefix}.${m}`, form, prefixes);
        if (v !== undefined) out[m] = v;
      }
      return out;
    }
    case 'integer':
    case 'long': {
      const raw = form.get(prefix);
      if (raw === null) return undefined;
      return /^-?\d{1,15}$/.test(raw) ? Number(raw) : raw;
    }
    case 'boolean': {
      const raw = form.get(prefix);
      return raw === null ? undefined : raw === 'true' ? true : raw === 'false' ? false : raw;
    }
    default:
      return form.get(prefix) ?? undefined;
  }
}

/** Text content escaped for XML (`&`, `<`, `>`; the documents here have no attribute values from input). */
export const escapeXml = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/** A result value as query-protocol XML: structures as nested elements, lists as `<member>` entries. */
function toXml(value: unknown): string {
  if (Array.isArray(value)) return value.map((v) => `<member>${toXml(v)}</member>`).join('');
  if (typeof value === 'object' && value !== null)
    return Object.entries(value)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join('');
  return escapeXml(String(value));
}

export function resultXml(operation: string, result: Record<string, unknown>, requestId: string): string {
  return (
    `<${operation}Response xmlns="${STS_XML_NAMESPACE}">\n` +
    `  <${operation}Result>${toXml(result)}</${operation}Result>\n` +
    `  <ResponseMetadata>\n    <RequestId>${escapeXml(requestId)}</RequestId>\n  </ResponseMetadata>\n` +
    `</${operation}Response>\n`
  );
}

export function errorXml(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    `<ErrorResponse xmlns="${STS_XML_NAMESPACE}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${escapeXml(requestId)}</RequestId>\n` +
    `</ErrorResponse>\n`
  );
}
