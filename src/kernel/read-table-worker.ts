import { HttpException } from '@nestjs/common';
import { parentPort, workerData } from 'node:worker_threads';
import { readTable, type ReadTableAnswer } from './spreadsheet';

/** The worker thread that reads one uploaded spreadsheet for readTableInWorker, off the event loop that answers requests. */

const answer = (message: ReadTableAnswer) => parentPort!.postMessage(message);

readTable(Buffer.from(workerData as Uint8Array)).then(
  (table) => answer({ ok: true, table }),
  (error: unknown) =>
    answer(
      error instanceof HttpException
        ? { ok: false, status: error.getStatus(), response: error.getResponse(), message: error.message }
        : { ok: false, status: 0, response: '', message: error instanceof Error ? error.message : String(error) },
    ),
);
