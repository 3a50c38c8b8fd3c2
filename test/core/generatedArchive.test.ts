// The checker on an archive generated with the real archive's statistics (test/corpus/): 20,000
// readouts in the archive's layout, both URL eras, get nothing at warning or error; a mistake made
// in a sample of them is found with its code, on its line, and nothing else is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLineIndex } from '../../server/src/core/lineIndex';
import { createWorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { generateCorpus } from '../corpus';
import { DEFECT_KINDS, injectDefects } from '../defects';
import { service } from './helpers';

const ROOT = 'file:///home/archivist/archive/';
const CORPUS = generateCorpus({ count: 20_000, seed: 11 });
const DEFECTS = injectDefects(CORPUS, 4);

describe('a realistic archive of 20,000 readouts', () => {
  // The workspace as the language server has it: every readout indexed, each checked against the rest.
  const files = CORPUS.map((readout, at) => {
    const defect = DEFECTS.get(at);
    return { uri: ROOT + (defect ?? readout).relativePath, text: defect?.text ?? readout.text };
  });
  const index = createWorkspaceIndex();
  const readouts = service({ index });
  for (const file of files) {
    const entry = readouts.getEntry(file);
    if (entry) index.set(entry);
  }

  test('every readout is indexed, and all but the misplaced follow the archive layout, so layout: auto is on', () => {
    const { following, readouts: total } = index.layoutCounts();
    assert.equal(total, CORPUS.length);
    assert.ok(following / total > 0.99, `${following} of ${total} follow the layout`);
  });

  test('nothing at warning or error on the readouts left as they are', () => {
    const found = new Map<string, string>();
    files.forEach((file, at) => {
      if (DEFECTS.has(at)) return;
      for (const diagnostic of readouts.getDiagnostics(file)) {
        if (diagnostic.severity === 'error' || diagnostic.severity === 'warning') found.set(file.uri, `${diagnostic.code}: ${diagnostic.message}`);
      }
    });
    assert.deepEqual([...found].slice(0, 5), []);
  });

  test('each mistake is found with its code on its line, and at warning or error nothing else is', () => {
    assert.equal(DEFECTS.size, DEFECT_KINDS.length * 4);
    for (const [at, defect] of DEFECTS) {
      const file = files[at];
      const position = createLineIndex(file.text);
      const diagnostics = readouts.getDiagnostics(file).map((d) => ({ code: d.code, severity: d.severity, line: position(d.span.start).line }));
      const label = `${defect.kind} in ${defect.relativePath}: ${JSON.stringify(diagnostics)}`;
      assert.ok(diagnostics.some((d) => d.code === defect.code && d.line === defect.line), label);
      // Other problems may only be on the same line (a slug typo is also a file name that no longer matches).
      assert.ok(diagnostics.every((d) => d.line === defect.line || (d.severity !== 'error' && d.severity !== 'warning')), label);
    }
  });
});
