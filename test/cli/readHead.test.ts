// How the server's scan reads a file: only as far as its front matter, and only regular files.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { findFrontMatter } from '../../server/src/core/frontMatter';
import { readFrontMatterHead } from '../../server/src/node/readHead';
import { regularFileNames } from '../../server/src/node/readoutFiles';
import { Fixture } from './cli';

const BODY = `\nThe body — not front matter.\n${'More of it.\n'.repeat(300)}`;

describe('readFrontMatterHead', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture();
  });
  after(() => fixture.remove());

  const read = (text: string | Buffer) => readFrontMatterHead(fixture.write('x.md', text)).text;

  test('ends a UTF-8 head with a clean closing line, and the block found in it is the whole text\'s', () => {
    for (const [front, text] of [['---\ntitle: a\n---\n', '---\ntitle: a\n---\n'], ['\uFEFF---\r\ntitle: a\r\n---  \r\n', '---\r\ntitle: a\r\n---  \r\n']]) {
      const whole = `${front}${BODY}`;
      assert.equal(read(whole), text);
      assert.deepEqual(findFrontMatter(text), findFrontMatter(whole.replace(/^\uFEFF/, '')));
    }
  });

  test('reads on past what some reader would not take for the closing line, as before', () => {
    // `----` closes the block for gray-matter, not for YAML; `...` closes it for YAML, not gray-matter.
    for (const front of ['---\ntitle: a\n----\nb: c\n---\n', '---\ntitle: a\n...\nb: c\n---\n', 'no front matter\n']) {
      const whole = `${front}${BODY}`;
      assert.equal(read(whole), Buffer.from(whole).subarray(0, 2048).toString('utf8'));
    }
    // A block never closed: all of it, body and all.
    assert.equal(read(`---\ntitle: a\n${BODY}`), `---\ntitle: a\n${BODY}`);
  });

  test('reads UTF-16 as before: the text read, whole', () => {
    const whole = `---\ntitle: a\n---\n${BODY}`;
    const head = read(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(whole, 'utf16le')]));
    assert.equal(head, whole.slice(0, 1023));
  });
});

describe('regularFileNames', () => {
  let fixture: Fixture;
  before(() => {
    fixture = new Fixture({ 'a.md': '---\n---\n', 'folder.md/b.md': '' });
    execFileSync('mkfifo', [fixture.path('pipe.md')]);
    symlinkSync(fixture.path('a.md'), fixture.path('link.md'));
  });
  after(() => fixture.remove());

  test('gives the regular files only: a FIFO, a folder and a link (its target unknown) are stat\'ed before they are opened', () => {
    assert.deepEqual([...regularFileNames(fixture.folder)], ['a.md']);
    assert.deepEqual([...regularFileNames(fixture.path('missing'))], []);
  });
});
