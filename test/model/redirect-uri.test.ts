/** The one loopback definition and redirect-URI matcher (lint, RegisterClient, Authorize, CreateToken, serve --host). */
import { describe, expect, it } from 'vitest';
import { isLoopbackHost, isLoopbackIp, redirectUriMatches } from '../../model/redirect-uri.js';

describe('loopback hosts', () => {
  it('127.0.0.0/8 and ::1 (bare or bracketed) are loopback IPs; localhost is loopback but not an IP literal', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]']) expect(isLoopbackIp(h), h).toBe(true);
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1.example.com', '0.0.0.0', '::', 'example.com']) expect(isLoopbackIp(h), h).toBe(false);
    for (const h of ['localhost', 'LocalHost', '127.0.0.1', '[::1]']) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ['localhost.example.com', '10.0.0.1']) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe('redirectUriMatches', () => {
  // RFC 8252 §7.3: any port for loopback IP redirect URIs; RFC 6749 §3.1.2.3: otherwise simple string comparison.
  it('ignores the port only for http loopback IP literals', () => {
    expect(redirectUriMatches('http://127.0.0.1/oauth/callback', 'http://127.0.0.1:4321/oauth/callback')).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1:8080/cb', 'http://127.0.0.1:9090/cb')).toBe(true);
    expect(redirectUriMatches('http://[::1]/cb', 'http://[::1]:4321/cb')).toBe(true);
    expect(redirectUriMatches('http://localhost/cb', 'http://localhost:4321/cb')).toBe(false);
    expect(redirectUriMatches('https://127.0.0.1/cb', 'https://127.0.0.1:4321/cb')).toBe(false);
    expect(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.1:4321/cb?x=1')).toBe(false);
    expect(redirectUriMatches('https://app.example.com/cb', 'https://app.example.com:443/cb')).toBe(false);
    expect(redirectUriMatches('https://app.example.com/cb', 'https://app.example.com/cb')).toBe(true);
  });
});
