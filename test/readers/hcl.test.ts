import { describe, expect, it } from 'vitest';
import { canonicalConfig } from '../../model/canonical.js';
import { fromRawInput, loadConfigFile } from '../../inputs/load.js';
import { readHclFiles } from '../../inputs/terraform/hcl.js';
import { locateIn, scanHcl } from '../../inputs/terraform/hcl-positions.js';

const fx = (name: string) => `test/fixtures/hcl/${name}`;

describe('HCL reader', () => {
  it('reads the okta-tip resources as the same setup as examples/okta-tip/tipkit.yaml', async () => {
    const input = await readHclFiles([fx('okta-tip/main.tf')]);
    expect(input.notes).toEqual([]);
    const loaded = fromRawInput('hcl', input);
    expect(loaded.violations).toEqual([]);
    const expected = canonicalConfig((await loadConfigFile('examples/okta-tip/tipkit.yaml')).model);
    // Terraform has no Region on the instance and no resource for authentication methods (tip-facts §5.9).
    delete (expected.instance as Record<string, unknown>).Region;
    for (const app of expected.applications!) app.AuthenticationMethods = [];
    expect(canonicalConfig(loaded.model)).toEqual(expected);
  });

  it('resolves references to declared resources (and identitystore lookups) to their Names', async () => {
    const { model } = fromRawInput('hcl', await readHclFiles([fx('okta-tip/main.tf')]));
    const portal = model.index.applicationByName.get('analytics-portal')!;
    expect(portal.grants[0]!.authorizedTokenIssuers![0]).toMatchObject({ ref: 'okta-prod', resolution: 'name' });
    expect(portal.accessScopes[0]!.targets[0]).toMatchObject({ ref: 'redshift-app', resolution: 'name' });
    expect(portal.assignments[0]).toMatchObject({ principalType: 'GROUP', principalId: 'analysts' });
    expect(model.instance).toMatchObject({ instanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', identityStoreId: 'd-9067642ac7' });
    expect(model.index.applicationByName.get('redshift-app')!.assignmentRequired).toBe(false);
  });

  it('points values at their place in the .tf source', async () => {
    const input = await readHclFiles([fx('web-app.tf')]);
    const uris = ['applications', 0, 'Grants', 0, 'Grant', 'AuthorizationCode', 'RedirectUris'];
    // "http://127.0.0.1:8080/oauth/callback" is line 25, column 9 (after a line that ends in a comment).
    expect(input.positions.locate([...uris, 1])).toEqual({ file: fx('web-app.tf'), line: 25, column: 9 });
    expect(input.positions.locate([...uris, 0])).toMatchObject({ line: 24, column: 9 });
    expect(input.positions.locateKey(['applications', 0, 'PortalOptions', 'Visibility'])).toMatchObject({ line: 9, column: 5 });
    expect(input.positions.locate(['applications', 0, 'PortalOptions', 'SignInOptions', 'ApplicationUrl'])).toMatchObject({ line: 12, column: 25 });
    expect(input.positions.locate(['applications', 0, 'Grants', 0])).toMatchObject({ line: 17, column: 1 });
    expect(input.positions.texts.get(fx('web-app.tf'))).toContain('# production');
  });

  it('reads resources spread over several files as one config', async () => {
    const input = await readHclFiles([fx('split/apps.tf'), fx('split/issuers.tf')]);
    expect(input.notes).toEqual([]);
    const { model } = fromRawInput('hcl', input);
    expect(model.applications[0]!.grants[0]!.authorizedTokenIssuers![0]!.issuer?.name).toBe('okta-prod');
    expect(input.positions.locate(['trustedTokenIssuers', 0, 'TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IssuerUrl'])).toEqual({
      file: fx('split/issuers.tf'),
      line: 7,
      column: 39,
    });
  });

  it('skips what only Terraform knows (variables, data lookups, dynamic blocks over variables) with a note, and reads the rest', async () => {
    const input = await readHclFiles([fx('misc/dynamic.tf')]);
    const notes = input.notes!.map((n) => `${n.line}:${n.column} ${n.message}`);
    expect(notes.sort()).toEqual(
      [
        '14:39 skipped aws_ssoadmin_trusted_token_issuer.idp.trusted_token_issuer_configuration.oidc_jwt_configuration.issuer_url: `${var.issuer_url}` is only known when Terraform runs',
        '45:46 skipped aws_ssoadmin_application_grant.one_jwt.grant.jwt_bearer.authorized_token_issuers[0].authorized_audiences[1]: `${var.issuer_url}` is only known when Terraform runs',
        '62:9 skipped aws_ssoadmin_application_grant.one_dynamic: its `dynamic "authorized_token_issuers"` block is expanded only when Terraform runs (`${var.issuer_arns}` is only known when Terraform runs)',
        '52:21 application of aws_ssoadmin_application_grant.elsewhere not known: application_arn: it does not reference an aws_ssoadmin_application declared in these files; its own values are checked',
        '9:31 skipped aws_ssoadmin_trusted_token_issuer.idp.instance_arn: `${tolist(data.aws_ssoadmin_instances.this.arns)[0]}` is only known when Terraform runs',
      ].sort(),
    );
    // for_each over a literal set is expanded: one application per element.
    // The last is the stand-in for the application `elsewhere` names by an undeclared ARN (unknown as a whole).
    expect(input.raw.applications!.map((a) => a.Name)).toEqual(['app-a', 'app-b', 'one', undefined]);
    expect(input.holes).toContainEqual(['applications', 3]);
    const one = input.raw.applications![2]!;
    expect(one.Description).toBe('A heredoc } with "quotes" and interpolation inside\n');
    expect(one.Grants).toEqual([
      {
        GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'idp', AuthorizedAudiences: ['fixed'] }] } },
      },
    ]);
    // The grant after the heredoc is still located right.
    expect(input.positions.locate(['applications', 2, 'Grants', 0, 'GrantType'])).toMatchObject({ line: 40, column: 21 });
  });

  it('skips a file with syntax errors with a note (no exception), and reads the others', async () => {
    const input = await readHclFiles([fx('misc/broken.tf'), fx('web-app.tf')]);
    expect(input.notes).toEqual([
      { message: expect.stringMatching(/^skipped test\/fixtures\/hcl\/misc\/broken\.tf: HCL syntax error: Invalid expression/), file: fx('misc/broken.tf'), line: 3, column: 16 },
    ]);
    expect(input.raw.applications!.map((a) => a.Name)).toEqual(['team-wiki']);
  });

  it('is what loadConfigFile uses for .tf files', async () => {
    const loaded = await loadConfigFile(fx('web-app.tf'));
    expect(loaded.kind).toBe('hcl');
    expect(loaded.model.applications[0]!.grants[0]!.redirectUris).toHaveLength(2);
  });
});

describe('HCL position scanner', () => {
  const text = [
    '/* a block comment with resource "x" "y" { */',
    'resource "t" "n" { # trailing comment with { brace',
    '  a = "x}${"}"}y" // comment',
    '  b = [1, [2, 3], { k = "v", "q" : 4 }]',
    '  c = <<EOT',
    'x = not an attribute {',
    'EOT',
    '  d = f(1,',
    '        2)',
    '  inner "label" {',
    '    e = { nested = ["deep"] }',
    '  }',
    '  inner {',
    '    e = 2',
    '  }',
    '}',
  ].join('\n');
  const outline = scanHcl(text, 'x.tf');

  it('finds blocks and attributes, stepping over comments, strings, templates and heredocs', () => {
    expect(outline.blocks.map((b) => [b.type, b.labels, b.loc.line])).toEqual([['resource', ['t', 'n'], 2]]);
    const body = outline.blocks[0]!.body;
    expect([...body.attributes.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(body.blocks.map((b) => [b.type, b.labels, b.loc.line])).toEqual([
      ['inner', ['label'], 10],
      ['inner', [], 13],
    ]);
  });

  it('locates tuple elements, object members and nested blocks by hcl2json path', () => {
    const body = outline.blocks[0]!.body;
    expect(locateIn(body, ['b', 1])).toMatchObject({ value: { line: 4, column: 11 } });
    expect(locateIn(body, ['b', 1, 0])).toEqual({ key: { file: 'x.tf', line: 4, column: 12 }, value: { file: 'x.tf', line: 4, column: 12 } });
    expect(locateIn(body, ['b', 2, 'q'])).toMatchObject({ key: { line: 4, column: 30 }, value: { line: 4, column: 36 } });
    expect(locateIn(body, ['inner', 0, 'e', 'nested', 0])).toMatchObject({ value: { line: 11, column: 21 } });
    expect(locateIn(body, ['inner', 1, 'e'])).toMatchObject({ key: { line: 14, column: 5 }, value: { line: 14, column: 9 } });
    expect(locateIn(body, ['d'])).toMatchObject({ value: { line: 8, column: 7 } });
    expect(locateIn(body, ['missing'])).toBeUndefined();
  });
});
