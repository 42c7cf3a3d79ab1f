import { describe, expect, it } from 'vitest';
import { loadConfigFile, loadConfigText, InputError, isApplicationArn, isIssuerArn } from '../../api/model.js';

describe('config loader', () => {
  it('loads the okta example with resolved references and positions', async () => {
    const { model, violations } = await loadConfigFile('examples/okta-tip/tipkit.yaml');
    expect(violations).toEqual([]);
    const app = model.index.applicationByName.get('analytics-portal')!;
    expect(isApplicationArn(app.arn)).toBe(true);
    const ati = app.grants[0]!.authorizedTokenIssuers![0]!;
    expect(ati.resolution).toBe('name');
    expect(ati.issuer?.name).toBe('okta-prod');
    expect(isIssuerArn(ati.issuerArn!)).toBe(true);
    expect(app.accessScopes[0]!.targets[0]!.application?.name).toBe('redshift-app');
    const loc = model.positions.locate([...app.grants[0]!.pointer, 'GrantType']);
    expect(loc).toMatchObject({ file: 'examples/okta-tip/tipkit.yaml', line: 24, column: 20 });
  });

  it('reports schema violations at file:line:col', () => {
    const { model, violations } = loadConfigText('version: 1\ninstance:\n  InstanceArn: nope\n  Bogus: 1\n', 'x.yaml');
    expect(violations.map((v) => v.keyword).sort()).toEqual(['additionalProperties', 'minLength']);
    const unknown = violations.find((v) => v.keyword === 'additionalProperties')!;
    expect(model.positions.locateKey(unknown.pointer)).toMatchObject({ line: 4, column: 3 });
  });

  it('refuses invalid YAML with a position', () => {
    expect(() => loadConfigText('version: 1\ninstance: [\n', 'bad.yaml')).toThrowError(InputError);
    try {
      loadConfigText('a: 1\na: 2\n', 'dup.yaml');
    } catch (e) {
      expect((e as InputError).format()).toMatch(/^dup\.yaml:2:1: invalid YAML/);
    }
  });
});
