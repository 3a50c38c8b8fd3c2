"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// test/vscode/suite/index.ts
var index_exports = {};
__export(index_exports, {
  SUITE_TAG: () => SUITE_TAG,
  run: () => run
});
module.exports = __toCommonJS(index_exports);
var fs = __toESM(require("node:fs"));
var path = __toESM(require("node:path"));
var import_mocha = __toESM(require("mocha"));
var vscode = __toESM(require("vscode"));
var SUITE_TAG = "[readout-suite] ";
function tagged(original) {
  return (...args) => {
    const [first, ...rest] = args;
    if (args.length === 0) original(SUITE_TAG);
    else if (typeof first === "string") original(SUITE_TAG + first, ...rest);
    else original(SUITE_TAG, ...args);
  };
}
function tagConsole() {
  const saved = { log: console.log, error: console.error, warn: console.warn, info: console.info };
  const base = import_mocha.default.reporters.Base;
  const savedBase = base.consoleLog;
  for (const name of Object.keys(saved)) console[name] = tagged(saved[name]);
  base.consoleLog = tagged(savedBase);
  return () => {
    Object.assign(console, saved);
    base.consoleLog = savedBase;
  };
}
function run() {
  const mocha = new import_mocha.default({
    ui: "tdd",
    color: false,
    // Each wait inside a test has its own, shorter, time-out with a message that says what was awaited.
    timeout: 18e4,
    reporter: "spec"
  });
  const grep = process.env.READOUT_VSCODE_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname).filter((name) => name.endsWith(".test.js")).sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));
  const tag = process.env.READOUT_VSCODE_SUITE_TAG === "1" || vscode.env.uiKind === vscode.UIKind.Web;
  const untag = tag ? tagConsole() : () => void 0;
  const print = tag ? tagged(console.log) : console.log;
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      print("0 passed, 1 failed");
      reject(new Error(`no *.test.js files in ${__dirname}: run node test/vscode/build.mjs`));
      return;
    }
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        const failed = Math.max(failures, stats.failures);
        const summary = `${stats.passes} passed, ${failed} failed` + (stats.pending > 0 ? `, ${stats.pending} skipped` : "");
        print(summary);
        if (failed > 0) reject(new Error(`${failed} real-VS-Code test(s) failed`));
        else if (stats.passes === 0) reject(new Error("no real-VS-Code test ran"));
        else resolve();
      });
    } catch (error) {
      print("0 passed, 1 failed");
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  }).finally(untag);
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  SUITE_TAG,
  run
});
//# sourceMappingURL=data:application/json;base64,ewogICJ2ZXJzaW9uIjogMywKICAic291cmNlcyI6IFsiLi4vLi4vc3VpdGUvaW5kZXgudHMiXSwKICAic291cmNlc0NvbnRlbnQiOiBbIi8vIFRoZSBleHRlbnNpb24taG9zdCBzaWRlIG9mIHRoZSByZWFsLVZTLUNvZGUgc3VpdGU6IFZTIENvZGUgKGNvZGUtc2VydmVyJ3Mgd2ViIHdvcmtiZW5jaCBvciBhIGRlc2t0b3Bcbi8vIGJ1aWxkIHVuZGVyIEB2c2NvZGUvdGVzdC1lbGVjdHJvbikgbG9hZHMgdGhpcyBmaWxlIGFzIGBleHRlbnNpb25UZXN0c1BhdGhgIGFuZCBhd2FpdHMgYHJ1bigpYC5cbi8vIE1vY2hhIHJ1bnMgdGhlIGNvbXBpbGVkIGAqLnRlc3QuanNgIGJlc2lkZSBpdDsgdGhlIGxhc3QgbGluZSBwcmludGVkIGlzIGBOIHBhc3NlZCwgTiBmYWlsZWRgXG4vLyAoYW5kIGAsIE4gc2tpcHBlZGApLCB0aGUgbGluZSB0aGUgcnVubmVycyBhbmQgQ0kgcmVhZC5cbmltcG9ydCAqIGFzIGZzIGZyb20gJ25vZGU6ZnMnO1xuaW1wb3J0ICogYXMgcGF0aCBmcm9tICdub2RlOnBhdGgnO1xuaW1wb3J0IE1vY2hhIGZyb20gJ21vY2hhJztcbmltcG9ydCAqIGFzIHZzY29kZSBmcm9tICd2c2NvZGUnO1xuXG4vKipcbiAqIEluIGNvZGUtc2VydmVyJ3Mgd2ViIHdvcmtiZW5jaCB0aGUgZXh0ZW5zaW9uIGhvc3QncyBjb25zb2xlIHJlYWNoZXMgdGhlIGJyb3dzZXIgY29uc29sZSBtaXhlZFxuICogd2l0aCB0aGUgd29ya2JlbmNoJ3Mgb3duIGxvZyBsaW5lczogdGhlIHN1aXRlJ3MgbGluZXMgc3RhcnQgd2l0aCB0aGlzIHRhZyBzbyB0aGUgcnVubmVyIGNhbiBwaWNrXG4gKiB0aGVtIG91dCAoYW5kIHN0cmlwIGl0KS4gVW5kZXIgYSBkZXNrdG9wIFZTIENvZGUgdGhlIG91dHB1dCBpcyBsZWZ0IGFzIGl0IGlzLlxuICovXG5leHBvcnQgY29uc3QgU1VJVEVfVEFHID0gJ1tyZWFkb3V0LXN1aXRlXSAnO1xuXG5mdW5jdGlvbiB0YWdnZWQob3JpZ2luYWw6ICguLi5hcmdzOiB1bmtub3duW10pID0+IHZvaWQpOiAoLi4uYXJnczogdW5rbm93bltdKSA9PiB2b2lkIHtcbiAgcmV0dXJuICguLi5hcmdzOiB1bmtub3duW10pID0+IHtcbiAgICBjb25zdCBbZmlyc3QsIC4uLnJlc3RdID0gYXJncztcbiAgICBpZiAoYXJncy5sZW5ndGggPT09IDApIG9yaWdpbmFsKFNVSVRFX1RBRyk7XG4gICAgZWxzZSBpZiAodHlwZW9mIGZpcnN0ID09PSAnc3RyaW5nJykgb3JpZ2luYWwoU1VJVEVfVEFHICsgZmlyc3QsIC4uLnJlc3QpO1xuICAgIGVsc2Ugb3JpZ2luYWwoU1VJVEVfVEFHLCAuLi5hcmdzKTtcbiAgfTtcbn1cblxuZnVuY3Rpb24gdGFnQ29uc29sZSgpOiAoKSA9PiB2b2lkIHtcbiAgY29uc3Qgc2F2ZWQgPSB7IGxvZzogY29uc29sZS5sb2csIGVycm9yOiBjb25zb2xlLmVycm9yLCB3YXJuOiBjb25zb2xlLndhcm4sIGluZm86IGNvbnNvbGUuaW5mbyB9O1xuICAvLyBNb2NoYSdzIHJlcG9ydGVycyBwcmludCB0aHJvdWdoIEJhc2UuY29uc29sZUxvZywgYSBjb3B5IG9mIGNvbnNvbGUubG9nIHRha2VuIHdoZW4gbW9jaGEgbG9hZGVkLlxuICBjb25zdCBiYXNlID0gTW9jaGEucmVwb3J0ZXJzLkJhc2UgYXMgdW5rbm93biBhcyB7IGNvbnNvbGVMb2c6ICguLi5hcmdzOiB1bmtub3duW10pID0+IHZvaWQgfTtcbiAgY29uc3Qgc2F2ZWRCYXNlID0gYmFzZS5jb25zb2xlTG9nO1xuICBmb3IgKGNvbnN0IG5hbWUgb2YgT2JqZWN0LmtleXMoc2F2ZWQpIGFzIChrZXlvZiB0eXBlb2Ygc2F2ZWQpW10pIGNvbnNvbGVbbmFtZV0gPSB0YWdnZWQoc2F2ZWRbbmFtZV0pO1xuICBiYXNlLmNvbnNvbGVMb2cgPSB0YWdnZWQoc2F2ZWRCYXNlKTtcbiAgcmV0dXJuICgpID0+IHtcbiAgICBPYmplY3QuYXNzaWduKGNvbnNvbGUsIHNhdmVkKTtcbiAgICBiYXNlLmNvbnNvbGVMb2cgPSBzYXZlZEJhc2U7XG4gIH07XG59XG5cbmV4cG9ydCBmdW5jdGlvbiBydW4oKTogUHJvbWlzZTx2b2lkPiB7XG4gIGNvbnN0IG1vY2hhID0gbmV3IE1vY2hhKHtcbiAgICB1aTogJ3RkZCcsXG4gICAgY29sb3I6IGZhbHNlLFxuICAgIC8vIEVhY2ggd2FpdCBpbnNpZGUgYSB0ZXN0IGhhcyBpdHMgb3duLCBzaG9ydGVyLCB0aW1lLW91dCB3aXRoIGEgbWVzc2FnZSB0aGF0IHNheXMgd2hhdCB3YXMgYXdhaXRlZC5cbiAgICB0aW1lb3V0OiAxODBfMDAwLFxuICAgIHJlcG9ydGVyOiAnc3BlYycsXG4gIH0pO1xuICBjb25zdCBncmVwID0gcHJvY2Vzcy5lbnYuUkVBRE9VVF9WU0NPREVfR1JFUDtcbiAgaWYgKGdyZXApIG1vY2hhLmdyZXAoZ3JlcCk7XG4gIGNvbnN0IGZpbGVzID0gZnMucmVhZGRpclN5bmMoX19kaXJuYW1lKS5maWx0ZXIoKG5hbWUpID0+IG5hbWUuZW5kc1dpdGgoJy50ZXN0LmpzJykpLnNvcnQoKTtcbiAgZm9yIChjb25zdCBuYW1lIG9mIGZpbGVzKSBtb2NoYS5hZGRGaWxlKHBhdGguam9pbihfX2Rpcm5hbWUsIG5hbWUpKTtcblxuICBjb25zdCB0YWcgPSBwcm9jZXNzLmVudi5SRUFET1VUX1ZTQ09ERV9TVUlURV9UQUcgPT09ICcxJyB8fCB2c2NvZGUuZW52LnVpS2luZCA9PT0gdnNjb2RlLlVJS2luZC5XZWI7XG4gIGNvbnN0IHVudGFnID0gdGFnID8gdGFnQ29uc29sZSgpIDogKCkgPT4gdW5kZWZpbmVkO1xuICAvLyBUaGUgc3VtbWFyeSBpcyBwcmludGVkIHRocm91Z2ggYSB0YWdnZWQgY29weSBvZiBjb25zb2xlLmxvZyBvZiBpdHMgb3duLCB3aGF0ZXZlciBlbHNlIHJlcGxhY2VkIGNvbnNvbGUubG9nLlxuICBjb25zdCBwcmludCA9IHRhZyA/IHRhZ2dlZChjb25zb2xlLmxvZykgOiBjb25zb2xlLmxvZztcbiAgcmV0dXJuIG5ldyBQcm9taXNlPHZvaWQ+KChyZXNvbHZlLCByZWplY3QpID0+IHtcbiAgICBpZiAoZmlsZXMubGVuZ3RoID09PSAwKSB7XG4gICAgICBwcmludCgnMCBwYXNzZWQsIDEgZmFpbGVkJyk7XG4gICAgICByZWplY3QobmV3IEVycm9yKGBubyAqLnRlc3QuanMgZmlsZXMgaW4gJHtfX2Rpcm5hbWV9OiBydW4gbm9kZSB0ZXN0L3ZzY29kZS9idWlsZC5tanNgKSk7XG4gICAgICByZXR1cm47XG4gICAgfVxuICAgIHRyeSB7XG4gICAgICBjb25zdCBydW5uZXIgPSBtb2NoYS5ydW4oKGZhaWx1cmVzKSA9PiB7XG4gICAgICAgIGNvbnN0IHN0YXRzID0gcnVubmVyLnN0YXRzID8/IHsgcGFzc2VzOiAwLCBmYWlsdXJlcywgcGVuZGluZzogMCB9O1xuICAgICAgICBjb25zdCBmYWlsZWQgPSBNYXRoLm1heChmYWlsdXJlcywgc3RhdHMuZmFpbHVyZXMpO1xuICAgICAgICBjb25zdCBzdW1tYXJ5ID0gYCR7c3RhdHMucGFzc2VzfSBwYXNzZWQsICR7ZmFpbGVkfSBmYWlsZWRgICsgKHN0YXRzLnBlbmRpbmcgPiAwID8gYCwgJHtzdGF0cy5wZW5kaW5nfSBza2lwcGVkYCA6ICcnKTtcbiAgICAgICAgcHJpbnQoc3VtbWFyeSk7XG4gICAgICAgIGlmIChmYWlsZWQgPiAwKSByZWplY3QobmV3IEVycm9yKGAke2ZhaWxlZH0gcmVhbC1WUy1Db2RlIHRlc3QocykgZmFpbGVkYCkpO1xuICAgICAgICBlbHNlIGlmIChzdGF0cy5wYXNzZXMgPT09IDApIHJlamVjdChuZXcgRXJyb3IoJ25vIHJlYWwtVlMtQ29kZSB0ZXN0IHJhbicpKTtcbiAgICAgICAgZWxzZSByZXNvbHZlKCk7XG4gICAgICB9KTtcbiAgICB9IGNhdGNoIChlcnJvcikge1xuICAgICAgcHJpbnQoJzAgcGFzc2VkLCAxIGZhaWxlZCcpO1xuICAgICAgcmVqZWN0KGVycm9yIGluc3RhbmNlb2YgRXJyb3IgPyBlcnJvciA6IG5ldyBFcnJvcihTdHJpbmcoZXJyb3IpKSk7XG4gICAgfVxuICB9KS5maW5hbGx5KHVudGFnKTtcbn1cbiJdLAogICJtYXBwaW5ncyI6ICI7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7Ozs7OztBQUFBO0FBQUE7QUFBQTtBQUFBO0FBQUE7QUFBQTtBQUlBLFNBQW9CO0FBQ3BCLFdBQXNCO0FBQ3RCLG1CQUFrQjtBQUNsQixhQUF3QjtBQU9qQixJQUFNLFlBQVk7QUFFekIsU0FBUyxPQUFPLFVBQXNFO0FBQ3BGLFNBQU8sSUFBSSxTQUFvQjtBQUM3QixVQUFNLENBQUMsT0FBTyxHQUFHLElBQUksSUFBSTtBQUN6QixRQUFJLEtBQUssV0FBVyxFQUFHLFVBQVMsU0FBUztBQUFBLGFBQ2hDLE9BQU8sVUFBVSxTQUFVLFVBQVMsWUFBWSxPQUFPLEdBQUcsSUFBSTtBQUFBLFFBQ2xFLFVBQVMsV0FBVyxHQUFHLElBQUk7QUFBQSxFQUNsQztBQUNGO0FBRUEsU0FBUyxhQUF5QjtBQUNoQyxRQUFNLFFBQVEsRUFBRSxLQUFLLFFBQVEsS0FBSyxPQUFPLFFBQVEsT0FBTyxNQUFNLFFBQVEsTUFBTSxNQUFNLFFBQVEsS0FBSztBQUUvRixRQUFNLE9BQU8sYUFBQUEsUUFBTSxVQUFVO0FBQzdCLFFBQU0sWUFBWSxLQUFLO0FBQ3ZCLGFBQVcsUUFBUSxPQUFPLEtBQUssS0FBSyxFQUE2QixTQUFRLElBQUksSUFBSSxPQUFPLE1BQU0sSUFBSSxDQUFDO0FBQ25HLE9BQUssYUFBYSxPQUFPLFNBQVM7QUFDbEMsU0FBTyxNQUFNO0FBQ1gsV0FBTyxPQUFPLFNBQVMsS0FBSztBQUM1QixTQUFLLGFBQWE7QUFBQSxFQUNwQjtBQUNGO0FBRU8sU0FBUyxNQUFxQjtBQUNuQyxRQUFNLFFBQVEsSUFBSSxhQUFBQSxRQUFNO0FBQUEsSUFDdEIsSUFBSTtBQUFBLElBQ0osT0FBTztBQUFBO0FBQUEsSUFFUCxTQUFTO0FBQUEsSUFDVCxVQUFVO0FBQUEsRUFDWixDQUFDO0FBQ0QsUUFBTSxPQUFPLFFBQVEsSUFBSTtBQUN6QixNQUFJLEtBQU0sT0FBTSxLQUFLLElBQUk7QUFDekIsUUFBTSxRQUFXLGVBQVksU0FBUyxFQUFFLE9BQU8sQ0FBQyxTQUFTLEtBQUssU0FBUyxVQUFVLENBQUMsRUFBRSxLQUFLO0FBQ3pGLGFBQVcsUUFBUSxNQUFPLE9BQU0sUUFBYSxVQUFLLFdBQVcsSUFBSSxDQUFDO0FBRWxFLFFBQU0sTUFBTSxRQUFRLElBQUksNkJBQTZCLE9BQWMsV0FBSSxXQUFrQixjQUFPO0FBQ2hHLFFBQU0sUUFBUSxNQUFNLFdBQVcsSUFBSSxNQUFNO0FBRXpDLFFBQU0sUUFBUSxNQUFNLE9BQU8sUUFBUSxHQUFHLElBQUksUUFBUTtBQUNsRCxTQUFPLElBQUksUUFBYyxDQUFDLFNBQVMsV0FBVztBQUM1QyxRQUFJLE1BQU0sV0FBVyxHQUFHO0FBQ3RCLFlBQU0sb0JBQW9CO0FBQzFCLGFBQU8sSUFBSSxNQUFNLHlCQUF5QixTQUFTLGtDQUFrQyxDQUFDO0FBQ3RGO0FBQUEsSUFDRjtBQUNBLFFBQUk7QUFDRixZQUFNLFNBQVMsTUFBTSxJQUFJLENBQUMsYUFBYTtBQUNyQyxjQUFNLFFBQVEsT0FBTyxTQUFTLEVBQUUsUUFBUSxHQUFHLFVBQVUsU0FBUyxFQUFFO0FBQ2hFLGNBQU0sU0FBUyxLQUFLLElBQUksVUFBVSxNQUFNLFFBQVE7QUFDaEQsY0FBTSxVQUFVLEdBQUcsTUFBTSxNQUFNLFlBQVksTUFBTSxhQUFhLE1BQU0sVUFBVSxJQUFJLEtBQUssTUFBTSxPQUFPLGFBQWE7QUFDakgsY0FBTSxPQUFPO0FBQ2IsWUFBSSxTQUFTLEVBQUcsUUFBTyxJQUFJLE1BQU0sR0FBRyxNQUFNLDhCQUE4QixDQUFDO0FBQUEsaUJBQ2hFLE1BQU0sV0FBVyxFQUFHLFFBQU8sSUFBSSxNQUFNLDBCQUEwQixDQUFDO0FBQUEsWUFDcEUsU0FBUTtBQUFBLE1BQ2YsQ0FBQztBQUFBLElBQ0gsU0FBUyxPQUFPO0FBQ2QsWUFBTSxvQkFBb0I7QUFDMUIsYUFBTyxpQkFBaUIsUUFBUSxRQUFRLElBQUksTUFBTSxPQUFPLEtBQUssQ0FBQyxDQUFDO0FBQUEsSUFDbEU7QUFBQSxFQUNGLENBQUMsRUFBRSxRQUFRLEtBQUs7QUFDbEI7IiwKICAibmFtZXMiOiBbIk1vY2hhIl0KfQo=
