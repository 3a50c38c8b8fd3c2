import type { RuleLevels } from './catalog';
import { readoutDiagnostics, readReadout } from './diagnostics';
import { fixAll } from './fixAll';
import { readoutHover, type Hover } from './hover';
import type { ReadoutSchema } from './schema';
import type { Diagnostic, Fix, Span, TextEdit } from './types';

export interface ServiceOptions {
  readonly schema: ReadoutSchema;
  /** Severity overrides per code (`readout.rules`). */
  readonly rules?: RuleLevels;
}

/** A document as the host sees it. */
export interface ReadoutInput {
  readonly text: string;
  /** The host's `readout.files` (less `readout.exclude`) matches its path: any front matter makes it a readout. */
  readonly inReadoutFiles?: boolean;
}

export interface CodeAction {
  readonly diagnostic: Diagnostic;
  readonly fix: Fix;
}

export interface ReadoutService {
  /** Whether the document is a readout at all; other documents get nothing from the service. */
  isReadout(document: ReadoutInput): boolean;
  getDiagnostics(document: ReadoutInput): Diagnostic[];
  getHover(document: ReadoutInput, offset: number): Hover | undefined;
  /** The quick fixes of the diagnostics that touch `range`, each with its diagnostic. */
  getCodeActions(document: ReadoutInput, range: Span): CodeAction[];
  /** One edit that applies every safe fix, or undefined when there is none. */
  getFixAllEdit(document: ReadoutInput): TextEdit | undefined;
}

/** The editor-agnostic readout service: hosts (the language server, the CLI) pass documents in. */
export function createReadoutService(options: ServiceOptions): ReadoutService {
  const { schema } = options;
  const rules = options.rules ?? {};
  const read = (document: ReadoutInput) => readReadout(document.text, schema, document.inReadoutFiles ?? false);
  const diagnose = (document: ReadoutInput): Diagnostic[] => {
    const readout = read(document);
    return readout ? readoutDiagnostics(readout, schema, rules) : [];
  };
  return Object.freeze({
    isReadout: (document: ReadoutInput) => read(document) !== undefined,
    getDiagnostics: diagnose,
    getHover(document: ReadoutInput, offset: number) {
      const readout = read(document);
      return readout?.parsed ? readoutHover(readout, schema, offset) : undefined;
    },
    getCodeActions(document: ReadoutInput, range: Span) {
      const touching = diagnose(document).filter((diagnostic) => diagnostic.span.start <= range.end && range.start <= diagnostic.span.end);
      return touching.flatMap((diagnostic) => diagnostic.fixes.map((fix) => ({ diagnostic, fix })));
    },
    getFixAllEdit(document: ReadoutInput) {
      return fixAll(document.text, (text) => diagnose({ ...document, text }));
    },
  });
}
