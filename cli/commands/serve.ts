/** `tipkit serve`: run the SSO OIDC emulator on 127.0.0.1 until SIGINT/SIGTERM. */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Command } from '../command.js';
import { commonFlagsHelp, parseCommandArgs, positiveInt, sharedOptions } from '../args.js';
import type { Io } from '../io.js';
import { UsageError } from '../../model/errors.js';

const options = {
  config: sharedOptions.config,
  scenario: { type: 'string', short: 's' },
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'allow-network': { type: 'boolean' },
  'json-log': { type: 'boolean' },
  'max-input-bytes': sharedOptions['max-input-bytes'],
  state: { type: 'string' },
  throttle: { type: 'string' },
} as const;

/** A fixed default, so an app's SDK configuration can name it; `--port 0` picks a free one. */
export const DEFAULT_PORT = 8917;

const usage = `Usage: tipkit serve [--config FILE] [--scenario FILE] [--port N] [--state FILE] [options]

Answers the SSO OIDC API (CreateTokenWithIAM, CreateToken, RegisterClient, StartDeviceAuthorization) on
http://127.0.0.1:PORT for real AWS SDK clients (endpoint: "http://127.0.0.1:PORT"), through the simulator.
The same endpoint is an Identity Center control plane: the sso-admin operations of trusted identity
propagation (applications, grants, authentication methods, access scopes, assignments, trusted token
issuers; SigV4 service \`sso\`) and identity-store reads of the scenario's users and groups (service
\`identitystore\`). Its state starts from the config; the SSO OIDC side decides from the current state.

Options:
  -c, --config FILE     tipkit config (default: the scenario's \`config:\`, else ./tipkit.yaml)
  -s, --scenario FILE   identity-store users, issuer keys and the principals whose SigV4 keys are accepted
  -p, --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free port)
      --host ADDR       address to bind (default 127.0.0.1; anything else exposes token minting to the network)
      --allow-network   let the simulator fetch OpenID discovery and JWKS for issuers without scenario keys
      --json-log        log one JSON object per request (stderr) instead of text
      --max-input-bytes N  largest file read: scenario, config, key files (default 10 MiB)
      --state FILE      keep the control-plane state in FILE (its folder is created): read at start when
                        it exists — then it wins over the config, and serve says so — and rewritten
                        atomically after every change
      --throttle N      answer ThrottlingException beyond N control-plane requests a second per caller
${commonFlagsHelp('not used by serve (it prints its listening line on stdout)', 'no request log')}

Device flow: verificationUriComplete opens http://127.0.0.1:PORT/device?user_code=… (pick a user, Approve).

Admin routes for tests (POST /_tipkit/approve-device, /_tipkit/authorize, /_tipkit/jwt) need
  content-type: application/json  and  authorization: Bearer TOKEN
where TOKEN is printed at start (a new random one each run), or is TIPKIT_ADMIN_TOKEN when that is set.
Every route answers only requests for Host 127.0.0.1:PORT, localhost:PORT or [::1]:PORT (else 421) and
refuses a browser Origin other than its own (403), so web pages cannot drive it.
Stops cleanly on Ctrl-C / SIGTERM (exit 0).`;

export const command: Command = {
  summary: 'an SSO OIDC endpoint on 127.0.0.1 for real AWS SDK clients',
  usage,
  async run(argv: string[], io: Io): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, options, 'serve');
    if (positionals.length) throw new UsageError(`serve: unexpected argument '${positionals[0]}' (did you mean --scenario ${positionals[0]}?)`);
    const port = positiveInt(values.port, '--port') ?? DEFAULT_PORT;
    if (port > 65535) throw new UsageError(`--port must be at most 65535 (got ${port})`);

    const { loadServeInput, isLoopbackHost } = await import('../../emulator/load.js');
    const { startEmulator, ADMIN_TOKEN_PATTERN } = await import('../../emulator/server.js');
    const { streamLogger } = await import('../../emulator/log.js');

    const input = await loadServeInput({
      scenario: values.scenario ? resolve(io.cwd, values.scenario) : undefined,
      config: values.config ? resolve(io.cwd, values.config) : undefined,
      cwd: io.cwd,
      maxInputBytes: positiveInt(values['max-input-bytes'], '--max-input-bytes'),
    });
    const throttle = positiveInt(values.throttle, '--throttle');
    if (throttle === 0) throw new UsageError('--throttle must be at least 1 (requests a second)');
    const host = values.host ?? '127.0.0.1';
    const envToken = process.env.TIPKIT_ADMIN_TOKEN;
    if (envToken !== undefined && !ADMIN_TOKEN_PATTERN.test(envToken)) {
      throw new UsageError('TIPKIT_ADMIN_TOKEN must be visible ASCII characters without spaces (unset it for a random token)');
    }
    if (!isLoopbackHost(host)) io.stderr(`tipkit serve: warning: listening on ${host}; anyone who can reach it can mint tokens for this scenario\n`);

    // A state file in a folder that does not exist yet (`--state .tipkit/state.json` in a fresh checkout) gets
    // its folder, as lint -o does; whether it existed decides which wins, the file or the config.
    const stateFile = values.state ? resolve(io.cwd, values.state) : undefined;
    const stateExisted = stateFile !== undefined && existsSync(stateFile);
    if (stateFile !== undefined && !stateExisted) {
      try {
        mkdirSync(dirname(stateFile), { recursive: true });
      } catch (err) {
        throw new UsageError(`serve: cannot write the state file ${values.state} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }

    let emulator;
    try {
      emulator = await startEmulator({
        model: input.model,
        scenario: input.scenario,
        port,
        host,
        allowNetwork: Boolean(values['allow-network']),
        adminToken: envToken,
        log: values.quiet ? false : streamLogger(io.stderr, values['json-log'] ? 'json' : 'text'),
        controlPlane: {
          stateFile,
          throttle: throttle ? { ratePerSecond: throttle } : undefined,
        },
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (values.state && (code === 'EACCES' || code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') && (err as NodeJS.ErrnoException).path !== undefined) {
        throw new UsageError(`serve: cannot write the state file ${values.state} (${code})`);
      }
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new UsageError(`serve: cannot listen on ${host}:${port} (${code}); choose another --port`);
      }
      throw err;
    }
    io.stdout(`tipkit serve listening on ${emulator.url}\n`);
    // Only a token this run made up is printed: one from the environment is already known, and may be a CI secret.
    io.stdout(envToken === undefined ? `tipkit serve admin token: ${emulator.adminToken}\n` : 'tipkit serve admin token: from TIPKIT_ADMIN_TOKEN\n');
    // The device and sign-in pages need the admin token too (as a cookie this link sets); the same rule for printing it.
    io.stdout(envToken === undefined ? `tipkit serve pages: ${emulator.pagesUrl}\n` : `tipkit serve pages: ${emulator.url}/device?admin_token=$TIPKIT_ADMIN_TOKEN\n`);
    if (!values.quiet) {
      const principals = input.scenario.principals.filter((p) => p.accessKeyId).map((p) => p.name);
      io.stderr(
        `tipkit serve: config ${input.configFile}${input.scenarioFile ? `, scenario ${input.scenarioFile}` : ''}; ` +
          `${input.scenario.identityStore.Users.length} user(s); SigV4 principals: ${principals.length ? principals.join(', ') : 'none'}\n`,
      );
      const state = emulator.controlPlane.snapshot();
      io.stderr(
        `tipkit serve: control plane ${state.instance.InstanceArn}: ${state.applications.length} application(s), ` +
          `${state.trustedTokenIssuers.length} trusted token issuer(s)${stateFile ? `; state file ${stateFile}` : ''}\n`,
      );
    }
    if (stateExisted) {
      // The state file wins over the config: say so even with --quiet, since an edit to the config is then ignored.
      const state = emulator.controlPlane.snapshot();
      const edited = statSync(input.configFile).mtimeMs > statSync(stateFile!).mtimeMs;
      io.stderr(
        `tipkit serve: state loaded from ${values.state}: ${state.applications.length} application(s), ${state.trustedTokenIssuers.length} trusted token issuer(s); ` +
          `${edited ? `${relative(io.cwd, input.configFile) || input.configFile} changed since, and its` : "the config's"} changes are not applied (delete ${values.state} to start from the config)\n`,
      );
    }

    const signal = await new Promise<NodeJS.Signals>((done) => {
      const stop = (sig: NodeJS.Signals) => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        done(sig);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await emulator.close();
    if (!values.quiet) io.stderr(`tipkit serve: ${signal}, stopped\n`);
    return 0;
  },
};
