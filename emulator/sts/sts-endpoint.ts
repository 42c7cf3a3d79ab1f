/**
 * STS on `tipkit serve`'s port (spec §9): AssumeRole (with ProvidedContexts) and GetCallerIdentity in the AWS query
 * protocol, SigV4 with signing name `sts`, answered by the simulator `tipkit simulate` drives. Requests may be signed
 * by a scenario principal or with credentials an earlier AssumeRole issued (an `ASIA…` key with its session token),
 * so GetCallerIdentity with an identity-enhanced session returns its assumed-role ARN. Front-end refusals use the
 * codes STS's query front end writes: MissingAuthenticationToken, IncompleteSignature, InvalidClientTokenId,
 * SignatureDoesNotMatch, ExpiredToken (tip-facts §8 lists the JSON services' equivalents).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { stsErrorStatus, stsModel, type Clock, type Operation, type Principal, type Simulator } from '../../simulator/index.js';
import { parseAuthorization, verifySignature, type SignatureCheck } from '../sigv4.js';
import { INVALID_SECURITY_TOKEN, sessionTokenProblem } from '../session-token.js';
import { STS_API_VERSION, decodeQueryInput, errorXml, resultXml } from './query.js';

export const STS_SIGNING_NAME = stsModel.metadata.signingName;
const XML_CONTENT_TYPE = 'text/xml';

export type { ServiceRequest as StsRequest, ServiceAnswer as StsAnswer } from '../service-call.js';
import type { ServiceRequest as StsRequest, ServiceAnswer as StsAnswer } from '../service-call.js';

/** Whether a request is for STS: a form-encoded POST to `/` (the query protocol; SSO OIDC's routes are JSON). */
export function isStsRequest(method: string, path: string, headers: IncomingHttpHeaders): boolean {
  const contentType = String(headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return method === 'POST' && path === '/' && contentType === 'application/x-www-form-urlencoded';
}

/** A SigV4 refusal as STS's query front end words it. */
function frontEndCode(check: Extract<SignatureCheck, { ok: false }>): { code: string; status: number } {
  switch (check.reason) {
    case 'missing':
      return { code: 'MissingAuthenticationToken', status: 403 };
    case 'malformed':
      return { code: 'IncompleteSignature', status: 400 };
    case 'unknown-key':
      return { code: 'InvalidClientTokenId', status: 403 };
    default:
      return { code: 'SignatureDoesNotMatch', status: 403 };
  }
}

export class StsEndpoint {
  constructor(
    private readonly simulator: Simulator,
    private readonly clock: Clock,
    private readonly region: string | undefined,
  ) {}

  async handle(req: StsRequest, requestId: string): Promise<StsAnswer> {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const action = form.get('Action') ?? '';
    const label = `sts:${action || '-'}`;
    const fail = (status: number, code: string, message: string, detail?: string, type: 'Sender' | 'Receiver' = 'Sender'): StsAnswer => ({
      status,
      headers: { 'content-type': XML_CONTENT_TYPE },
      body: errorXml(type, code, message, requestId),
      operation: label,
      errorType: code,
      detail: detail ?? message,
    });

    // The signature first, before the action is looked at, as AWS's front end does.
    const principals = this.candidatePrincipals(req.headers);
    if ('expired' in principals) return fail(403, 'ExpiredToken', 'The security token included in the request is expired', principals.expired);
    const check = await verifySignature(req, principals.list, { now: this.clock.now(), region: this.region, service: STS_SIGNING_NAME });
    if (!check.ok) {
      const { code, status } = frontEndCode(check);
      return fail(status, code, check.message, `sigv4:${check.reason}`);
    }
    const tokenProblem = sessionTokenProblem(req.headers, check.principal);
    if (tokenProblem) return fail(403, 'InvalidClientTokenId', INVALID_SECURITY_TOKEN, tokenProblem);
    const callerArn = check.principal.arn;

    if (!(action in stsModel.operations)) return { ...fail(400, 'InvalidAction', `Could not find operation ${action || '(none)'} for version ${STS_API_VERSION}`), caller: callerArn };
    if (form.get('Version') !== STS_API_VERSION)
      return { ...fail(400, 'InvalidAction', `Could not find operation ${action} for version ${form.get('Version') ?? '(none)'}`), caller: callerArn };
    const operation = action as keyof typeof stsModel.operations;
    const input = decodeQueryInput(stsModel.operations[operation].input, form);

    const result = await this.simulator.call(operation as Operation, input, { callerArn });
    if (result.outcome === 'success')
      return { status: 200, headers: { 'content-type': XML_CONTENT_TYPE }, body: resultXml(operation, result.response ?? {}, requestId), operation: label, caller: callerArn };
    const error = result.error!;
    const failed = result.trace.find((s) => !s.ok);
    const type = error.error === 'Receiver' ? 'Receiver' : 'Sender';
    return { ...fail(stsErrorStatus(error.type), error.type, error.error_description, failed ? `${failed.check}: ${failed.detail}` : undefined, type), caller: callerArn };
  }

  /**
   * The principals a signature may come from: the scenario's, plus the session an earlier AssumeRole issued for the
   * request's access key (found by key, not by scanning every session) — unless that session has expired.
   */
  private candidatePrincipals(headers: IncomingHttpHeaders): { list: readonly Principal[] } | { expired: string } {
    const key = parseAuthorization(String(headers.authorization ?? ''))?.accessKeyId;
    const session = key ? this.simulator.context.sessions.byAccessKey(key) : undefined;
    if (!session) return { list: this.simulator.principals };
    if (session.expiresAt <= this.clock.now()) return { expired: `session ${session.principal.arn} expired at ${new Date(session.expiresAt).toISOString()}` };
    return { list: [session.principal, ...this.simulator.principals] };
  }
}
