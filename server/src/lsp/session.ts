// Where the session is: requests are answered only between `initialize` and `shutdown`.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

export interface Session {
  /** `initialize` has come: requests are answered from now on. */
  start(): void;
  /** Answers `shutdown`: the error LSP asks for outside the session, or undefined once shut down. */
  shutDown(): ResponseError<void> | undefined;
  /** The error LSP asks for a request outside the session, or undefined inside it. */
  refusal(): ResponseError<void> | undefined;
}

export function createSession(): Session {
  let phase: 'starting' | 'running' | 'shut down' = 'starting';
  const refusal = () => {
    if (phase === 'starting') return new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.');
    if (phase === 'shut down') return new ResponseError(ErrorCodes.InvalidRequest, 'The server has been shut down: only exit is expected now.');
    return undefined;
  };
  return {
    start: () => {
      phase = 'running';
    },
    shutDown: () => {
      const refused = refusal();
      if (!refused) phase = 'shut down';
      return refused;
    },
    refusal,
  };
}
