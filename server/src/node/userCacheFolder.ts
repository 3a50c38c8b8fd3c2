import * as os from 'node:os';
import * as path from 'node:path';

/** The user's cache folder, as each system places it: where the server keeps its files when the client gives it no folder. */
export function userCacheFolder(): string {
  if (process.platform === 'win32') return process.env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
}
