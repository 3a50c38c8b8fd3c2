// `readout check --shard k/n --facts-output FILE` on a CI matrix, then `readout merge`: the merged
// report is the one a single run over every file prints (the files in another order), with
// duplicate-source-url across shards and `layout: auto` decided on all; a shard missing, given
// twice or of another run is refused.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { writeCorpus } from '../corpus';
import { buildCli, Fixture } from './cli';
import { ERROR_READOUT, WARNING_READOUT } from './readouts';

before(buildCli);

const SHARDS = 4;

interface SarifLog { runs: { results: { ruleId: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: unknown } }[] }[] }[] }

/** The JSON report with its files in the order of their paths. */
function sortedJson(stdout: string): unknown {
  const report = JSON.parse(stdout) as { files: { path: string }[] };
  return { ...report, files: [...report.files].sort((a, b) => (a.path < b.path ? -1 : 1)) };
}

/** The SARIF log's results in the order of their place. */
function sortedSarif(stdout: string): unknown {
  const log = JSON.parse(stdout) as SarifLog;
  const key = (result: SarifLog['runs'][0]['results'][0]) => JSON.stringify([result.locations[0].physicalLocation.artifactLocation.uri, result.locations[0].physicalLocation.region, result.ruleId]);
  return { ...log, runs: log.runs.map((run) => ({ ...run, results: [...run.results].sort((a, b) => (key(a) < key(b) ? -1 : 1)) })) };
}

describe('readout check --shard and readout merge', () => {
  let fixture: Fixture;
  const facts = Array.from({ length: SHARDS }, (_, at) => `facts-${at + 1}.json`);
  before(async () => {
    fixture = new Fixture();
    // Copies of pages (duplicate-source-url, across shards), the archive's layout (layout: auto), and files with fixes to offer.
    await writeCorpus(fixture.path('archive'), { count: 300, seed: 11, duplicateUrlEvery: 9 });
    writeFileSync(fixture.path('archive/zz-error.md'), ERROR_READOUT);
    writeFileSync(fixture.path('archive/aa-warning.md'), WARNING_READOUT);
    for (const [at, file] of facts.entries()) {
      const shard = await fixture.run(['check', '--shard', `${at + 1}/${SHARDS}`, '--facts-output', file, '-f', 'json']);
      assert.ok(shard.status === 0 || shard.status === 1, shard.stderr);
    }
  });
  after(() => fixture.remove());

  test('the merged report equals one full run\'s in every format, and so does the exit status', async () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const full = await fixture.run(['check', '-f', format]);
      const merged = await fixture.run(['merge', ...facts, '-f', format]);
      assert.equal(merged.status, full.status, format);
      assert.equal(full.status, 1);
      assert.equal(merged.stderr, full.stderr);
      if (format === 'json') {
        assert.deepEqual(sortedJson(merged.stdout), sortedJson(full.stdout));
        assert.ok((JSON.parse(full.stdout) as { files: { diagnostics: { code: string }[] }[] }).files.some((file) => file.diagnostics.some((diagnostic) => diagnostic.code === 'duplicate-source-url')));
      } else if (format === 'sarif') {
        assert.deepEqual(sortedSarif(merged.stdout), sortedSarif(full.stdout));
      } else {
        assert.deepEqual(merged.stdout.split('\n').sort(), full.stdout.split('\n').sort());
      }
    }
  });

  test('every file is in exactly one shard: the shards\' reports together hold every file the full run reports', async () => {
    const full = JSON.parse((await fixture.run(['check', '-f', 'json'])).stdout) as { readouts: number };
    let readouts = 0;
    for (let index = 1; index <= SHARDS; index++) readouts += (JSON.parse((await fixture.run(['check', '--shard', `${index}/${SHARDS}`, '-f', 'json'])).stdout) as { readouts: number }).readouts;
    assert.equal(readouts, full.readouts);
  });

  test('a shard missing, a shard given twice, or a shard of another configuration: exit 2 and what is wrong', async () => {
    const missing = await fixture.run(['merge', facts[0], facts[2]]);
    assert.deepEqual([missing.status, missing.stderr], [2, 'readout merge: shards 2/4, 4/4 are missing: give the facts of every shard.\n']);
    const twice = await fixture.run(['merge', ...facts, facts[1]]);
    assert.deepEqual([twice.status, twice.stderr], [2, `readout merge: shard 2/4 is given twice (${facts[1]} and ${facts[1]}).\n`]);
    writeFileSync(fixture.path('.readoutrc.json'), JSON.stringify({ rules: { 'url-slug-mismatch': 'off' } }));
    try {
      const other = await fixture.run(['merge', ...facts]);
      assert.equal(other.status, 2);
      assert.match(other.stderr, /^readout merge: the shards were checked with another version of readout, configuration or schema/);
    } finally {
      writeFileSync(fixture.path('.readoutrc.json'), '{}');
    }
    const notFacts = await fixture.run(['merge', 'archive/zz-error.md']);
    assert.equal(notFacts.status, 2);
    assert.match(notFacts.stderr, /^readout merge: archive\/zz-error\.md cannot be read as a shard's facts/);
  });

  test('--shard takes k/n with 1 ≤ k ≤ n', async () => {
    for (const wrong of ['0/4', '5/4', '4', 'a/b']) {
      const run = await fixture.run(['check', '--shard', wrong]);
      assert.deepEqual([run.status, run.stderr], [2, `readout check: --shard takes k/n, the k-th of n shares (1 ≤ k ≤ n), not '${wrong}'.\n`]);
    }
  });
});
