import { Logger } from '@nestjs/common';

/** The part of `process` the handlers use, so a test can hand in its own. */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error, origin: string) => void): unknown;
  exit(code: number): never | void;
}

const failureText = (failure: unknown) => (failure instanceof Error ? (failure.stack ?? failure.message) : String(failure));

/**
 * The last line of defence, for main.ts and worker.ts. Every failure is meant
 * to be handled where it happens (a request answers with its error, the write
 * queue settles each task, the relay and the reconciler retry); this only
 * catches what slipped through, so it is logged as the bug it is.
 *
 * A promise nobody awaited that rejects changed no shared state on the way,
 * so the process goes on serving: Node's default would end it, and with it
 * every other request. An exception thrown past every frame is different:
 * it may have left a half-done change behind (a socket, a connection, a
 * counter), and Node's advice is to stop. So it is logged and the process
 * exits with 1, for the supervisor to start a clean one.
 */
export function containProcessFailures(proc: ProcessEvents = process, logger = new Logger('Process')): void {
  proc.on('unhandledRejection', (reason) => {
    logger.error(`Unhandled rejection; the process goes on serving: ${failureText(reason)}`);
  });
  proc.on('uncaughtException', (error, origin) => {
    logger.error(`Uncaught exception (${origin}); the process stops: ${failureText(error)}`);
    proc.exit(1);
  });
}
