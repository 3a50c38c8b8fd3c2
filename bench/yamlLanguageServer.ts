// yaml-language-server (the engine of Red Hat's YAML extension), measured side by side with ours:
// the same JSON schema, and the reference readout's front matter as a .yaml document, since it
// cannot read front matter inside Markdown. It validates 200 ms after the last change
// (validationDelayMs, not a setting), so its wall latency includes that wait; the bench reports
// both the wall latency and what remains after the delay.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  CompletionRequest, ConfigurationRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification,
  InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
  type CompletionItem, type CompletionList, type Position, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { DEFAULT_TIMEOUT_MS, fileUri, REPO_ROOT, within } from '../test/protocol/lspClient';
import { DEFECT, REFERENCE } from './editLatency';
import { percentiles, sample, type Percentiles } from './stats';

const PACKAGE = path.join(REPO_ROOT, 'node_modules', 'yaml-language-server');
const SERVER = path.join(PACKAGE, 'bin', 'yaml-language-server');
const SCHEMA = path.join(REPO_ROOT, 'schemas', 'readout.schema.json');
export const VALIDATION_DELAY_MS = 200;

/**
 * Its `yaml` settings for the run: our schema for every .yaml file; validation and completion on;
 * hover and formatting off (not measured); the schema store and the Kubernetes CRD store off, as
 * they would fetch schemas from the network; YAML 1.2, as our server reads.
 */
export const YAML_SETTINGS = {
  schemas: { [fileUri(SCHEMA)]: '*.yaml' },
  validate: true,
  completion: true,
  hover: false,
  format: { enable: false },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  yamlVersion: '1.2',
};

/** The YAML between a readout's fences: what a .yaml document holding its front matter contains. */
export function frontMatterYaml(readout: string): string {
  const match = /^---\r?\n([\s\S]*?\r?\n)---\r?\n/.exec(readout);
  if (!match) throw new Error('the readout has no front matter');
  return match[1];
}

export interface YamlServerResults {
  readonly version: string;
  /** What it reports on the reference front matter itself. */
  readonly reference_diagnostics: readonly string[];
  readonly edit: Percentiles & { readonly edits: number; readonly after_delay_p50_ms: number; readonly after_delay_p99_ms: number };
  readonly completion: { readonly tags: Percentiles; readonly title: Percentiles };
}

/** Starts yaml-language-server over stdio, measures edit and completion latency, and stops it. */
export async function measureYamlLanguageServer(edits = 200, completions = 200): Promise<YamlServerResults> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  let wake: (() => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    published.push(params);
    wake?.();
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'yaml' ? YAML_SETTINGS : null)));
  // Registrations, telemetry and the like: accepted and ignored.
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();

  // Each wait is bounded, so that a server that stops publishing fails the bench instead of hanging it.
  const nextDiagnostics = async (uri: string): Promise<PublishDiagnosticsParams> => {
    for (;;) {
      const index = published.findIndex((params) => params.uri === uri);
      if (index >= 0) return published.splice(index, 1)[0];
      await within(new Promise<void>((resolve) => { wake = resolve; }), DEFAULT_TIMEOUT_MS, () => `a publishDiagnostics of ${uri} from yaml-language-server`);
    }
  };

  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    await connection.sendNotification(InitializedNotification.type, {});

    const uri = fileUri(path.join(REPO_ROOT, 'bench-edit-latency.yaml'));
    const valid = frontMatterYaml(REFERENCE);
    const invalid = frontMatterYaml(DEFECT);
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text: valid } });
    // Its `date-time` format wants a `T` between date and time, so it reports the archive's own
    // published_time (`2023-01-10 12:54:40-05:00`); the defect adds one diagnostic to those.
    const baseline = (await nextDiagnostics(uri)).diagnostics;
    let version = 1;
    const editSamples = await sample(edits, 10, async (i) => {
      version++;
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text: i % 2 === 0 ? invalid : valid }] });
      const { diagnostics } = await nextDiagnostics(uri);
      if (diagnostics.length !== baseline.length + (i % 2 === 0 ? 1 : 0)) throw new Error(`yaml-language-server: unexpected diagnostics at edit ${i}: ${JSON.stringify(diagnostics)}`);
    });

    // The same document and positions as our completion measurement (bench/workspace.ts), fences aside.
    const completionUri = fileUri(path.join(REPO_ROOT, 'bench-completion.yaml'));
    const text = "date: '2023-01-10'\npublished_time: 2023-01-10 12:54:40-05:00\ntags: \ntitle: Readout of President\n";
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: completionUri, languageId: 'yaml', version: 1, text } });
    await nextDiagnostics(completionUri);
    const complete = async (position: Position) => {
      const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: completionUri }, position });
      return Array.isArray(result) ? result : (result as CompletionList | null)?.items ?? [];
    };
    const tagItems: CompletionItem[] = await complete({ line: 2, character: 6 });
    if (!tagItems.some((item) => item.label === 'statements-releases')) throw new Error(`yaml-language-server offers no tag: ${JSON.stringify(tagItems)}`);
    const tags = await sample(completions, 20, async () => { await complete({ line: 2, character: 6 }); });
    const title = await sample(completions, 20, async () => { await complete({ line: 3, character: 27 }); });

    const edit = percentiles(editSamples);
    return {
      version: (JSON.parse(readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version,
      reference_diagnostics: baseline.map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`),
      edit: { edits, ...edit, after_delay_p50_ms: Number((edit.p50_ms - VALIDATION_DELAY_MS).toFixed(3)), after_delay_p99_ms: Number((edit.p99_ms - VALIDATION_DELAY_MS).toFixed(3)) },
      completion: { tags: percentiles(tags), title: percentiles(title) },
    };
  } finally {
    await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await connection.sendNotification(ExitNotification.type).catch(() => undefined);
    connection.dispose();
    child.kill();
  }
}
