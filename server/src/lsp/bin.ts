// The language server's entry (built to server/out/server.js): runs its bundle (server.ts, built to
// serverMain.js beside it) with a V8 code cache (node/codeCache.ts) kept in the folder the client
// names (`--code-cache=FOLDER`: VS Code's global storage for the extension), else in the user's
// cache folder. A session that starts without one, or with one V8 refuses (another version of the
// editor), writes it as it ends; the starts after it do not compile the bundle again (`initialize`
// is answered some 0.07 s sooner). One file per V8 version, so that two editors on one machine do
// not take turns rewriting it.
import * as path from 'node:path';
import { CODE_CACHE_ARGUMENT, runBundle } from '../node/codeCache';
import { userCacheFolder } from '../node/userCacheFolder';

const named = process.argv.find((argument) => argument.startsWith(`${CODE_CACHE_ARGUMENT}=`));
const folder = named?.slice(CODE_CACHE_ARGUMENT.length + 1) || path.join(userCacheFolder(), 'readout', 'code-cache');
runBundle(path.join(__dirname, 'serverMain.js'), path.join(folder, `server-${process.versions.v8}.cache`), (cacheTaken) => !cacheTaken);
