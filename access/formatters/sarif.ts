/**
 * `--format sarif` (with --base): SARIF 2.1.0, one run, rule `new-access`, one result per added or widened path
 * at the grant line that opens it (related locations: the access scope of an exchange, the path a refresh extends).
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_URL } from '../../formats/project.js';
import { relativeUri, SARIF_SCHEMA_URI, SRCROOT } from '../../formats/sarif.js';
import type { AccessPath } from '../paths.js';
import type { SourceLocation } from '../../model/types.js';
import { pathSentence, widenedText } from './describe.js';
import { NEW_ACCESS_RULE } from './github.js';
import type { AccessFormatter } from './types.js';

const artifactLocation = (file: string) => (isAbsolute(file) ? { uri: pathToFileURL(file).href } : { uri: relativeUri(file), uriBaseId: SRCROOT });
const region = (at: SourceLocation) => ({ startLine: at.line, startColumn: at.column });

export const formatAccessSarif: AccessFormatter = (report, context) => {
  const level = context.failOnNewAccess ? 'error' : 'warning';
  const result = (p: AccessPath, message: string) => ({
    ruleId: NEW_ACCESS_RULE,
    ruleIndex: 0,
    level,
    message: { text: message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(p.source.file), region: region(p.source) }, logicalLocations: [{ fullyQualifiedName: `applications/${p.to}` }] }],
    ...(p.related.length
      ? { relatedLocations: p.related.map((r, id) => ({ id, message: { text: r.what }, physicalLocation: { artifactLocation: artifactLocation(r.location.file), region: region(r.location) } })) }
      : {}),
    partialFingerprints: { accessPath: [p.grantType, p.extends ?? '', p.from, p.to].join('|') },
  });
  const results = [
    ...(report.diff?.added ?? []).map((p) => result(p, `New access: ${pathSentence(p)}.`)),
    ...(report.diff?.widened ?? []).map((c) => result(c.path, `Wider access: ${pathSentence(c.path)}; ${widenedText(c)}.`)),
  ];
  const why =
    'A change opens a way to obtain an IAM Identity Center token that did not exist before, or lets an existing way ' +
    'reach further (a new audience, caller, scope, redirect URI, exchange chain step or assignment). Review who gains access.';
  const rule = {
    id: NEW_ACCESS_RULE,
    shortDescription: { text: 'a change opens or widens a trusted identity propagation path' },
    fullDescription: { text: why },
    help: { text: `${why} Run tipkit access --base REF to list every change.`, markdown: `${why}\n\nRun \`tipkit access --base REF\` to list every change.` },
    helpUri: `${PROJECT_URL}/blob/main/docs/access.md`,
    defaultConfiguration: { level },
  };
  const cwdUri = pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tipkit', version: context.toolVersion, semanticVersion: context.toolVersion, informationUri: PROJECT_URL, rules: [rule] } },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
