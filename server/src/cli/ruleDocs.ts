// Where each diagnostic code is documented, for reports read away from this machine (SARIF on a
// code-scanning page, JSON in CI logs): docs/rules.md on the project's repository, and the text of
// each rule's section, read from the docs/rules.md shipped beside this program.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { repository } from '../../../package.json';

/** The project's home, from package.json's repository. */
export const REPOSITORY_URL = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The published docs/rules.md: SARIF needs an absolute URL, and a file:// one means nothing on a code-scanning page. */
export const RULES_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/rules.md`;

/** docs/rules.md beside the bundle (server/out/cli.js), as the language server finds it. */
export const RULES_DOC_FILE = path.resolve(__dirname, '..', '..', 'docs', 'rules.md');

export interface RuleDoc {
  /** The code's section in docs/rules.md (every code has one). */
  readonly url: string;
  /** The first sentence of its section. */
  readonly summary: string | undefined;
  /** Its section, as Markdown. */
  readonly markdown: string | undefined;
}

export type RuleDocs = (code: string) => RuleDoc;

/** `### \`code\`` sections of docs/rules.md, by code. */
function sections(markdown: string): Map<string, string> {
  const found = new Map<string, string>();
  const parts = markdown.split(/^(?=#{2,3} )/m);
  for (const part of parts) {
    const heading = /^### `([^`]+)`\s*\n/.exec(part);
    if (heading) found.set(heading[1], part.slice(heading[0].length).trim());
  }
  return found;
}

/** The rule docs; without the docs file (a trimmed install), links only. */
export function loadRuleDocs(file: string = RULES_DOC_FILE): RuleDocs {
  let bySection = new Map<string, string>();
  try {
    bySection = sections(readFileSync(file, 'utf8'));
  } catch {
    // Links alone still say where to read.
  }
  return (code) => {
    const markdown = bySection.get(code);
    const summary = markdown === undefined ? undefined : /^[\s\S]*?\.(?=\s|$)/.exec(markdown)?.[0].replace(/\s+/g, ' ');
    return { url: `${RULES_DOC_URL}#${code.toLowerCase()}`, summary, markdown };
  };
}
