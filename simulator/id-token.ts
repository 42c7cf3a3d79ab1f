/** The idToken: a JWT signed with a per-run simulator key, carrying the claims Identity Center puts in its own (tip-facts §2.3). */
import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { derivedAccount, instanceId } from '../model/arn.js';
import type { TipModel } from '../model/types.js';
import { isoSeconds } from './clock.js';
import type { IssuedToken } from './tokens.js';

/**
 * The idToken's algorithm. Identity Center's own is not documented in the sources used; idTokens here are for
 * reading claims, and ES256 keys are generated in milliseconds where RSA takes up to a second.
 */
export const ID_TOKEN_ALG = 'ES256';

export interface IdTokenClaims extends Record<string, unknown> {
  iss: string;
  sub: string;
  aud: string;
  'sts:identity_context': string;
}

export class IdTokenSigner {
  private keys?: Promise<{ key: CryptoKey; publicJwk: JWK }>;

  /** The per-run key is made on first use. */
  private keyPair(): Promise<{ key: CryptoKey; publicJwk: JWK }> {
    this.keys ??= (async () => {
      const { privateKey, publicKey } = await generateKeyPair(ID_TOKEN_ALG, { extractable: true });
      const kid = `tipkit-sim-${randomBytes(6).toString('hex')}`;
      return { key: privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ID_TOKEN_ALG, use: 'sig' } };
    })();
    return this.keys;
  }

  /** The public JWK that verifies this run's idTokens. */
  async publicJwk(): Promise<JWK> {
    return (await this.keyPair()).publicJwk;
  }

  /** The identity-center issuer URL of the model's instance. */
  static issuer(model: TipModel): string {
    return `https://identitycenter.amazonaws.com/${instanceId(model.instance.instanceArn)}`;
  }

  /**
   * `claims.act`: the trusted token issuer ARN, only for jwt-bearer (AWS's jwt-bearer example has `act`, the
   * others do not); `claims.auditContext`: an `sts:audit_context` beside `sts:identity_context`, as the
   * authorization-code and jwt-bearer examples show and the token-exchange example does not (tip-facts §2.3).
   */
  async sign(model: TipModel, token: IssuedToken, audience: string, claims: { identityContext: string; act?: string; auditContext: boolean }): Promise<string> {
    const identityContext = claims.identityContext;
    const instanceArn = model.instance.instanceArn ?? `arn:aws:sso:::instance/${instanceId(undefined)}`;
    const account = /^arn:[^:]+:sso::(\d{12}):/.exec(audience)?.[1] ?? derivedAccount(instanceArn);
    const storeId = model.instance.identityStoreId ?? 'd-0000000000';
    const payload: Record<string, unknown> = {
      'aws:identity_store_id': storeId,
      'aws:identity_store_arn': `arn:aws:identitystore::${account}:identitystore/${storeId}`,
      'aws:instance_account': account,
      'aws:instance_arn': instanceArn,
      'aws:credential_id': randomBytes(12).toString('base64url'),
      'sts:identity_context': identityContext,
      auth_time: isoSeconds(token.authTime),
    };
    if (claims.auditContext) payload['sts:audit_context'] = randomBytes(48).toString('base64url');
    if (claims.act) payload.act = { sub: claims.act };
    const { key, publicJwk } = await this.keyPair();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: ID_TOKEN_ALG, kid: publicJwk.kid!, typ: 'JWT' })
      .setIssuer(IdTokenSigner.issuer(model))
      .setSubject(token.userId)
      .setAudience(audience)
      .setIssuedAt(Math.floor(token.issuedAt / 1000))
      .setExpirationTime(Math.floor(token.expiresAt / 1000))
      .sign(key);
  }
}
