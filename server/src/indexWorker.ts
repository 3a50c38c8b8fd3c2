// A worker thread of the workspace scan: reads each file's front matter and returns its index entry.
import { URI } from 'vscode-uri';
import { parentPort } from 'node:worker_threads';
import { compileBuiltinSchema } from './core/builtinSchema';
import { createReadoutService } from './core/languageService';
import { quickEntry } from './core/quickEntry';
import type { ReadoutEntry } from './core/readoutEntry';
import { readFrontMatterHead } from './readHead';

export interface ScanRequest {
  readonly files: readonly string[];
}

export interface ScanResult {
  readonly entries: readonly ReadoutEntry[];
  /** Files that could not be read, with why. */
  readonly failures: readonly { readonly file: string; readonly reason: string }[];
  /** How many files the request held, readouts or not. */
  readonly scanned: number;
}

// Scanned files are inside readout.files, where any front matter makes a readout: the schema's
// keys are not consulted, so the built-in schema serves whatever override is set.
const service = createReadoutService({ schema: compileBuiltinSchema() });

export async function scanFiles(files: readonly string[]): Promise<ScanResult> {
  const entries: ReadoutEntry[] = [];
  const failures: { file: string; reason: string }[] = [];
  const scratch = Buffer.alloc(2048);
  for (const file of files) {
    try {
      const text = readFrontMatterHead(file, scratch);
      const uri = URI.file(file).toString();
      // Most archives are written by PyYAML: read those without a YAML parser, parse the rest.
      const entry = quickEntry(uri, text) ?? service.getEntry({ uri, text, inReadoutFiles: true });
      if (entry) entries.push(entry);
    } catch (error) {
      failures.push({ file, reason: (error as Error).message });
    }
  }
  return { entries, failures, scanned: files.length };
}

// Results travel as JSON text: one string is cheaper to pass between threads than thousands of small objects.
parentPort?.on('message', (request: ScanRequest) => {
  void scanFiles(request.files).then((result) => parentPort!.postMessage(JSON.stringify(result)));
});
