/**
 * The vocabulary shared by what the constructs synthesize and what the Terraform JSON reader reads back: the
 * API calls tipkit performs through `terraform_data`, and the local that carries the instance settings.
 */

/**
 * What `input.tipkit` says a terraform_data resource performs (the constructs write these markers), and where
 * its request goes in tipkit.yaml.
 */
export const SYNTHESIZED_CALLS = {
  PutApplicationGrant: { section: 'Grants', members: ['GrantType', 'Grant'] },
  PutApplicationAuthenticationMethod: { section: 'AuthenticationMethods', members: ['AuthenticationMethodType', 'AuthenticationMethod'] },
} as const satisfies Record<string, { section: 'Grants' | 'AuthenticationMethods'; members: readonly string[] }>;
export type SynthesizedCall = keyof typeof SYNTHESIZED_CALLS;

/** The local `tipkit synth` writes so the instance settings survive a round trip. */
export const INSTANCE_LOCAL = 'tipkit_instance';
