/** The idToken: a JWT signed with a per-run simulator key, carrying the claims Identity Center puts in its own (tip-facts §2.3). */
import { randomBytes } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { derivedAccount, instanceId } from '../model/arn.js';
import type { TipModel } from '../model/types.js';
import { isoSeconds } from './clock.js';
import type { IssuedToken } from './tokens.js';

export interface IdTokenClaims extends Record<string, unknown> {
  iss: string;
  sub: string;
  aud: string;
  'sts:identity_context': string;
}

export class IdTokenSigner {
  private constructor(
    private readonly key: CryptoKey,
    readonly publicJwk: JWK,
  ) {}

  static async create(): Promise<IdTokenSigner> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `tipkit-sim-${randomBytes(6).toString('hex')}`;
    return new IdTokenSigner(privateKey, { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' });
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
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: this.publicJwk.kid!, typ: 'JWT' })
      .setIssuer(IdTokenSigner.issuer(model))
      .setSubject(token.userId)
      .setAudience(audience)
      .setIssuedAt(Math.floor(token.issuedAt / 1000))
      .setExpirationTime(Math.floor(token.expiresAt / 1000))
      .sign(this.key);
  }
}
