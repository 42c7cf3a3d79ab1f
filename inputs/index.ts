/**
 * inputs/ — the one room that turns files into tipkit's model. Every command reads through this entry point:
 * discovery of a repository's files (discover.ts) and its configurations (configurations.ts), one reader per
 * input kind (yaml/, terraform/ with its expression evaluator, typescript/, cloudformation/, request-bodies/),
 * and the shared step from a reader's RawInput to a checked model (load.ts).
 *
 * May import: model/ only. Imported by: linter/, simulator/, access/, emulator/, constructs/, live/ and cli/,
 * always through this file. Heavy readers (ts-morph, hcl2json) load lazily, so reading YAML never pays for them.
 */
export { readInputs, displayPath, type LoadedInput } from './configurations.js';
// parseVarFlag stays in terraform/tfvars.ts (cli imports it when --var is given): exporting it here would load the
// Terraform evaluator into everything that reads inputs.
export type { VariableArgument } from './terraform/tfvars.js';
export { discoverFiles, SKIPPED_DIRECTORIES, type DiscoveredFile } from './discover.js';
export { fromRawInput, inputKind, loadConfigFile, loadConfigText, loadValidConfigFile } from './load.js';
export type { ForeignKind, InputKind, LoadedConfig, RawInput } from './raw-input.js';
export { DEFAULT_MAX_INPUT_BYTES, parseDocumentFile, parseDocumentText, readSourceFile, type ParsedDocument, type ReadOptions } from './yaml/parse.js';
export { scanJsonPositions } from './yaml/json-positions.js';
