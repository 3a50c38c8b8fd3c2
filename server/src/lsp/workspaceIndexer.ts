import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { getHeapStatistics } from 'node:v8';
import { URI } from 'vscode-uri';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { uriKey } from '../core/uriKey';
import type { ReadoutService } from '../core/languageService';
import type { RestoredFiles, SnapshotRecord } from '../node/indexSnapshot';
import { readFrontMatterHead } from '../node/readHead';
import { fileIdentity } from '../node/regularFile';
import { byDepth } from '../node/readoutFiles';
import type { Settings } from '../node/settings';
import type { PlacedFile } from './configuration';
import { countText } from './logging';
import { pathInside } from './workspaceFolders';
import { scanFolders, type ScanProgress } from './workspaceScan';

export interface IndexerOptions {
  readonly index: WorkspaceIndex;
  /** Open documents override their disk copy: their entries come from the editor. */
  readonly isOpen: (uri: string) => boolean;
  /** The uris of the open documents (a restore compares their keys with those it restores). */
  readonly openUris: () => readonly string[];
  readonly service: () => ReadoutService;
  readonly settings: () => Settings;
  /** Where the settings put the file, and whether a scan of the workspace lists it: the index holds only those. */
  readonly place: (file: string) => PlacedFile;
  /** The source URLs whose readouts changed, so that open documents sharing them are checked again. */
  readonly onUrlsChanged: (urls: { has(url: string): boolean }) => void;
  readonly log: (message: string) => void;
}

export type FileChange = 'created' | 'changed' | 'deleted';

/** Whether a scan read all its files, or was stopped by a newer one. */
export type ScanOutcome = 'done' | 'cancelled';

/**
 * Restored records whose paths and stamps are taken per step of `settle`: some 2 ms each. Settling
 * starts as the restore ends, when the client asks for symbols and completion: steps of 4,096 (7 ms)
 * held the first workspace symbols up some 25 ms, the request waiting behind three of them.
 */
const SETTLED_PER_STEP = 1024;

/** How the log of a stopped scan begins (a scan that ends logs "Indexed ..."). */
const SCAN_STOPPED_LOG = 'Stopped indexing after';

/** Keeps the workspace index in step with the disk: a scan per folder, then file events. */
export function createIndexer(options: IndexerOptions) {
  const { index } = options;

  // A uri under the folder's own uri is in it (a path is escaped character by character): the
  // parse and path.relative of the others took 0.5 s over 200,000 readouts at a warm start.
  const folderUris = new Map<string, string>();
  const inFolder = (uri: string, folder: string) => {
    let prefix = folderUris.get(folder);
    if (prefix === undefined) folderUris.set(folder, (prefix = `${URI.file(folder).toString().replace(/\/$/, '')}/`));
    return uri.startsWith(prefix) || pathInside(folder, URI.parse(uri).fsPath) !== undefined;
  };

  // The file each indexed path reads, and the path indexed for each file: a file reached by several
  // paths (a link to its folder, a hard link) is indexed once, by the shortest, never as its own duplicate.
  const identityOf = new Map<string, string>();
  const pathOf = new Map<string, string>();
  // The stamp of each readout the index holds as read from disk, and of each file read that is not
  // a readout: what a snapshot keeps, so that the next start reads only the files whose stamp moved.
  const stamps = new Map<string, string>();
  const otherStamps = new Map<string, string>();
  // Moves whenever either changes: a snapshot taken at one count is current until it moves.
  let generation = 0;
  // Restored files whose paths and stamps are still to be taken (`settle`): the index answers
  // with their entries at once, and the maps of 200,000 paths and stamps are made after.
  let unsettled: RestoredFiles[] = [];
  // Folders that left the workspace: what a snapshot still being restored holds of them is passed over.
  const leftFolders = new Set<string>();

  /**
   * Records the stamp of the file at `uri`, a readout or not, or that it has none (undefined). A
   * stamp restored is what the snapshot already holds: it does not move the generation.
   */
  function stamped(uri: string, stamp: string | undefined, readout: boolean, restored = false): void {
    const [kept, other] = readout ? [stamps, otherStamps] : [otherStamps, stamps];
    if (other.delete(uri)) generation++;
    if (kept.get(uri) === stamp) return;
    if (stamp === undefined) kept.delete(uri);
    else kept.set(uri, stamp);
    if (!restored) generation++;
  }

  /**
   * Takes the paths and stamps of the records restored, in steps between which the server answers
   * requests: before a scan compares the stamps. A record whose entry an event or an editor has
   * replaced meanwhile is passed over; a second path to a file another holds is dropped.
   */
  async function settle(): Promise<void> {
    const chunks = unsettled;
    unsettled = [];
    const changed = new Set<string>();
    let settled = 0;
    for (const files of chunks) {
      const { uris, uriKeys, entries } = files;
      for (let at = 0; at < uris.length; at++) {
        const uri = uris[at];
        const entry = entries[at];
        if (!entry) {
          // Not when an event has stamped it since.
          if (!stamps.has(uri) && !otherStamps.has(uri)) stamped(uri, files.stamp(at), false, true);
        } else if (index.get(uri, uriKeys[at]) === entry) {
          if (claim(uri, files.identity(at), changed)) stamped(uri, files.stamp(at), true, true);
          else drop(uri, changed);
        }
        if (++settled % SETTLED_PER_STEP === 0) await yieldToEvents();
      }
    }
    if (changed.size > 0) options.onUrlsChanged(changed);
  }

  function drop(uri: string, changed: Set<string>): void {
    const url = index.get(uri)?.sourceUrl?.value;
    stamped(uri, undefined, true);
    if (index.delete(uri) && url !== undefined) changed.add(url);
    const identity = identityOf.get(uri);
    if (identity !== undefined && pathOf.get(identity) === uri) pathOf.delete(identity);
    identityOf.delete(uri);
  }

  /** Whether `uri` is the path to index its file by; another path indexed for it is dropped when this one is shorter. */
  function claim(uri: string, identity: string, changed: Set<string>): boolean {
    const holder = pathOf.get(identity);
    if (holder !== undefined && holder !== uri && index.get(holder) !== undefined) {
      const file = URI.parse(uri).fsPath;
      const holderFile = URI.parse(holder).fsPath;
      // A holder renamed away (its deletion not reported yet) no longer leads to the file: it keeps no claim.
      if (fileIdentity(holderFile) === identity && byDepth([file, holderFile])[0] !== file) return false;
      drop(holder, changed);
    }
    const previous = identityOf.get(uri);
    if (previous !== undefined && previous !== identity && pathOf.get(previous) === uri) pathOf.delete(previous);
    pathOf.set(identity, uri);
    identityOf.set(uri, identity);
    return true;
  }

  /**
   * The scan under way. One runs at a time: a newer scan stops it and takes over its folders. The
   * uris that file events set or dropped meanwhile are the events' to decide, not the scan's.
   */
  interface RunningScan {
    readonly folders: Set<string>;
    readonly touched: Set<string>;
    /** A warm start's scan: files whose stat gives the stamp the index restored are not read. */
    readonly trustStamps: boolean;
    /** The restore of the index under way when the scan began (a warm start's), which it waits for before it compares. */
    readonly restoring: Promise<void> | undefined;
    cancelled: boolean;
    finished: Promise<unknown>;
  }
  let running: RunningScan | undefined;

  async function scanNow(run: RunningScan, onProgress?: (progress: ScanProgress) => void): Promise<ScanOutcome> {
    // Only a warm start's first scan trusts the stamps: after a change of settings a file may read otherwise.
    const trustStamps = run.trustStamps;
    const started = Date.now();
    const folders = [...run.folders];
    const inScannedFolder = (uri: string) => [...run.folders].some((folder) => inFolder(uri, folder));
    // Only what the index held before the scan, or restored, can be stale: an entry added since came from an event.
    let heldBefore: string[] = [];
    let otherHeldBefore: string[] = [];
    const holdings = () => {
      heldBefore = [...index.entries()].map((entry) => entry.uri).filter(inScannedFolder);
      otherHeldBefore = [...otherStamps.keys()];
    };
    if (!run.restoring) holdings();
    const stampsReady = run.restoring?.then(settle).then(holdings);
    const seen = new Set<string>();
    const otherSeen = new Set<string>();
    const changed = new Set<string>();
    let failures = 0;
    let unchanged = 0;
    // The files are listed once the index is restored and its stamps settled, not meanwhile: the
    // listing's threads and the stat thread took both cores, from the restore and from the client
    // that asks for completion and symbols once it ends (the first symbols of 200,000 readouts came
    // 0.35 to 0.55 s after the restore, now 0.1 to 0.15 s).
    await stampsReady;
    const settings = options.settings();
    const { outcome, readOnThread } = await scanFolders(folders, {
      settings,
      // Without readout.files, no path need be placed: the fields decide.
      inReadoutFiles: settings.files.length === 0 ? () => false : (file) => options.place(file).inReadoutFiles,
      onProgress,
      isCancelled: () => run.cancelled,
      parse: (uri, text, inReadoutFiles) => options.service().getEntry({ uri, text, inReadoutFiles }),
      log: options.log,
      onFailure(file, reason) {
        failures++;
        options.log(`Could not read ${file}: ${reason}`);
      },
      known: trustStamps ? (uri) => stamps.get(uri) ?? otherStamps.get(uri) : undefined,
      stampsReady,
      onUnchanged(uri) {
        unchanged++;
        if (stamps.has(uri)) seen.add(uri);
        else otherSeen.add(uri);
      },
      onOther(uri, stamp) {
        if (run.touched.has(uri)) return;
        otherSeen.add(uri);
        stamped(uri, stamp, false);
      },
      onEntry(entry, identity, file, stamp) {
        // A file event since the listing knows better than a read that may have come before it.
        if (run.touched.has(entry.uri)) return;
        // A second path to a file the index holds is not a readout of its own.
        if (!claim(entry.uri, identity, changed)) return;
        seen.add(entry.uri);
        // Its folder may have left the workspace while the scan ran.
        if (options.isOpen(entry.uri) || !options.place(file).listed) return;
        const before = index.get(entry.uri)?.sourceUrl?.value;
        stamped(entry.uri, stamp, true);
        index.set(entry);
        if (before !== entry.sourceUrl?.value) {
          if (before !== undefined) changed.add(before);
          if (entry.sourceUrl) changed.add(entry.sourceUrl.value);
        }
      },
    });
    const plural = (count: number, word: string) => `${countText(count)} ${word}${count === 1 ? '' : 's'}`;
    if (outcome === 'done') {
      // Entries of these folders that the scan no longer found (deleted, excluded, no longer readouts).
      for (const uri of heldBefore) {
        if (!seen.has(uri) && !run.touched.has(uri) && !options.isOpen(uri) && inScannedFolder(uri)) drop(uri, changed);
      }
      for (const uri of otherHeldBefore) {
        if (!otherSeen.has(uri) && !run.touched.has(uri) && inScannedFolder(uri)) stamped(uri, undefined, false);
      }
      // Not process.memoryUsage(): it reads the resident size from /proc too, 10 ms once measured, in
      // the middle of the first edits of a session (an empty workspace's scan ends while they come).
      const heap = Math.round(getHeapStatistics().used_heap_size / 2 ** 20);
      const read = trustStamps ? `; ${countText(seen.size + otherSeen.size - unchanged)} of ${plural(seen.size + otherSeen.size, 'file')} read, the others unchanged since the index was saved` : '';
      options.log(`Indexed ${plural(seen.size, 'readout')} in ${plural(folders.length, 'folder')} in ${Date.now() - started} ms (heap ${heap} MiB; ${plural(index.size, 'readout')} in the index${readOnThread ? '; files read on a thread of their own' : ''}${read})${failures ? `; ${plural(failures, 'file')} could not be read` : ''}.`);
    } else {
      options.log(`${SCAN_STOPPED_LOG} ${plural(seen.size, 'readout')} in ${Date.now() - started} ms: a newer scan takes over its folders.`);
    }
    if (changed.size > 0) options.onUrlsChanged(changed);
    return outcome;
  }

  return {
    /**
     * Scans folders, the readouts they hold replacing what the index held for them from disk. A scan
     * still running is stopped first, and its folders are scanned with these. With `restoring` (a
     * warm start's restore, under way), the files are listed and stat'ed once it ends, and those
     * whose stat gives the stamp restored are not read.
     */
    async scan(folders: readonly string[], onProgress?: (progress: ScanProgress) => void, restoring?: Promise<void>): Promise<ScanOutcome> {
      const previous = running;
      // A scan that takes over from one waits for its restore too, but reads every file.
      const run: RunningScan = { folders: new Set(folders), touched: new Set(), trustStamps: restoring !== undefined && !previous, restoring: restoring ?? previous?.restoring, cancelled: false, finished: Promise.resolve() };
      if (previous) {
        previous.cancelled = true;
        previous.folders.forEach((folder) => run.folders.add(folder));
      }
      running = run;
      const outcome = (async () => {
        await previous?.finished;
        return run.cancelled ? 'cancelled' : scanNow(run, onProgress);
      })();
      run.finished = outcome.catch(() => undefined);
      try {
        return await outcome;
      } finally {
        if (running === run) running = undefined;
      }
    },

    /**
     * Fills the index from a snapshot's chunk of files (a warm start), before the scan that checks
     * them against the disk; an open document's entry is left to its editor. Returns the readouts
     * restored. Their paths and stamps are taken by the scan, before it compares (`settle`).
     */
    restore(files: RestoredFiles): number {
      // Files of a folder that left the workspace meanwhile are passed over (by settle too).
      if (leftFolders.size > 0) {
        const all = files;
        const kept = all.uris.flatMap((uri, at) => ([...leftFolders].some((folder) => inFolder(uri, folder)) ? [] : [at]));
        files = {
          uris: kept.map((at) => all.uris[at]), uriKeys: kept.map((at) => all.uriKeys[at]), identity: (at) => all.identity(kept[at]), stamp: (at) => all.stamp(kept[at]),
          entries: kept.map((at) => all.entries[at]), sourceUrlTest: (url) => { const test = all.sourceUrlTest(url); return (at) => test(kept[at]); },
        };
      }
      const { uris, uriKeys, entries } = files;
      // The open documents' keys: a uri of another key is not open, which spares hashing each uri
      // restored (a lookup among the open documents hashes it).
      const openKeys = new Set(options.openUris().map(uriKey));
      const restored: number[] = [];
      for (let at = 0; at < entries.length; at++) {
        const entry = entries[at];
        if (entry && !(openKeys.has(uriKeys[at]) && options.isOpen(uris[at])) && index.add(entry, uriKeys[at])) restored.push(at);
      }
      unsettled.push(files);
      // The open documents sharing a URL with a readout restored (and not replaced since) are
      // checked again: their URLs compared with the kept ones, not 200,000 URLs made strings (a set
      // of each chunk's was 0.2 s of a warm start with a readout open).
      const restoredWith = (url: string) => {
        const test = files.sourceUrlTest(url);
        return restored.some((at) => test(at) && index.get(uris[at], uriKeys[at]) === entries[at]);
      };
      if (restored.length > 0) options.onUrlsChanged({ has: restoredWith });
      return restored.length;
    },

    titles: () => index.titles(),

    /** Counts every change of what a snapshot keeps: a snapshot taken at one count is current while it holds. */
    get generation() {
      return generation;
    },

    /** What a snapshot keeps: each file as last read from disk, its entry when a readout (not an open document's: that is its editor's). */
    *records(): Generator<SnapshotRecord> {
      for (const [uri, stamp] of stamps) {
        const entry = index.get(uri);
        const identity = identityOf.get(uri);
        if (entry && identity !== undefined && !options.isOpen(uri)) yield { uri, identity, stamp, entry, followsLayout: index.followsLayout(entry) };
      }
      for (const [uri, stamp] of otherStamps) yield { uri, identity: '', stamp, entry: undefined };
    },

    /** Forgets a folder that left the workspace, its open documents included: they are no longer the workspace's. */
    dropFolder(folder: string): void {
      running?.folders.delete(folder);
      leftFolders.add(folder);
      const changed = new Set<string>();
      for (const entry of [...index.entries()]) {
        if (inFolder(entry.uri, folder)) drop(entry.uri, changed);
      }
      for (const uri of [...otherStamps.keys()]) if (inFolder(uri, folder)) stamped(uri, undefined, false);
      if (changed.size > 0) options.onUrlsChanged(changed);
    },

    /** A file was created, changed or deleted on disk (an open document's editor copy wins). */
    async fileChanged(file: string, change: FileChange): Promise<void> {
      const uri = URI.file(file).toString();
      if (options.isOpen(uri)) return;
      running?.touched.add(uri);
      const changed = new Set<string>();
      const place = options.place(file);
      if (change === 'deleted' || !place.listed) {
        drop(uri, changed);
      } else {
        let head: { text: string; identity: string; stamp: string } | undefined;
        try {
          head = readFrontMatterHead(file);
        } catch (error) {
          options.log(`Could not read ${file}: ${(error as Error).message}`);
        }
        const entry = head === undefined ? undefined : options.service().getEntry({ uri, text: head.text, inReadoutFiles: place.inReadoutFiles });
        const before = index.get(uri)?.sourceUrl?.value;
        if (entry && claim(uri, head!.identity, changed)) {
          stamped(uri, head!.stamp, true);
          index.set(entry);
          if (before !== undefined) changed.add(before);
          if (entry.sourceUrl) changed.add(entry.sourceUrl.value);
        } else {
          drop(uri, changed);
          if (head && !entry) stamped(uri, head.stamp, false);
        }
      }
      if (changed.size > 0) options.onUrlsChanged(changed);
    },
  };
}
