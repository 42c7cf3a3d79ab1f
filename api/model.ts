/**
 * `tipkit/model`, the package entry: the domain (model/) together with the loaders that read files into it
 * (inputs/). The domain itself reads no file, so the public barrel that offers both lives here.
 */
export * from '../model/index.js';
export { parseDocumentFile, parseDocumentText, readSourceFile, DEFAULT_MAX_INPUT_BYTES, type ParsedDocument, loadConfigFile, loadConfigText, loadValidConfigFile, fromRawInput, inputKind, type LoadedConfig, type RawInput, type InputKind } from '../inputs/index.js';
