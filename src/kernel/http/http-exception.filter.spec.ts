import { toErrorBody } from './http-exception.filter';

const sqliteError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('a database that refuses a write', () => {
  it('is a 503 that says nothing was written, when its file became read-only under the running app (it was a 500)', () => {
    for (const code of ['SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY']) {
      expect(toErrorBody(sqliteError(code, 'attempt to write a readonly database'))).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The database cannot be written (its file or directory is read-only): nothing was written. Try again once an administrator has fixed it',
      });
    }
  });

  it('is a 503 too when its disk is full, and any other failure of ours a 500', () => {
    expect(toErrorBody(sqliteError('SQLITE_FULL', 'database or disk is full')).statusCode).toBe(503);
    expect(toErrorBody(sqliteError('SQLITE_CORRUPT', 'database disk image is malformed')).statusCode).toBe(500);
  });
});
