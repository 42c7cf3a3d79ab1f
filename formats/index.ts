/**
 * formats/ — what every report tipkit prints shares, whichever room prints it (lint, access, drift): the escaping
 * of GitHub workflow commands, SARIF basics, tipkit's own version and address.
 *
 * May import: model/. Imported by: linter/, access/ and cli/ (any of its files: each is a small vocabulary).
 */
export { escapeData, escapeProperty } from './github-commands.js';
export { relativeUri, SARIF_SCHEMA_URI, SRCROOT } from './sarif.js';
export { PROJECT_URL } from './project.js';
export { toolVersion } from './version.js';
