/** secret-in-config: a client secret, private key, token or AWS secret key is written in a config or construct. */
// The one decoder by its own entry: the package root would load all of jose into every lint.
import { decodeProtectedHeader } from 'jose/decode/protected_header';
import type { ModelNode, NodePath, TipModel } from '../../model/types.js';
import type { Rule } from '../types.js';
import { isObject } from '../../model/build.js';

/** Keys whose (non-placeholder) string value is a secret, and what to call it. Messages never repeat the value. */
const SECRET_KEYS: readonly [RegExp, string][] = [
  [/^client[_-]?secret$/i, 'a client secret'],
  [/^(aws[_-]?)?secret[_-]?(access[_-]?)?key$/i, 'an AWS secret access key'],
  [/^private[_-]?key$/i, 'a private key'],
  [/^(access|refresh|id|bearer|session)[_-]?token$/i, 'a token'],
  [/^(password|passwd|secret|api[_-]?key)$/i, 'a secret'],
];

/** Values that name a secret instead of holding it. */
const PLACEHOLDER = /^(\$\{.*\}|\{\{resolve:.*\}\}|<[^>]*>|\*+|x{3,}|arn:aws[\w-]*:(secretsmanager|ssm|kms):.*)$/i;

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
const JWT_CANDIDATE = /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g;
const BEARER = /\bBearer\s+[A-Za-z0-9\-._~+/]{16,}=*/i;
const AWS_SECRET_ASSIGNMENT = /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i;
const CLIENT_SECRET_PARAM = /[?&]client_secret=[^&#\s]+/i;
/** RFC 7517/7518: members that only a private (or symmetric) JWK carries. */
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];


export function isPrivateJwk(v: unknown): boolean {
  if (!isObject(v) || typeof v.kty !== 'string') return false;
  return PRIVATE_JWK_MEMBERS.some((m) => typeof v[m] === 'string') || (v.kty === 'oct' && typeof v.k === 'string');
}

function containsJwt(text: string): boolean {
  for (const candidate of text.match(JWT_CANDIDATE) ?? []) {
    try {
      if (typeof decodeProtectedHeader(candidate).alg === 'string') return true;
    } catch {
      // not a JWS whose header decodes: not a token
    }
  }
  return false;
}

/** What kind of secret `text` holds, judged by its content alone. */
export function secretInText(text: string): string | undefined {
  if (PEM_PRIVATE_KEY.test(text)) return 'a private key (PEM block)';
  if (text.includes('eyJ') && containsJwt(text)) return 'a JSON Web Token';
  if (BEARER.test(text)) return 'a bearer token';
  if (AWS_SECRET_ASSIGNMENT.test(text)) return 'an AWS secret access key';
  if (CLIENT_SECRET_PARAM.test(text)) return 'a client secret';
  if (text.includes('"kty"')) {
    try {
      if (isPrivateJwk(JSON.parse(text))) return 'a private JSON Web Key';
    } catch {
      // not JSON
    }
  }
  return undefined;
}

/** What kind of secret the value of `key` is, judged by the key's name. */
export function secretByKey(key: string, value: string): string | undefined {
  if (value.trim() === '' || PLACEHOLDER.test(value.trim())) return undefined;
  return SECRET_KEYS.find(([re]) => re.test(key))?.[1];
}

/** The model node a raw pointer belongs to, and the rest of the pointer below it. */
function ownerOf(model: TipModel, path: NodePath): { node: ModelNode; field: NodePath } {
  const [section, index] = path;
  const owner =
    section === 'applications' && typeof index === 'number'
      ? model.applications[index]
      : section === 'trustedTokenIssuers' && typeof index === 'number'
        ? model.issuers[index]
        : undefined;
  if (owner) return { node: owner, field: path.slice(2) };
  if (section === 'instance') return { node: model.instance, field: path.slice(1) };
  return { node: { pointer: [], resource: '(document)' }, field: path };
}

export const rule: Rule = {
  meta: {
    id: 'secret-in-config',
    severity: 'error',
    summary: 'a client secret, private key or token is written in a config or construct',
    docs: {
      why:
        'A config file and construct code end up in version control, CI logs and Terraform state. None of the ' +
        'sso-admin requests tipkit declares takes a secret, so a client secret, private key (PEM or private JWK), ' +
        'bearer token, JWT or AWS secret access key in one is a leak waiting to happen, and has to be rotated.',
      fix: 'Remove the secret, rotate it, and keep it in a secret store (AWS Secrets Manager, SSM Parameter Store); reference it where it is used at run time.',
      bad: `applications:
  - Name: portal
    Tags:
      - { Key: token, Value: "Bearer aoaAAAAAGZ0aXBraXQtZXhhbXBsZS10b2tlbg" }
`,
      good: `applications:
  - Name: portal
    Description: Portal backend; its secrets live in Secrets Manager
    Tags:
      - { Key: secret-arn, Value: "arn:aws:secretsmanager:us-east-1:111122223333:secret:portal" }
`,
      reference: 'https://docs.aws.amazon.com/secretsmanager/latest/userguide/intro.html',
    },
  },
  check({ model, report }) {
    const at = (path: NodePath, kind: string): void => {
      const { node, field } = ownerOf(model, path);
      const where = path.length ? path.join('/') : 'the document';
      report({ node, field, message: `${kind} is written in the config at ${where}; remove it, rotate it, and keep it in a secret store` });
    };
    // Iterative walk: linear in the document, no recursion limit.
    const stack: { value: unknown; path: NodePath; key?: string }[] = [{ value: model.raw, path: [] }];
    while (stack.length > 0) {
      const { value, path, key } = stack.pop()!;
      if (typeof value === 'string') {
        const kind = (key !== undefined ? secretByKey(key, value) : undefined) ?? secretInText(value);
        if (kind) at(path, kind);
      } else if (Array.isArray(value)) {
        value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      } else if (isObject(value)) {
        if (isPrivateJwk(value)) {
          at(path, 'a private JSON Web Key');
          continue;
        }
        // A `{ Key: client_secret, Value: … }` tag names its secret in a sibling.
        const tagKey = typeof value.Key === 'string' && typeof value.Value === 'string' ? value.Key : undefined;
        for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k], key: k === 'Value' && tagKey !== undefined ? tagKey : k });
      }
    }
  },
};
