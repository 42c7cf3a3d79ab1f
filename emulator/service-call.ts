/** What serve's signed AWS services (the sso-admin control plane, STS) take and answer; server.ts carries both alike. */
import type { IncomingHttpHeaders } from 'node:http';

/** A request as received: what the signature covers. */
export interface ServiceRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface ServiceAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** `sso-admin:PutApplicationGrant`, `sts:AssumeRole`: for the request log. */
  operation: string;
  caller?: string;
  errorType?: string;
  detail?: string;
}

export interface SignedService {
  handle(req: ServiceRequest, requestId: string): Promise<ServiceAnswer>;
}
