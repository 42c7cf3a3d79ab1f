/** TrustedTokenIssuer: an external OIDC IdP whose JWTs Identity Center accepts (aws_ssoadmin_trusted_token_issuer). */
import { Construct } from 'constructs';
import { SsoadminTrustedTokenIssuer } from './cdk.js';
import { tagMap } from './application.js';
import { attachRecord, TIPKIT_RECORD, writeSuppressions, type TipkitRecord } from './metadata.js';
import { PROP_DEFAULTS, type TrustedTokenIssuerProps } from './props.js';

export class TrustedTokenIssuer extends Construct {
  declare readonly [TIPKIT_RECORD]: TipkitRecord;
  /** The issuer's ARN (a Terraform reference). */
  readonly trustedTokenIssuerArn: string;
  readonly issuerName: string;
  readonly resource: SsoadminTrustedTokenIssuer;

  constructor(scope: Construct, id: string, props: TrustedTokenIssuerProps) {
    super(scope, id);
    attachRecord(this, 'trustedTokenIssuer', props);
    const oidc = props.trustedTokenIssuerConfiguration.oidcJwtConfiguration;
    this.resource = new SsoadminTrustedTokenIssuer(this, 'Default', {
      instanceArn: props.instanceArn,
      name: props.name,
      trustedTokenIssuerType: props.trustedTokenIssuerType ?? PROP_DEFAULTS.trustedTokenIssuerType,
      trustedTokenIssuerConfiguration: [
        {
          oidcJwtConfiguration: [
            {
              issuerUrl: oidc.issuerUrl,
              claimAttributePath: oidc.claimAttributePath,
              identityStoreAttributePath: oidc.identityStoreAttributePath,
              jwksRetrievalOption: oidc.jwksRetrievalOption ?? PROP_DEFAULTS.jwksRetrievalOption,
            },
          ],
        },
      ],
      tags: tagMap(props.tags),
    });
    writeSuppressions(this.resource, props.suppressions);
    this.trustedTokenIssuerArn = this.resource.arn;
    this.issuerName = props.name;
  }
}
