/** The control-plane tests' clients: the real sso-admin and identity-store SDK clients signing as a scenario principal. */
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../../emulator/sigv4.js';
import type { Principal } from '../../simulator/types.js';

export const CUSTOM_PROVIDER = 'arn:aws:sso::aws:applicationProvider/custom';

const credentialsOf = (p: Principal) => ({ accessKeyId: p.accessKeyId!, secretAccessKey: p.secretAccessKey! });

export function adminClient(url: string, principal: Principal, opts: { maxAttempts?: number } = {}): SSOAdminClient {
  return new SSOAdminClient({ endpoint: url, region: 'us-east-1', maxAttempts: opts.maxAttempts ?? 1, credentials: credentialsOf(principal) });
}

export function identityClient(url: string, principal: Principal): IdentitystoreClient {
  return new IdentitystoreClient({ endpoint: url, region: 'us-east-1', maxAttempts: 1, credentials: credentialsOf(principal) });
}

/** An SDK error's name, message, status and body members, or a failure when the call succeeded. */
export type SdkError = Error & { $metadata: { httpStatusCode?: number }; [member: string]: unknown };

export async function rejection(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p;
  } catch (err) {
    return err as SdkError;
  }
  throw new Error('expected the call to fail');
}

/**
 * A request signed by hand (for what the SDK would never send: a wrong content type, a mistyped member, an
 * unknown target): POST / with the given target and body.
 */
export async function signedCall(
  url: string,
  principal: Principal,
  target: string,
  body: string,
  opts: { contentType?: string; service?: string } = {},
): Promise<{ status: number; errorType: string | null; body: Record<string, unknown> }> {
  const { host } = new URL(url);
  const signer = new SignatureV4({ service: opts.service ?? 'sso', region: 'us-east-1', credentials: credentialsOf(principal), sha256: NodeSha256 });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: host.split(':')[0]!,
      port: Number(host.split(':')[1]),
      path: '/',
      headers: { host, 'content-type': opts.contentType ?? 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    }),
  );
  const res = await fetch(url, { method: 'POST', headers: signed.headers as Record<string, string>, body });
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
}
