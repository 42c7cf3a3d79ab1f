/**
 * `--format sarif`: SARIF 2.1.0, one run, every rule in tool.driver.rules (with its help from the rule
 * docs), file locations relative to %SRCROOT% (the working directory), suppressed findings as suppressed results.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../types.js';
import { PROJECT_URL } from '../../formats/project.js';
import { ruleDocMarkdown, ruleDocText, ruleHelpUri } from './rule-docs.js';
import type { Formatter } from './types.js';
import { relativeUri, SARIF_SCHEMA_URI, SRCROOT } from '../../formats/sarif.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', note: 'note' };

export const formatSarif: Formatter = (report, context) => {
  const ruleIndex = new Map(context.rules.map((r, i) => [r.meta.id, i]));
  const rules = context.rules.map((r) => ({
    id: r.meta.id,
    shortDescription: { text: r.meta.summary },
    fullDescription: { text: r.meta.docs.why },
    help: { text: ruleDocText(r.meta), markdown: ruleDocMarkdown(r.meta) },
    helpUri: ruleHelpUri(r.meta.id),
    defaultConfiguration: { level: LEVEL[r.meta.severity] },
  }));
  const results = report.findings.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    const artifactLocation = isAbsolute(f.location.file) ? { uri: pathToFileURL(f.location.file).href } : { uri: relativeUri(f.location.file), uriBaseId: SRCROOT };
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: { artifactLocation, region: { startLine: f.location.line, startColumn: f.location.column } },
          logicalLocations: [{ fullyQualifiedName: f.resource }],
        },
      ],
      ...(f.suppression ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppression.reason }] } : {}),
    };
  });
  const cwdUri = pathToFileURL(context.cwd.endsWith('/') ? context.cwd : `${context.cwd}/`).href;
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tipkit', version: context.toolVersion, semanticVersion: context.toolVersion, informationUri: PROJECT_URL, rules } },
        invocations: [{ executionSuccessful: true }],
        originalUriBaseIds: { [SRCROOT]: { uri: cwdUri } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
