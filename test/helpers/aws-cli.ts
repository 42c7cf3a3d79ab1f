/**
 * Whether the real AWS CLI can be a peer in a test: the machines here have v1 through pyenv, users' may have none or
 * one whose botocore predates the application-grant operations.
 */
import { spawnSync } from 'node:child_process';

/** Why the AWS CLI with `sso-admin put-application-grant` cannot run here, or undefined when it can. */
export function awsCliMissing(): string | undefined {
  const version = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return 'the AWS CLI (`aws`) is not on PATH';
  // --generate-cli-skeleton answers offline; it fails when this CLI's botocore has no sso-admin put-application-grant.
  const skeleton = spawnSync('aws', ['sso-admin', 'put-application-grant', '--generate-cli-skeleton'], { encoding: 'utf8' });
  if (skeleton.status !== 0) return `this AWS CLI (${(version.stdout || version.stderr).trim()}) has no \`aws sso-admin put-application-grant\``;
  return undefined;
}
