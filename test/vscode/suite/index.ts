// The extension-host side of the real-VS-Code suite: VS Code (code-server's web workbench or a desktop
// build under @vscode/test-electron) loads this file as `extensionTestsPath` and awaits `run()`.
// Mocha runs the compiled `*.test.js` beside it; the last line printed is `N passed, N failed`
// (and `, N skipped`), the line the runners and CI read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * In code-server's web workbench the extension host's console reaches the browser console mixed
 * with the workbench's own log lines: the suite's lines start with this tag so the runner can pick
 * them out (and strip it). Under a desktop VS Code the output is left as it is.
 */
export const SUITE_TAG = '[readout-suite] ';

function tagged(original: (...args: unknown[]) => void): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const [first, ...rest] = args;
    if (args.length === 0) original(SUITE_TAG);
    else if (typeof first === 'string') original(SUITE_TAG + first, ...rest);
    else original(SUITE_TAG, ...args);
  };
}

function tagConsole(): () => void {
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  // Mocha's reporters print through Base.consoleLog, a copy of console.log taken when mocha loaded.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const savedBase = base.consoleLog;
  for (const name of Object.keys(saved) as (keyof typeof saved)[]) console[name] = tagged(saved[name]);
  base.consoleLog = tagged(savedBase);
  return () => {
    Object.assign(console, saved);
    base.consoleLog = savedBase;
  };
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // Each wait inside a test has its own, shorter, time-out with a message that says what was awaited.
    timeout: 180_000,
    reporter: 'spec',
  });
  const grep = process.env.READOUT_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  const tag = process.env.READOUT_VSCODE_SUITE_TAG === '1' || vscode.env.uiKind === vscode.UIKind.Web;
  const untag = tag ? tagConsole() : () => undefined;
  // The summary is printed through a tagged copy of console.log of its own, whatever else replaced console.log.
  const print = tag ? tagged(console.log) : console.log;
  return new Promise<void>((resolve, reject) => {
    if (files.length === 0) {
      print('0 passed, 1 failed');
      reject(new Error(`no *.test.js files in ${__dirname}: run node test/vscode/build.mjs`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        const failed = Math.max(failures, stats.failures);
        const summary = `${stats.passes} passed, ${failed} failed` + (stats.pending > 0 ? `, ${stats.pending} skipped` : '');
        print(summary);
        if (failed > 0) reject(new Error(`${failed} real-VS-Code test(s) failed`));
        else if (stats.passes === 0) reject(new Error('no real-VS-Code test ran'));
        else resolve();
      });
    } catch (error) {
      print('0 passed, 1 failed');
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }).finally(untag);
}
