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

  async sign(model: TipModel, token: IssuedToken, audience: string, identityContext: string): Promise<string> {
    const instanceArn = model.instance.instanceArn ?? `arn:aws:sso:::instance/${instanceId(undefined)}`;
    const account = /^arn:[^:]+:sso::(\d{12}):/.exec(audience)?.[1] ?? derivedAccount(instanceArn);
    const storeId = model.instance.identityStoreId ?? 'd-0000000000';
    const claims: Record<string, unknown> = {
      'aws:identity_store_id': storeId,
      'aws:identity_store_arn': `arn:aws:identitystore::${account}:identitystore/${storeId}`,
      'aws:instance_account': account,
      'aws:instance_arn': instanceArn,
      'aws:credential_id': randomBytes(12).toString('base64url'),
      'sts:identity_context': identityContext,
      auth_time: isoSeconds(token.authTime),
    };
    if (token.actor) claims.act = { sub: token.actor };
    const { key, publicJwk } = await this.keyPair();
    return new SignJWT(claims)
      .setProtectedHeader({ alg: ID_TOKEN_ALG, kid: publicJwk.kid!, typ: 'JWT' })
      .setIssuer(IdTokenSigner.issuer(model))
      .setSubject(token.userId)
      .setAudience(audience)
      .setIssuedAt(Math.floor(token.issuedAt / 1000))
      .setExpirationTime(Math.floor(token.expiresAt / 1000))
      .sign(key);
  }
}
