/** The p-th percentile of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

/** Peak resident memory of a process so far, in MiB (Linux: VmHWM). */
export function peakRssMiB(pid: number, readStatus: (path: string) => string): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readStatus(`/proc/${pid}/status`));
  return match ? round(Number(match[1]) / 1024, 1) : NaN;
}

/** Times `run` `count` times after `warmup` runs; returns the sorted milliseconds. */
export async function sample(count: number, warmup: number, run: (i: number) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count + warmup; i++) {
    const start = process.hrtime.bigint();
    await run(i);
    if (i >= warmup) samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}
