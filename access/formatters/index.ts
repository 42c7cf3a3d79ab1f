/** The access formatters by `--format` name. */
import { formatAccessDot } from './dot.js';
import { formatAccessGithub } from './github.js';
import { formatAccessHtml } from './html.js';
import { formatAccessJson } from './json.js';
import { formatAccessMarkdown } from './markdown.js';
import { formatAccessSarif } from './sarif.js';
import { formatAccessText } from './text.js';
import type { AccessFormatter } from './types.js';

export const ACCESS_FORMATS = ['text', 'json', 'markdown', 'dot', 'html', 'github', 'sarif'] as const;
export type AccessFormat = (typeof ACCESS_FORMATS)[number];

/** Formats that report only what changed: without --base they have nothing to say. */
export const DIFF_ONLY_FORMATS: readonly AccessFormat[] = ['github', 'sarif'];

export const ACCESS_FORMATTERS: Record<AccessFormat, AccessFormatter> = {
  text: formatAccessText,
  json: formatAccessJson,
  markdown: formatAccessMarkdown,
  dot: formatAccessDot,
  html: formatAccessHtml,
  github: formatAccessGithub,
  sarif: formatAccessSarif,
};

export type { AccessReport, AccessFormatContext } from './types.js';
