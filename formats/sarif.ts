/** What every SARIF 2.1.0 report tipkit writes shares (lint findings, access review): the schema, the source root, file URIs. */

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

/** A relative file name as a URI reference (each segment percent-encoded). */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
