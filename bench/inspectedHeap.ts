// The JavaScript heap of a Node process started with --inspect, read over the DevTools protocol
// after a full garbage collection. Resident memory alone cannot tell a leak from V8 letting its
// heap grow before it collects; the heap after a forced collection can.
// WebSocket is a global from Node 22; on Node 20 the bench runs with --experimental-websocket.

/** What Node prints on stderr when --inspect opens its port. */
export const INSPECTOR_URL = /Debugger listening on (ws:\/\/\S+)/;

export class InspectedHeap {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (result: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
  }

  static async connect(url: string): Promise<InspectedHeap> {
    if (typeof WebSocket === 'undefined') throw new Error('no WebSocket in this Node: run with --experimental-websocket (Node 20) or on Node 22+');
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`cannot connect to the inspector at ${url}`)), { once: true });
    });
    return new InspectedHeap(socket);
  }

  /** MiB of heap in use after a full collection. */
  async usedAfterCollectionMiB(): Promise<number> {
    await this.call('HeapProfiler.collectGarbage');
    const { usedSize } = await this.call('Runtime.getHeapUsage') as { usedSize: number };
    return Number((usedSize / 1024 / 1024).toFixed(1));
  }

  close(): void {
    this.socket.close();
  }

  private call(method: string): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ id, method }));
    });
  }
}
