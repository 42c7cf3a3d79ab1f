/**
 * The context assertion of a CreateTokenWithIAM result (`awsAdditionalDetails.identityContext`, the idToken's
 * `sts:identity_context`): sealed by the simulator with a per-run key, so it is opaque to clients — as AWS's,
 * "signed and encrypted … by AWS STS" (STS API reference, ProvidedContext) — and only this run's STS opens it.
 * It is a compact JWE (`dir`, A256GCM: authenticated encryption), made and opened with jose.
 */
import { randomBytes } from 'node:crypto';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';

/** What an identity-enhanced session learns about the user. */
export interface IdentityContextClaims {
  /** The Identity Center user (the idToken's `sub`). */
  userId: string;
  identityStoreId: string;
  instanceArn: string;
  /** The application the token was issued for. */
  applicationArn: string;
}

export type OpenedContext = { ok: true; claims: IdentityContextClaims; expiresAt: number } | { ok: false; reason: 'expired' | 'invalid'; detail: string };

const ENC = 'A256GCM';
const TYP = 'tipkit-identity-context';

export class IdentityContextSealer {
  private readonly key = randomBytes(32);

  /** A context assertion valid until `expiresAt` (ms), the end of the access token it came with. */
  seal(claims: IdentityContextClaims, issuedAt: number, expiresAt: number): Promise<string> {
    return new EncryptJWT({ ...claims })
      .setProtectedHeader({ alg: 'dir', enc: ENC, typ: TYP })
      .setIssuedAt(Math.floor(issuedAt / 1000))
      .setExpirationTime(Math.floor(expiresAt / 1000))
      .encrypt(this.key);
  }

  /** The claims of an assertion this run sealed, checked against the simulated time `now` (ms). */
  async open(assertion: string, now: number): Promise<OpenedContext> {
    try {
      const { payload, protectedHeader } = await jwtDecrypt(assertion, this.key, {
        currentDate: new Date(now),
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: [ENC],
        typ: TYP,
        requiredClaims: ['exp'],
      });
      const strings = ['userId', 'identityStoreId', 'instanceArn', 'applicationArn'] as const;
      if (protectedHeader.typ !== TYP || !strings.every((k) => typeof payload[k] === 'string')) return { ok: false, reason: 'invalid', detail: 'the assertion does not carry an identity context' };
      const claims = Object.fromEntries(strings.map((k) => [k, payload[k] as string])) as unknown as IdentityContextClaims;
      return { ok: true, claims, expiresAt: payload.exp! * 1000 };
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, reason: 'expired', detail: `the context assertion expired at ${new Date(Number(err.payload.exp) * 1000).toISOString()}` };
      return { ok: false, reason: 'invalid', detail: 'the context assertion was not issued by this Identity Center (it does not decrypt with this run\'s key)' };
    }
  }
}
