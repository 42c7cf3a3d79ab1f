/**
 * Which Host and Origin values name this server: the loopback names or the bound address, with our port. A
 * foreign Host is DNS rebinding (a page's own name resolving to 127.0.0.1); a foreign Origin is a cross-site call.
 */
export class OwnAddress {
  baseUrl = '';
  /** `host:port` values (lower case) a request's Host may name; anything else is DNS rebinding or a wrong address. */
  private ownHosts = new Set<string>();
  /** Bound to 0.0.0.0 or ::: any IP literal with our port is us (a rebinding attack needs a DNS name). */
  private anyIpHost = false;
  private port = 0;

  listeningOn(host: string, port: number): void {
    const literal = host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase();
    this.baseUrl = `http://${literal}:${port}`;
    this.port = port;
    // A loopback name without a port is accepted too (raw clients send it); a browser always sends the port, and a
    // rebinding page's Host is its own DNS name anyway.
    this.ownHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${literal}:${port}`, '127.0.0.1', 'localhost', '[::1]']);
    this.anyIpHost = host === '0.0.0.0' || host === '::';
  }

  /** Whether a Host header (or an Origin's host) names this server: loopback names or the bound address, our port. */
  isOwnHost(hostHeader: string): boolean {
    const host = hostHeader.toLowerCase();
    if (this.ownHosts.has(host)) return true;
    if (!this.anyIpHost) return false;
    const m = /^(\[[0-9a-f:.]+\]|\d{1,3}(?:\.\d{1,3}){3}):(\d+)$/.exec(host);
    return m !== null && Number(m[2]) === this.port;
  }

  isOwnOrigin(origin: string): boolean {
    try {
      const u = new URL(origin);
      return u.protocol === 'http:' && u.origin === origin && this.isOwnHost(u.port ? u.host : `${u.host}:80`);
    } catch {
      return false; // includes `null` (sandboxed frames, opaque origins)
    }
  }
}
