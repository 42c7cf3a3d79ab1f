/**
 * The device verification page in headless Chromium: without the pages link the page is refused; open the link serve
 * prints (it sets the cookie), then verificationUriComplete, pick a user, approve, get the token.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationArn, oidcClient, startFromFixture, writeFixture, type Started } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`browser test skipped: ${CHROMIUM} is absent (apt-get install chromium)`);

let started: Started;
let browser: BrowserContext | undefined;
let profileDir: string;

beforeAll(async () => {
  if (!hasChromium) return;
  started = await startFromFixture(await writeFixture());
  profileDir = mkdtempSync(join(tmpdir(), 'tipkit-chromium-'));
  // A fresh profile per run (playwright takes the user-data-dir here rather than as an argument).
  browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await started?.emulator.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
});

describe('device verification page', () => {
  it.skipIf(!hasChromium)('a user approves the code in the browser, then CreateToken succeeds', async () => {
    const client = oidcClient(started.emulator.url);
    const reg = await client.send(
      new RegisterClientCommand({
        clientName: 'data-cli',
        clientType: 'public',
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code'],
        scopes: ['sso:account:access'],
        entitledApplicationArn: applicationArn(started.model, 'data-cli'),
      }),
    );
    const device = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' }),
    );

    const page = await browser!.newPage();
    const refused = await page.goto(device.verificationUriComplete!);
    expect(refused!.status()).toBe(401);
    expect(await page.textContent('[role=alert]')).toContain('open the link tipkit serve printed at start');
    await page.goto(started.emulator.pagesUrl);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    await page.goto(device.verificationUriComplete!);
    expect(await page.inputValue('#user_code')).toBe(device.userCode);
    await page.selectOption('#user', 'alice');
    await page.click('#approve');
    const status = await page.waitForSelector('[role=status]');
    expect(await status.textContent()).toContain('approved for alice');
    await page.close();

    const token = await client.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: 'urn:ietf:params:oauth:grant-type:device_code',
        deviceCode: device.deviceCode,
      }),
    );
    expect(token.accessToken).toEqual(expect.any(String));
  });
});
