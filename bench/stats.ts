// Small measuring helpers shared by the benchmarks: percentiles, process memory, timed runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The p-th percentile of sorted samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}

export interface Percentiles {
  readonly p50_ms: number;
  readonly p99_ms: number;
}

export function percentiles(sorted: readonly number[]): Percentiles {
  return { p50_ms: round(percentile(sorted, 50), 3), p99_ms: round(percentile(sorted, 99), 3) };
}

export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

function statusMiB(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? round(Number(match[1]) / 1024, 1) : NaN;
}

/** Peak resident memory of a running process so far, in MiB (Linux: VmHWM). */
export function peakRssMiB(pid: number): number {
  return statusMiB(pid, 'VmHWM');
}

/** Resident memory of a running process now, in MiB (Linux: VmRSS). */
export function rssMiB(pid: number): number {
  return statusMiB(pid, 'VmRSS');
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

export interface ProcessRun {
  readonly wallMs: number;
  readonly peakRssMiB: number;
  readonly status: number | null;
}

/**
 * Runs a Node script to its end with its output discarded. The peak memory is its VmHWM, polled
 * every 10 ms until it exits (it only grows, so the last value read is the peak but for the
 * final 10 ms).
 */
export function runProcess(script: string, args: readonly string[], cwd: string): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [script, ...args], { cwd, stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const now = peakRssMiB(child.pid!);
        if (now > peak) peak = now;
      } catch {
        // Exited between two polls: the last value stands (an exiting process reads as NaN).
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (status) => {
      clearInterval(poll);
      resolve({ wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakRssMiB: peak, status });
    });
  });
}
