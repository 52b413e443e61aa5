import { EventEmitter } from 'node:events';
import type { Logger } from '@nestjs/common';
import { containProcessFailures, type ProcessEvents } from './last-resort';

describe('the last-resort handlers', () => {
  const setUp = () => {
    const emitter = new EventEmitter();
    const exits: number[] = [];
    const logged: string[] = [];
    const proc = Object.assign(emitter, { exit: (code: number) => void exits.push(code) }) as unknown as ProcessEvents & EventEmitter;
    containProcessFailures(proc, { error: (message: string) => logged.push(message) } as unknown as Logger);
    return { proc, exits, logged };
  };

  it('logs a rejection nobody handled, with its stack, and keeps the process', () => {
    const { proc, exits, logged } = setUp();
    proc.emit('unhandledRejection', new RangeError('Invalid time value'));
    proc.emit('unhandledRejection', 'a bare string');
    expect(exits).toEqual([]);
    expect(logged[0]).toMatch(/^Unhandled rejection; the process goes on serving: RangeError: Invalid time value\n\s+at /);
    expect(logged[1]).toBe('Unhandled rejection; the process goes on serving: a bare string');
  });

  it('logs an uncaught exception with its stack and ends the process with 1', () => {
    const { proc, exits, logged } = setUp();
    proc.emit('uncaughtException', new TypeError('x is undefined'), 'uncaughtException');
    expect(exits).toEqual([1]);
    expect(logged[0]).toMatch(/^Uncaught exception \(uncaughtException\); the process stops: TypeError: x is undefined\n\s+at /);
  });
});
