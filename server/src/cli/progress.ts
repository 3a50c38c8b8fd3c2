// A progress line on stderr while a large run is checked, only when stderr is a terminal.
const REDRAW_MS = 100;

export interface Progress {
  update(done: number): void;
  /** Clears the line, so that the report starts on a clean one. */
  end(): void;
}

export function createProgress(stream: NodeJS.WriteStream, total: number, label: string): Progress {
  if (!stream.isTTY) return { update() {}, end() {} };
  let drawn = 0;
  let visible = false;
  return {
    update(done) {
      const now = Date.now();
      if (now - drawn < REDRAW_MS && done < total) return;
      drawn = now;
      visible = true;
      stream.write(`\r${label} ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}\u001b[K`);
    },
    end() {
      if (visible) stream.write('\r\u001b[K');
    },
  };
}
