/**
 * Issue 21.15: every default docs/scenario.md and docs/config.md state is the default the code uses. Each line of
 * the two pages that says "default" must be claimed by a check below that reads the value from the page and
 * compares it with the code's constant or behaviour — the numbers are written only in the docs and in the code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build.js';
import { PROP_DEFAULTS } from '../../model/prop-defaults.js';
import { DEFAULT_APPLICATION_PROVIDER_ARN } from '../../model/types.js';
import { parseDuration } from '../../simulator/clock.js';
import { DEFAULT_REGION } from '../../simulator/context.js';
import { loadScenarioText } from '../../simulator/index.js';
import { DEFAULT_JWT_LIFETIME_S } from '../../simulator/scenario-jwt.js';
import { DEFAULT_LIFETIMES, emptyScenario } from '../../simulator/scenario.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const seconds = (text: string): number => {
  const ms = parseDuration(text.replace(/`/g, '').replace(/\s+/g, ''));
  if (ms === undefined) throw new Error(`not a duration: ${text}`);
  return ms / 1000;
};
const codeSpan = (line: string, after: RegExp): string => {
  const m = new RegExp(`${after.source}\\s*\`([^\`]+)\``).exec(line);
  if (!m) throw new Error(`no value after ${after} in: ${line}`);
  return m[1]!;
};
/** A table row's cells (without the outer pipes). */
const cells = (line: string): string[] => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());

type Check = { claims: RegExp; verify: (line: string) => void | Promise<void> };

async function loadScenario(doc: Record<string, unknown>, dir = mkdtempSync(join(tmpdir(), 'tipkit-docs-'))) {
  return loadScenarioText(JSON.stringify({ version: 1, now: '2026-11-23T12:00:00Z', requests: [], ...doc }), join(dir, 'scenario.json'), { model: buildModel({ version: 1, instance: { InstanceArn: INSTANCE } }) });
}

const SCENARIO_CHECKS: Check[] = [
  // The lifetimes table's header; its rows are compared in their own test below.
  { claims: /^\| key \| default \| what \|$/, verify: () => undefined },
  {
    claims: /^\| `rotateRefreshTokens` \|/,
    verify: async (line) => {
      const stated = JSON.parse(codeSpan(line, /default/)) as boolean;
      expect((await loadScenario({})).scenario.rotateRefreshTokens).toBe(stated);
    },
  },
  {
    claims: /^\| `config` \|.*default `tipkit.yaml` beside the scenario file/,
    verify: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'tipkit-docs-'));
      writeFileSync(join(dir, 'tipkit.yaml'), `version: 1\ninstance:\n  InstanceArn: ${INSTANCE}\n`);
      const file = join(dir, 'scenario.yaml');
      writeFileSync(file, 'version: 1\nrequests: []\n');
      const { loadScenarioFile } = await import('../../simulator/index.js');
      expect((await loadScenarioFile(file)).configFile).toBe(join(dir, 'tipkit.yaml'));
    },
  },
  {
    claims: /^\| `name` \|.*Default `request-N` \(1-based\)/,
    verify: async () => {
      const { scenario } = await loadScenario({ requests: [{ operation: 'RegisterClient', input: { clientName: 'c', clientType: 'public' } }] });
      expect(scenario.requests[0]!.name).toBe('request-1');
    },
  },
  {
    claims: /`exp` to now \+ `expiresIn` \(default$/,
    verify: () => undefined, // the value is on the next line, checked below
  },
  { claims: /and `header` override any default/, verify: () => undefined }, // not a default value
];

const CONFIG_CHECKS: Check[] = [
  { claims: /^\| `Region` \|.*\(default `[^`]+`\) \|$/, verify: (line) => expect(codeSpan(line, /\(default/)).toBe(DEFAULT_REGION) },
  {
    claims: /^\| `SessionDuration` \|/,
    verify: (line) => {
      expect(seconds(codeSpan(line, /default/))).toBe(DEFAULT_LIFETIMES.session);
      expect(emptyScenario('x', buildModel({ version: 1, instance: { InstanceArn: INSTANCE } })).lifetimes.session).toBe(DEFAULT_LIFETIMES.session);
    },
  },
  {
    claims: /^\| `ApplicationProviderArn` \|/,
    verify: (line) => {
      const stated = /default/.test(cells(line)[2] ?? '') ? codeSpan(line, /default/) : cells(line)[1]!.replace(/`/g, '');
      expect(stated).toBe(DEFAULT_APPLICATION_PROVIDER_ARN);
      expect(buildModel({ version: 1, instance: { InstanceArn: INSTANCE }, applications: [{ Name: 'a' }] }).applications[0]!.providerArn).toBe(stated);
    },
  },
  {
    claims: /^\| `AssignmentRequired` \|/,
    verify: (line) => {
      const stated = JSON.parse(/default/.test(cells(line)[2] ?? '') ? codeSpan(line, /default/) : cells(line)[1]!.replace(/`/g, '')) as boolean;
      expect(buildModel({ version: 1, instance: { InstanceArn: INSTANCE }, applications: [{ Name: 'a' }] }).applications[0]!.assignmentRequired).toBe(stated);
    },
  },
  {
    claims: /^\| `instance.SessionDuration` \|/,
    verify: (line) => expect(seconds(cells(line)[1]!)).toBe(DEFAULT_LIFETIMES.session),
  },
  {
    claims: /^\| constructs only:/,
    verify: (line) => {
      const stated = cells(line)[1]!.match(/`([^`]+)`/g)!.map((v) => v.replace(/`/g, ''));
      expect(stated).toEqual(Object.values(PROP_DEFAULTS));
    },
  },
  { claims: /\(they default to their only value\)/, verify: () => expect(Object.keys(PROP_DEFAULTS)).toEqual(expect.arrayContaining(['trustedTokenIssuerType', 'jwksRetrievalOption'])) },
  {
    // A role declared without MaxSessionDuration gets the default the page states.
    claims: /^\| `MaxSessionDuration` \|.*IAM's default is (\d+) \|$/,
    verify: (line) => {
      const stated = Number(/default is (\d+)/.exec(line)![1]);
      const model = buildModel({ version: 1, instance: { InstanceArn: INSTANCE }, roles: [{ RoleName: 'R', AssumeRolePolicyDocument: {} }] });
      expect(model.roles[0]!.maxSessionDuration).toBe(stated);
    },
  },
  { claims: /^## Defaults tipkit applies$/, verify: () => undefined },
  { claims: /^\| where \| default \|$/, verify: () => undefined },
];

function defaultLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => /default/i.test(line));
}

describe('docs state the defaults the code uses', () => {
  for (const [file, checks] of [
    ['docs/scenario.md', SCENARIO_CHECKS],
    ['docs/config.md', CONFIG_CHECKS],
  ] as const) {
    it(`${file}: every line that states a default is checked, and holds`, async () => {
      const lines = defaultLines(file);
      expect(lines.length).toBeGreaterThan(3);
      for (const line of lines) {
        const claimed = checks.filter((c) => c.claims.test(line));
        expect(claimed.length, `exactly one check claims: ${line}`).toBe(1);
        await claimed[0]!.verify(line);
      }
    });
  }

  it('docs/scenario.md: the lifetimes table gives every lifetime, each with the default the simulator uses', () => {
    const text = readFileSync('docs/scenario.md', 'utf8');
    const section = text.slice(text.indexOf('## `lifetimes`'), text.indexOf('## `requests[]`'));
    const rows = section.split('\n').filter((l) => /^\| `\w+` \|/.test(l)).map(cells);
    const stated = Object.fromEntries(rows.map(([key, value]) => [key!.replace(/`/g, ''), seconds(value!)]));
    expect(stated).toEqual({ ...DEFAULT_LIFETIMES });
    expect(emptyScenario().lifetimes).toEqual(stated);
  });

  it("docs/scenario.md: a jwt's expiresIn default is the simulator's", () => {
    const text = readFileSync('docs/scenario.md', 'utf8');
    const m = /`expiresIn` \(default\s+(\d+) s/.exec(text);
    expect(m, 'the expiresIn default sentence').not.toBeNull();
    expect(Number(m![1])).toBe(DEFAULT_JWT_LIFETIME_S);
  });
});
