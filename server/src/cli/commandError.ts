/** Exit status 2: bad usage, an unreadable configuration or schema, a file that cannot be read or written. */
export const EXIT_FATAL = 2;

/** A problem that stops a command before it can do its work; its message says what was wrong. */
export class CommandError extends Error {}
