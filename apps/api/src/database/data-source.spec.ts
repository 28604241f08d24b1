import net, { type AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { isDependencyFailure } from '../common/http/unavailable';
import { ClosingOnSilenceClient, answerTimeoutMs, dataSourceOptions } from './data-source';

/**
 * A PostgreSQL that lets clients in, then never answers a query — a hung server. It
 * speaks just enough of the protocol (PostgreSQL manual, "Message Formats"):
 * AuthenticationOk, then ReadyForQuery.
 */
async function hungServer() {
  const sockets = new Set<net.Socket>();
  let closedByClient = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      closedByClient++;
    });
    socket.once('data', () => {
      const authOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
      const ready = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
      socket.write(Buffer.concat([authOk, ready]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    closedByClient: () => closedByClient,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('a database that stops answering', () => {
  it('fails the query after query_timeout, closes that connection, and the pool lets it go', async () => {
    const server = await hungServer();
    const pool = new Pool({
      host: '127.0.0.1',
      port: server.port,
      user: 'x',
      max: 1,
      query_timeout: 50,
      Client: ClosingOnSilenceClient,
    });
    pool.on('error', () => undefined);
    try {
      const client = await pool.connect();
      const error = await client.query('BEGIN').catch((e: unknown) => e);
      client.release();
      expect((error as Error).message).toBe('Query read timeout');
      expect(isDependencyFailure(error)).toBe(true);
      // A later COMMIT on this connection could commit what the server still holds: gone.
      await new Promise((r) => setTimeout(r, 20));
      expect(server.closedByClient()).toBe(1);
      expect(pool.totalCount).toBe(0);
    } finally {
      await pool.end().catch(() => undefined);
      await server.close();
    }
  });

  it('the API bounds every wait; the CLI and the tests wait as long as it takes', () => {
    const api = dataSourceOptions('postgres://x@h/db', 10, {
      connectMs: 5_000,
      statementMs: 30_000,
    });
    expect(api.extra).toMatchObject({
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
      query_timeout: answerTimeoutMs(30_000),
      Client: ClosingOnSilenceClient,
    });
    expect(answerTimeoutMs(30_000)).toBeGreaterThan(30_000);
    const cli = dataSourceOptions('postgres://x@h/db');
    expect(cli.extra).not.toHaveProperty('statement_timeout');
    expect(cli.extra).not.toHaveProperty('query_timeout');
  });
});
