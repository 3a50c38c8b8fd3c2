// Text written into LSP snippets (`${1:placeholder}`, `${1|one,two|}`), where some characters are syntax.

/** Text as a snippet shows it literally: outside a placeholder, or as a placeholder's default. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

/** One option of a choice, where `|` and `,` are syntax too. */
export function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}
