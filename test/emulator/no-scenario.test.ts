/** `serve --config` without a scenario: public-client flows answer, but no user can sign in and no caller can sign. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTokenWithIAMCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator } from '../../emulator/server.js';
import { InputError } from '../../model/errors.js';
import { oidcClient, pageCookie, writeFixture } from './helpers.js';

describe('serve without a scenario', () => {
  it('registers clients, refuses every CreateTokenWithIAM signer, and shows no users', async () => {
    const fixture = await writeFixture();
    const input = await loadServeInput({ config: fixture.configFile, cwd: fixture.dir });
    expect(input.scenario.principals).toEqual([]);
    const emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0 });
    try {
      const client = oidcClient(emulator.url, { name: 'x', arn: 'arn:aws:iam::111122223333:role/Backend', accessKeyId: 'AKIDBACKEND0000000001', secretAccessKey: 'backend-secret-key-for-tests' });
      expect((await client.send(new RegisterClientCommand({ clientName: 'c', clientType: 'public' }))).clientId).toEqual(expect.any(String));
      await expect(
        client.send(new CreateTokenWithIAMCommand({ clientId: input.model.applications[0]!.arn, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' })),
      ).rejects.toMatchObject({ name: 'UnrecognizedClientException', $metadata: { httpStatusCode: 403 } });
      const page = await (await fetch(`${emulator.url}/device`, { headers: { cookie: await pageCookie(emulator) } })).text();
      expect(page).toContain('has no users');
    } finally {
      await emulator.close();
    }
  });

  it('without --config and no tipkit.yaml in the directory, says what to pass', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tipkit-empty-'));
    await expect(loadServeInput({ cwd: empty })).rejects.toThrow(InputError);
    await expect(loadServeInput({ cwd: empty })).rejects.toThrow(/pass --config FILE or --scenario FILE/);
  });
});
