import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { categoryLabel, createPreviewRenderer, MAX_PREVIEW_BODY_LENGTH, MAX_PREVIEW_BODY_LINES, writtenDate, writtenTime } from '../../server/src/core/preview';
import { hostileBodies } from '../hostile';
import { REFERENCE, bom, crlf, edit, service } from './helpers';

const renderer = createPreviewRenderer();
const readouts = service();
const html = (text: string) => renderer.render(text, []).html;
const lines = REFERENCE.split('\n');
const lineOf = (start: string) => lines.findIndex((line) => line.startsWith(start));

/** Each element with a data-line: its tag, its line, and the start of its text. */
function blocks(fragment: string): { tag: string; line: number; text: string }[] {
  return [...fragment.matchAll(/<(\w+)[^>]*\bdata-line="(\d+)"[^>]*>([^<]{0,40})/g)].map(([, tag, line, text]) => ({ tag, line: Number(line), text }));
}

function medianRenderTime(text: string): number {
  const times = Array.from({ length: 50 }, () => {
    const started = performance.now();
    renderer.render(text, []);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return times[25];
}

describe('preview: the reference as published', () => {
  const preview = renderer.render(REFERENCE, []);

  test('the header: category, title, date line and source link', () => {
    assert.match(preview.html, /<p class="category" data-line="4">Statements and Releases<\/p>/);
    assert.match(preview.html, /<h1 class="title" data-line="5">Readout of President Joe\u00A0Biden’s Meeting with Prime Minister Trudeau of\u00A0Canada<\/h1>/);
    assert.equal(preview.title, 'Readout of President Joe\u00A0Biden’s Meeting with Prime Minister Trudeau of\u00A0Canada');
    assert.match(preview.html, /<time class="date" datetime="2023-01-10" data-line="1">January 10, 2023<\/time>/);
    assert.match(preview.html, /<time class="time" datetime="2023-01-10T12:54:40-05:00" data-line="2" title="UTC-05:00">12:54 PM ET<\/time>/);
    const url = 'https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2023/01/10/readout-of-president-joe-bidens-meeting-with-prime-minister-trudeau-of-canada/';
    assert.ok(preview.html.includes(`<p class="source" data-line="3">Source: <a href="${url}" rel="noreferrer">${url}</a></p>`));
  });

  test('the body: seven paragraphs, then the end mark; the lone-space first line renders nothing', () => {
    const body = preview.html.slice(preview.html.indexOf('<div class="readout-body">'));
    assert.deepEqual(blocks(body).map((block) => block.tag), ['p', 'p', 'p', 'p', 'p', 'p', 'p', 'div']);
    assert.match(body, /<p data-line="9">President Joseph R\. Biden, Jr\. met today with Prime Minister Justin\nTrudeau of Canada/);
    assert.match(body, /traveling to Canada in March of this year\.<\/p>\n<div class="end-mark" data-line="61">###<\/div>\n<\/div>/);
    assert.doesNotMatch(body, /<p[^>]*>\s*<\/p>|\\###|<h3/);
    assert.equal(preview.problems.length, 0);
    assert.doesNotMatch(preview.html, /class="problems"/);
  });

  test('every data-line is the 0-based line of its source in the whole file', () => {
    const body = blocks(preview.html.slice(preview.html.indexOf('<div class="readout-body">')));
    assert.equal(body[0].line, lineOf('President Joseph R.'));
    for (const block of body.slice(0, -1)) {
      const firstLine = block.text.split('\n')[0];
      assert.ok(lines[block.line].startsWith(firstLine), `line ${block.line} is ${JSON.stringify(lines[block.line])}, not ${JSON.stringify(firstLine)}`);
    }
    assert.equal(lines[body.at(-1)!.line], '\\###');
  });

  test('CRLF and a BOM change nothing, nor does a no-break space on the first body line', () => {
    assert.equal(html(crlf(REFERENCE)), preview.html);
    assert.equal(html(bom(crlf(REFERENCE))), preview.html);
    assert.equal(html(bom(REFERENCE)), preview.html);
    assert.equal(html(edit(REFERENCE, '---\n \nPresident', '---\n\u00A0\nPresident')), preview.html);
  });

  test('renderHeader gives the header alone', () => {
    const header = renderer.renderHeader(REFERENCE)!;
    assert.match(header, /^<header class="readout-header">\n<p class="category"[^]*<\/header>\n$/);
    assert.ok(preview.html.includes(header));
    assert.doesNotMatch(header, /President Joseph/);
    assert.equal(renderer.renderHeader('Just a note.\n'), undefined);
  });
});

describe('preview: header values', () => {
  test('categories: the briefing room names, unknown tags title-cased, a list uses its first tag', () => {
    assert.equal(categoryLabel('speeches-remarks'), 'Speeches and Remarks');
    assert.equal(categoryLabel('press-briefings'), 'Press Briefings');
    assert.equal(categoryLabel('presidential-actions'), 'Presidential Actions');
    assert.equal(categoryLabel('fact-sheets'), 'Fact Sheets');
    assert.equal(categoryLabel('briefings-statements'), 'Briefings & Statements');
    const listed = edit(REFERENCE, 'tags: statements-releases', 'tags:\n- press-briefings\n- statements-releases');
    assert.match(html(listed), /<p class="category" data-line="4">Press Briefings<\/p>/);
  });

  test('dates and times as written out, each in its own offset', () => {
    assert.equal(writtenDate('2023-01-10'), 'January 10, 2023');
    assert.equal(writtenDate('2023-02-30'), undefined);
    assert.equal(writtenTime('2023-07-04 09:05:00-04:00')?.text, '9:05 AM ET');
    assert.equal(writtenTime('2023-07-04 00:30:00+05:30')?.text, '12:30 AM UTC+05:30');
    assert.equal(writtenTime('2023-07-04T23:59:59Z')?.text, '11:59 PM UTC');
    assert.equal(writtenTime('2023-07-04 12:00')?.text, '12:00 PM');
    assert.equal(writtenTime('noon'), undefined);
  });

  test('a value that is not a date, a time or a web URL shows as written, escaped', () => {
    const text = edit(edit(edit(REFERENCE, "date: '2023-01-10'", "date: 'Tuesday <i>'"), 'published_time: 2023-01-10 12:54:40-05:00', 'published_time: soon'), 'source_url: https://', 'source_url: ftp://');
    const page = html(text);
    assert.match(page, /<span class="date" data-line="1">Tuesday &lt;i&gt;<\/span>/);
    assert.match(page, /<span class="time" data-line="2">soon<\/span>/);
    assert.match(page, /<p class="source" data-line="3">Source: <span>ftp:\/\/bidenwhitehouse/);
  });
});

describe('preview: problems banner', () => {
  test('real diagnostics appear with their 0-based lines and characters and severities', () => {
    const text = edit(REFERENCE, "date: '2023-01-10'", "date: '2023-01-11'\ntitel: x");
    const diagnostics = readouts.getDiagnostics({ text });
    const preview = renderer.render(text, diagnostics);
    assert.deepEqual(preview.problems.map(({ code, severity, line, character }) => ({ code, severity, line, character })), [
      { code: 'date-mismatch', severity: 'error', line: 1, character: 6 },
      { code: 'unknown-field', severity: 'warning', line: 2, character: 0 },
    ]);
    assert.match(preview.html, /^<section class="problems" aria-label="Problems">\n<p class="problems-summary">2 problems in this readout<\/p>/);
    assert.match(preview.html, /<button type="button" class="problem error" data-line="1" data-character="6" data-code="date-mismatch"><span class="problem-where">Line 2, column 7:<\/span>/);
    assert.match(preview.html, /<button type="button" class="problem warning" data-line="2" data-character="0" data-code="unknown-field">/);
    // The statement still shows, its lines shifted by the inserted one.
    assert.match(preview.html, /<p data-line="10">President Joseph/);
  });

  test('broken YAML: the banner points at the mistake, the fields that still read show', () => {
    const text = edit(REFERENCE, "date: '2023-01-10'", 'date: [2023');
    const preview = renderer.render(text, readouts.getDiagnostics({ text }));
    assert.deepEqual(preview.problems.map(({ code, line, character }) => ({ code, line, character })), [{ code: 'yaml-syntax', line: 1, character: 6 }]);
    assert.match(preview.html, /<p data-line="9">President Joseph/);
  });

  test('CRLF gives the same problem positions', () => {
    const text = crlf(edit(REFERENCE, 'tags: statements-releases', 'tags: statement-releases'));
    const [problem] = renderer.render(text, readouts.getDiagnostics({ text })).problems;
    assert.deepEqual({ line: problem.line, character: problem.character }, { line: 4, character: 6 });
  });
});

/** Elements and event attributes that only the hostile document below could have brought in. */
const MARKUP_FROM_THE_DOCUMENT = /<(?:script|iframe|svg|object|embed|b)\b|<img src="?x|<[a-z][^>]*\son\w+=/i;

describe('preview: nothing from the document runs or adds markup', () => {
  const hostileBody = [
    '<script>alert(1)</script>',
    '',
    'An image <img src=x onerror=alert(1)> and a frame <iframe src="https://evil.example"></iframe>.',
    '',
    '[x](javascript:alert(1)) [y](data:text/html,<script>alert(2)</script>) [z](vbscript:msgbox(1)) [w](JaVaScRiPt&#58;alert(3))',
    '[v](&#x6A;avascript:alert(4)) <javascript:alert(5)> [u][ref] [rel](/relative) [proto](//evil.example)',
    '',
    '![a](javascript:alert(6)) ![b](http://insecure.example/b.png) ![c](data:image/svg+xml,%3Csvg%20onload=alert(7)%3E) ![d *em*](x.png)',
    '',
    '[ref]: javascript:alert(8)',
    '',
    '[safe](https://example.org/a?b=1&c=2 "t\\"itle") [mail](mailto:press@example.org) [top](#top) ![ok](https://example.org/ok.png)',
  ].join('\n');
  const text = edit(REFERENCE, 'During the meeting', `${hostileBody}\n\nDuring the meeting`).replace('Trudeau\\\n', 'Trudeau <b onclick=\\"alert(9)\\">bold</b>\\\n');
  const preview = renderer.render(text, readouts.getDiagnostics({ text }));

  test('raw HTML is text', () => {
    assert.doesNotMatch(preview.html, MARKUP_FROM_THE_DOCUMENT);
    assert.match(preview.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(preview.html, /An image &lt;img src=x onerror=alert\(1\)&gt; and a frame &lt;iframe/);
    assert.match(preview.html, /<h1 class="title" data-line="5">Readout of President Joe\u00A0Biden’s Meeting with Prime Minister Trudeau &lt;b onclick=&quot;alert\(9\)&quot;&gt;bold&lt;\/b&gt; of\u00A0Canada<\/h1>/);
  });

  test('links keep only http(s), mailto and #fragment targets; the others show their text without a link', () => {
    const hrefs = [...preview.html.matchAll(/<a href="([^"]*)"/g)].map(([, href]) => href);
    assert.deepEqual(hrefs.slice(1), ['https://example.org/a?b=1&amp;c=2', 'mailto:press@example.org', '#top']);
    assert.doesNotMatch(preview.html, /(?:href|src)="(?:javascript|vbscript|data:text)/i);
    for (const label of ['x', 'y', 'z', 'w', 'v', 'u', 'rel', 'proto']) assert.ok(preview.html.includes(`<span class="link-removed">${label}</span>`), label);
    assert.match(preview.html, /<span class="link-removed">javascript:alert\(5\)<\/span>/);
    assert.match(preview.html, /title="t&quot;itle"/);
  });

  test('no image from the web by default: each shows as a placeholder with its description, which loads nothing', () => {
    assert.doesNotMatch(preview.html, /<img/);
    assert.match(preview.html, /<p data-line="\d+">a b c d em<\/p>/);
    assert.match(preview.html, / <span class="remote-image" title="An image from https:\/\/example.org\/ok.png, not loaded: the setting readout.preview.loadRemoteImages loads images from the web.">ok<\/span><\/p>/);
  });

  test('with remote images allowed, images only from https: (and data: images); the others show their description', () => {
    const allowed = renderer.render(text, readouts.getDiagnostics({ text }), { remoteImages: true });
    const sources = [...allowed.html.matchAll(/<img src="([^"]*)"/g)].map(([, src]) => src);
    assert.deepEqual(sources, ['https://example.org/ok.png']);
    assert.match(allowed.html, /<p data-line="\d+">a b c d em<\/p>/);
    assert.match(allowed.html, / <img src="https:\/\/example.org\/ok.png" alt="ok"><\/p>/);
    assert.doesNotMatch(allowed.html, /remote-image/);
  });

  test('the standalone page has a strict policy and no script: images only from the page itself unless remote ones are allowed', () => {
    const page = renderer.renderPage(text, []);
    assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">/);
    assert.match(renderer.renderPage(text, [], { remoteImages: true }), /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; base-uri 'none'; form-action 'none'">/);
    assert.doesNotMatch(page, MARKUP_FROM_THE_DOCUMENT);
    assert.doesNotMatch(page, /<link|<meta http-equiv="refresh"/i);
    assert.match(page, /<title>Readout of President Joe\u00A0Biden’s Meeting with Prime Minister Trudeau &lt;b onclick=&quot;alert\(9\)&quot;&gt;bold&lt;\/b&gt; of\u00A0Canada<\/title>/);
    assert.match(page, /<style>\n:root \{[^]*@media \(prefers-color-scheme: dark\)[^]*<\/style>/);
    assert.equal(page.match(/<style>/g)?.length, 1);
  });

  test('problem messages are escaped too', () => {
    const [problem] = renderer.render(REFERENCE, [{ code: 'x"y', severity: 'hint', message: '<img src=x onerror=alert(1)>', span: { start: 0, end: 3 }, fixes: [] }]).problems;
    assert.equal(problem.message, '<img src=x onerror=alert(1)>');
    const banner = renderer.render(REFERENCE, [{ code: 'x"y', severity: 'hint', message: '<img src=x onerror=alert(1)>', span: { start: 0, end: 3 }, fixes: [] }]).html;
    assert.match(banner, /data-code="x&quot;y"><span class="problem-where">Line 1, column 1:<\/span> <span class="problem-message">&lt;img src=x onerror=alert\(1\)&gt;<\/span>/);
  });
});

describe('preview: any text renders', () => {
  test('without front matter the whole text is the body; an unclosed block shows as text', () => {
    assert.equal(html('\uFEFFJust a *note*.\n'), '<article class="readout">\n<div class="readout-body">\n<p data-line="0">Just a <em>note</em>.</p>\n</div>\n</article>\n');
    const unclosed = renderer.render("---\ntitle: 'Half\n\nwritten", []);
    assert.equal(unclosed.title, undefined);
    assert.match(unclosed.html, /<hr data-line="0">\n<p data-line="1">title: 'Half<\/p>\n<p data-line="3">written<\/p>/);
  });

  test('empty text, a front matter alone, binary junk, deep nesting', () => {
    assert.match(html(''), /<div class="readout-body">\n<\/div>/);
    assert.match(html("---\ntitle: x\n---"), /<h1 class="title" data-line="1">x<\/h1>/);
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = Array.from({ length: 50_000 }, () => String.fromCharCode(Math.floor(random() * 65536))).join('');
    for (const text of [junk, `---\ntitle: ${junk}\n---\n${junk}`, `${'>'.repeat(100_000)} deep`, `${'- '.repeat(10_000)}x`, '['.repeat(100_000), '*a'.repeat(100_000), '`'.repeat(100_000), '\0\r\r\n\u2028\uFFFF']) {
      assert.equal(typeof html(text), 'string');
    }
  });

  test('a body as long as the preview shows, whole', () => {
    const paragraph = lines.slice(9, 17).join('\n');
    const body = Array.from({ length: Math.floor(MAX_PREVIEW_BODY_LENGTH / (paragraph.length + 2)) - 1 }, () => paragraph).join('\n\n');
    const text = REFERENCE.replace(/\n \n[^]*$/, `\n \n${body}\n\n\\###\n`);
    const started = performance.now();
    const preview = renderer.render(text, []);
    const elapsed = performance.now() - started;
    console.log(`render: ${(text.length / 1e6).toFixed(2)} MB body ${elapsed.toFixed(1)} ms; the reference ${medianRenderTime(REFERENCE).toFixed(2)} ms (median of 50)`);
    assert.equal(preview.html.match(/<p data-line=/g)?.length, body.split('\n\n').length);
    assert.match(preview.html, /<div class="end-mark" data-line="\d+">###<\/div>\n<\/div>\n<\/article>\n$/);
  });
});

/** The note that ends a preview cut short: the 0-based line it stands on, the line it names, and how many characters it leaves out. */
const CUT_NOTE = /<p class="preview-cut" data-line="(\d+)">The rest of the body, from line ([\d,]+) on \(([\d,]+) more characters\), is not shown in the preview\.<\/p>\n<\/div>\n<\/article>\n$/;

function cutAt(text: string, preview: string): { line: number; offset: number } {
  const note = CUT_NOTE.exec(preview);
  assert.ok(note, preview.slice(-300));
  const line = Number(note[1]);
  assert.equal(Number(note[2].replaceAll(',', '')), line + 1);
  const offset = text.split('\n').slice(0, line).reduce((sum, shown) => sum + shown.length + 1, 0);
  assert.equal(Number(note[3].replaceAll(',', '')), text.length - offset);
  return { line, offset };
}

describe('preview: a body too long to show whole', () => {
  const bodyStart = REFERENCE.indexOf('\n---\n') + '\n---\n'.length;

  test(`a 50 MB body: at most ${MAX_PREVIEW_BODY_LENGTH.toLocaleString('en-US')} characters of it, cut between paragraphs, then a note`, () => {
    const [{ text }] = hostileBodies();
    const preview = renderer.render(text, []).html;
    const { line, offset } = cutAt(text, preview);
    assert.ok(offset - bodyStart <= MAX_PREVIEW_BODY_LENGTH && offset - bodyStart > MAX_PREVIEW_BODY_LENGTH * 0.9, `cut after ${offset - bodyStart} characters`);
    assert.equal(text.split('\n', line)[line - 1], '', 'the line before the cut is blank: no paragraph is cut in two');
    assert.doesNotMatch(preview, /end-mark/);
    assert.ok(preview.length < MAX_PREVIEW_BODY_LENGTH * 2, `${preview.length} characters of HTML`);
  });

  test(`4 MB of --- lines: at most ${MAX_PREVIEW_BODY_LINES.toLocaleString('en-US')} lines of it, then a note`, () => {
    const [, { text }] = hostileBodies();
    const preview = renderer.render(text, []).html;
    const { line } = cutAt(text, preview);
    assert.equal(line - REFERENCE.slice(0, bodyStart).split('\n').length + 1, MAX_PREVIEW_BODY_LINES);
    assert.equal(preview.match(/<hr /g)?.length, MAX_PREVIEW_BODY_LINES);
  });

  test('one line longer than the limit is cut by characters, never inside a surrogate pair', () => {
    const text = REFERENCE.slice(0, bodyStart) + 'x'.repeat(MAX_PREVIEW_BODY_LENGTH - 1) + '😀'.repeat(10);
    const preview = renderer.render(text, []).html;
    assert.match(preview, /x{1000}<\/p>\n<p class="preview-cut"/);
    assert.doesNotMatch(preview, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    assert.match(preview, /\(20 more characters\)/);
  });
});
