// The status bar item's wording, apart from the editor API so that it can be tested on its own.

/**
 * A readout's problems by severity: those the Problems panel lists. Hints are left out, as in
 * VS Code's own problems item: the panel does not list them, only the editor shows them.
 */
export interface ProblemCounts {
  readonly error: number;
  readonly warning: number;
  readonly information: number;
}

export interface StatusText {
  /** `Readout $(error) 2 $(warning) 1`: each severity it has, in the order of VS Code's own problems item. */
  readonly text: string;
  /** A sentence: what the readout has, and what a click does. */
  readonly tooltip: string;
  /** For screen readers, which do not read the icons. */
  readonly label: string;
}

const KINDS = [
  { key: 'error', icon: '$(error)', word: 'error' },
  { key: 'warning', icon: '$(warning)', word: 'warning' },
  // "info", as the command line's summary says.
  { key: 'information', icon: '$(info)', word: 'info' },
] as const;

/** `no problems`, `2 warnings`, `1 error and 2 warnings`, `1 error, 2 warnings and 3 infos`. */
function inWords(parts: readonly string[]): string {
  if (parts.length === 0) return 'no problems';
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export function statusText(counts: ProblemCounts): StatusText {
  const present = KINDS.filter(({ key }) => counts[key] > 0);
  const words = inWords(present.map(({ key, word }) => `${counts[key]} ${word}${counts[key] === 1 ? '' : 's'}`));
  const icons = present.map(({ key, icon }) => `${icon} ${counts[key]}`);
  return {
    text: `Readout ${icons.length > 0 ? icons.join(' ') : '$(check)'}`,
    tooltip: `This readout has ${words}. Click to open ${present.length > 0 ? 'the Problems panel' : 'the preview'}.`,
    label: `Readout: ${words}`,
  };
}
