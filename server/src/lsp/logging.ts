// Failures are logged to the client's output, never left to end the process.
import type { Connection } from 'vscode-languageserver';

export const describeError = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));

/**
 * An async listener whose failure is logged: the connection does not wait on a notification's
 * handler, so a rejection would otherwise go unhandled and end the process.
 */
export function logged<A extends unknown[]>(connection: Connection, what: string, listener: (...args: A) => Promise<unknown>): (...args: A) => void {
  return (...args) => {
    listener(...args).catch((error: unknown) => connection.console.error(`${what} failed: ${describeError(error)}`));
  };
}

/**
 * A count with thousands separators (50,000), as `toLocaleString('en-US')` writes it but without
 * loading the ICU number formats: their first use takes milliseconds, and the first scan's log
 * comes while a person's first edits are checked.
 */
export const countText = (count: number) => String(count).replace(/\B(?=(\d{3})+$)/g, ',');
