import { isConnectionError } from './reminder-queue';

describe('which worker errors are a Redis outage', () => {
  it('a refused, reset or closed connection is one', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6391'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isConnectionError(new Error('Connection is closed.'))).toBe(true);
  });

  it("a job's lock Redis would not renew is not: taken for one, it hid the real outage that followed", () => {
    expect(isConnectionError(new Error('could not renew lock for job 683ea5a2'))).toBe(false);
    expect(isConnectionError(new Error('Missing lock for job 12. moveToFinished'))).toBe(false);
  });
});
