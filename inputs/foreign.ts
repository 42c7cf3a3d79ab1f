/**
 * JSON and YAML files that are not tipkit configs but hold Identity Center settings tipkit can check: an
 * sso-admin request body (`--cli-input-json`, request-bodies/) or a CloudFormation template (cloudformation/).
 * Anything else is not a tipkit input: recognizeForeign() answers undefined and the caller says so.
 */
import { isObject } from '../model/build.js';
import { PositionIndex } from '../model/positions.js';
import { isCloudFormationTemplate, templateToRaw } from './cloudformation/template.js';
import type { ForeignKind, RawInput } from './raw-input.js';
import { requestShapeOf, requestToRaw } from './request-bodies/request-body.js';

/** What a parsed document is, when it is one of the inputs this module reads. */
export function recognizeForeign(value: unknown): { kind: ForeignKind; what: string } | undefined {
  if (!isObject(value)) return undefined;
  const request = requestShapeOf(value);
  if (request) return { kind: 'request', what: `an sso-admin ${request.operation} request` };
  if (isCloudFormationTemplate(value)) return { kind: 'cloudformation', what: 'a CloudFormation template' };
  return undefined;
}

/** A one-line guess at what a named file that is no tipkit input is, for the message that says so. */
export function describeForeign(value: unknown): string {
  if (!isObject(value)) return Array.isArray(value) ? 'a list' : 'not a mapping';
  if (isObject(value.Resources) || 'AWSTemplateFormatVersion' in value) return 'a CloudFormation template without AWS::SSO resources';
  if (Object.keys(value).length > 0 && Object.keys(value).every((k) => /^[A-Z]/.test(k))) return 'an AWS request body tipkit does not check';
  return 'no tipkit config (it has no `version` with `instance`, `applications` or `trustedTokenIssuers`)';
}

/** The request or template as a tipkit config (RawConfig, positions re-rooted, holes for what it does not say). */
export function foreignToRaw(value: unknown, docPositions: PositionIndex, file: string): RawInput {
  const positions = new PositionIndex(file);
  for (const [f, text] of docPositions.texts) positions.texts.set(f, text);
  if (!isObject(value)) return { raw: { version: 1 }, positions };
  const request = requestShapeOf(value);
  return request ? requestToRaw(request, value, docPositions, positions) : templateToRaw(value, docPositions, positions);
}
