import { createServer, type AddressInfo } from 'node:net';

/** A port nobody listens on now, for a process the test starts there (or whose address must be known before it starts). */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
