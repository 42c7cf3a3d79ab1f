/** The device-code flow: RegisterClient → StartDeviceAuthorization → CreateToken polling → ApproveDevice → tokens. */
import { describe, expect, it } from 'vitest';
import { DEVICE_CODE, byName, refusal, runScenario } from './helpers.js';

const register = (input: Record<string, unknown> = {}) => ({
  name: 'reg',
  operation: 'RegisterClient',
  input: { clientName: 'my-cli', clientType: 'public', grantTypes: [DEVICE_CODE, 'refresh_token'], scopes: ['sso:account:access'], entitledApplicationArn: 'cli', ...input },
});
const start = (name = 'dev', input: Record<string, unknown> = {}) => ({
  name,
  operation: 'StartDeviceAuthorization',
  input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', startUrl: 'https://d-9067642ac7.awsapps.com/start', ...input },
});
const poll = (name: string, extra: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateToken',
  input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: DEVICE_CODE, deviceCode: '${dev.deviceCode}', ...input },
  ...extra,
});
const approve = (name: string, user: string, extra: Record<string, unknown> = {}) => ({ name, operation: 'ApproveDevice', input: { userCode: '${dev.userCode}', user }, ...extra });

describe('device code flow', () => {
  it('pending → slow down → approved → tokens (single use) → refresh', async () => {
    const report = await runScenario([
      register(),
      start(),
      poll('pending', { after: '5s' }),
      poll('too-fast', { after: '500ms' }),
      approve('approve', 'alice'),
      poll('tokens', { after: '10s' }),
      poll('reused', { after: '10s' }),
      { name: 'refresh', operation: 'CreateToken', after: '50m', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'refresh_token', refreshToken: '${tokens.refreshToken}' } },
    ]);
    const reg = byName(report, 'reg').response!;
    // The four members of AWS's RegisterClient example (sso-oidc examples-1.json).
    expect(Object.keys(reg).sort()).toEqual(['clientId', 'clientIdIssuedAt', 'clientSecret', 'clientSecretExpiresAt']);
    expect(reg.clientIdIssuedAt).toBe(Date.parse('2026-11-23T12:00:00Z') / 1000);
    const dev = byName(report, 'dev').response!;
    // A real StartDeviceAuthorization response in an AWS CLI debug log (aws/aws-cli issue 5971): "expiresIn":600,"interval":1.
    expect(dev).toMatchObject({ expiresIn: 600, interval: 1, verificationUri: 'https://device.sso.us-east-1.amazonaws.com/' });
    expect(String(dev.userCode)).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
    expect(dev.verificationUriComplete).toBe(`https://device.sso.us-east-1.amazonaws.com/?user_code=${dev.userCode}`);
    expect(refusal(byName(report, 'pending'))).toMatchObject({ error: 'AuthorizationPendingException', check: 'approval' });
    expect(byName(report, 'pending').error!.error).toBe('authorization_pending');
    expect(refusal(byName(report, 'too-fast'))).toMatchObject({ error: 'SlowDownException', check: 'polling' });
    expect(byName(report, 'approve').response).toEqual({ approved: true });
    const tokens = byName(report, 'tokens');
    expect(tokens.outcome).toBe('success');
    expect(Object.keys(tokens.response!).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken', 'tokenType']);
    expect(refusal(byName(report, 'reused'))).toMatchObject({ error: 'InvalidGrantException', check: 'device-code' });
    expect(byName(report, 'refresh').outcome).toBe('success');
  });

  it('answers ExpiredTokenException after expiresIn', async () => {
    const report = await runScenario([register(), start(), approve('late-approve', 'alice', { after: '10m' }), poll('late', { after: '1s' })]);
    expect(refusal(byName(report, 'late-approve'))).toMatchObject({ error: 'ExpiredTokenException', check: 'user-code' });
    expect(refusal(byName(report, 'late'))).toMatchObject({ error: 'ExpiredTokenException', check: 'device-code' });
  });

  it('refuses an unassigned user at approval, and a wrong secret or unknown client', async () => {
    const report = await runScenario([
      register(),
      start(),
      approve('bob', 'bob'),
      start('bad-secret', { clientSecret: 'nope' }),
      start('bad-client', { clientId: 'nope' }),
      poll('poll-bad-secret', {}, { clientSecret: 'nope' }),
    ]);
    expect(refusal(byName(report, 'bob'))).toMatchObject({ error: 'AccessDeniedException', check: 'assignment' });
    expect(refusal(byName(report, 'bad-secret'))).toMatchObject({ error: 'InvalidClientException', check: 'client' });
    expect(byName(report, 'bad-secret').error!.error).toBe('invalid_client');
    expect(refusal(byName(report, 'bad-client'))).toMatchObject({ error: 'InvalidClientException', check: 'client' });
    expect(refusal(byName(report, 'poll-bad-secret'))).toMatchObject({ error: 'InvalidClientException', check: 'client' });
  });

  it('RegisterClient refuses a non-public client, unsupported grant types, a bad redirect URI and scopes outside the entitled app', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ clientType: 'confidential' }, 'InvalidClientMetadataException', 'client-type'],
      [{ grantTypes: ['client_credentials'] }, 'UnsupportedGrantTypeException', 'grant-types'],
      [{ redirectUris: ['not a uri'] }, 'InvalidRedirectUriException', 'redirect-uris'],
      [{ scopes: ['codewhisperer:completions'] }, 'InvalidScopeException', 'scope'],
      [{ entitledApplicationArn: 'no-such-app' }, 'InvalidRequestException', 'entitled-application'],
      [{ clientName: undefined }, 'InvalidRequestException', 'input'],
    ];
    for (const [input, error, check] of cases) {
      const r = byName(await runScenario([register(input)]), 'reg');
      expect(refusal(r), JSON.stringify(input)).toMatchObject({ error, check });
    }
  });

  it('refuses CreateToken grants the client did not register, and jwt-bearer on CreateToken', async () => {
    const report = await runScenario([
      register({ grantTypes: [DEVICE_CODE] }),
      start(),
      { name: 'refresh', operation: 'CreateToken', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'refresh_token', refreshToken: 'x' } },
      { name: 'jwt', operation: 'CreateToken', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' } },
    ]);
    expect(refusal(byName(report, 'refresh'))).toMatchObject({ error: 'UnauthorizedClientException', check: 'grant' });
    expect(refusal(byName(report, 'jwt'))).toMatchObject({ error: 'UnsupportedGrantTypeException', check: 'grant' });
  });
});
