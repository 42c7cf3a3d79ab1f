/** tipkit.yaml texts for the CLI tests: clean, one warning, one error. */
const head = `version: 1
instance:
  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d
  IdentityStoreId: d-9067642ac7
applications:
`;

const iamMethod = `    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: { AWS: arn:aws:iam::111122223333:role/Backend }
                  Action: sso-oauth:CreateTokenWithIAM
                  Resource: "*"
`;

const grant = (type: string) => `    Grants:
      - GrantType: ${type}
        Grant: { RefreshToken: {} }
`;

export const CLEAN = `${head}  - Name: portal\n${grant('refresh_token')}    AssignmentRequired: false\n${iamMethod}`;
/** iam-auth-method-missing (warning) at 7:5. */
export const ONE_WARNING = `${head}  - Name: portal\n${grant('refresh_token')}    AssignmentRequired: false\n`;
/** grant-type-unknown (error) at 8:20. */
export const ONE_ERROR = `${head}  - Name: portal\n${grant('password')}    AssignmentRequired: false\n${iamMethod}`;
/** ONE_WARNING, suppressed by a comment. */
export const SUPPRESSED_WARNING = `${head}  # tipkit-ignore iam-auth-method-missing: tokens come from CreateToken\n  - Name: portal\n${grant('refresh_token')}    AssignmentRequired: false\n`;
