import net, { type AddressInfo } from 'node:net';
import { type ArgumentsHost, HttpStatus, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { Client, DatabaseError, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { badRequest } from './api-error';
import { AllExceptionsFilter } from './all-exceptions.filter';
import {
  DependencyTimeoutError,
  isDependencyFailure,
  RETRY_AFTER_SECONDS,
  UNAVAILABLE_BODY,
  withinDeadline,
} from './unavailable';

/**
 * The errors below are the libraries' own, provoked against local sockets that behave
 * like a PostgreSQL or Redis that is down, silent or hanging up — no server needed.
 */
type Behaviour = 'silent' | 'hang-up';

async function fakeServer(behaviour: Behaviour) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    // A server going away: it reads the startup packet, then closes without a word.
    if (behaviour === 'hang-up') socket.once('data', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
  const { port, close } = await fakeServer('silent');
  await close();
  return port;
}

const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
};

const asQueryFailed = (driverError: Error) =>
  new QueryFailedError('SELECT 1', [], driverError as Error & { code?: string });

const pgError = (message: string, code: string) => {
  const e = new DatabaseError(message, 0, 'error');
  e.code = code;
  return e;
};

describe('isDependencyFailure: PostgreSQL', () => {
  it('a refused connection (nothing listens: the server is down or restarting)', async () => {
    const port = await closedPort();
    const error = await caught(async () => {
      const client = new Client({ host: '127.0.0.1', port, user: 'x', database: 'x' });
      client.on('error', () => undefined);
      await client.connect();
    });
    expect(isDependencyFailure(error)).toBe(true);
  });

  it('a server that hangs up during the handshake', async () => {
    const server = await fakeServer('hang-up');
    try {
      const error = await caught(async () => {
        const client = new Client({ host: '127.0.0.1', port: server.port, user: 'x' });
        client.on('error', () => undefined);
        await client.connect();
      });
      expect((error as Error).message).toMatch(/Connection terminated/);
      expect(isDependencyFailure(error)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a silent server: the connect timeout, and the pool checkout that waited behind it', async () => {
    const server = await fakeServer('silent');
    const pool = new Pool({
      host: '127.0.0.1',
      port: server.port,
      user: 'x',
      max: 1,
      connectionTimeoutMillis: 100,
    });
    pool.on('error', () => undefined);
    try {
      const [connecting, waiting] = await Promise.all([
        caught(() => pool.connect()),
        caught(() => pool.connect()),
      ]);
      expect((connecting as Error).message).toBe('Connection terminated due to connection timeout');
      expect((waiting as Error).message).toBe('timeout exceeded when trying to connect');
      expect(isDependencyFailure(connecting)).toBe(true);
      expect(isDependencyFailure(waiting)).toBe(true);
    } finally {
      await pool.end().catch(() => undefined);
      await server.close();
    }
  });

  it.each([
    ['terminating connection due to administrator command', '57P01'],
    ['the database system is starting up', '57P03'],
    ['the database system is shutting down', '57P03'],
    ['sorry, too many clients already', '53300'],
    ['canceling statement due to statement timeout', '57014'],
    ['connection failure', '08006'],
  ])('a query refused with "%s" (%s), as TypeORM wraps it', (message, code) => {
    expect(isDependencyFailure(asQueryFailed(pgError(message, code)))).toBe(true);
    expect(isDependencyFailure(pgError(message, code))).toBe(true);
  });

  it('a query on a connection that died under it', () => {
    expect(
      isDependencyFailure(asQueryFailed(new Error('Connection terminated unexpectedly'))),
    ).toBe(true);
    expect(
      isDependencyFailure(
        asQueryFailed(new Error('Client has encountered a connection error and is not queryable')),
      ),
    ).toBe(true);
  });

  it('not: refusals caused by the request or by our own code', () => {
    for (const [message, code] of [
      ['duplicate key value violates unique constraint "x"', '23505'],
      ['invalid input syntax for type uuid: "x"', '22P02'],
      ['syntax error at or near "x"', '42601'],
      ['relation "x" does not exist', '42P01'],
      ['deadlock detected', '40P01'],
    ]) {
      expect(isDependencyFailure(asQueryFailed(pgError(message, code)))).toBe(false);
    }
    expect(
      isDependencyFailure(new TypeError("Cannot read properties of undefined (reading 'id')")),
    ).toBe(false);
    expect(isDependencyFailure(new Error('boom'))).toBe(false);
    expect(isDependencyFailure(badRequest('amount', 'must be positive'))).toBe(false);
    expect(isDependencyFailure(undefined)).toBe(false);
    expect(isDependencyFailure('ECONNREFUSED')).toBe(false);
  });
});

describe('isDependencyFailure: Redis', () => {
  it('a command while disconnected, with the offline queue off (the rate limits, the relay)', async () => {
    const redis = new Redis({
      port: await closedPort(),
      lazyConnect: true,
      enableOfflineQueue: false,
    });
    try {
      const error = await caught(() => redis.get('k'));
      expect(isDependencyFailure(error)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('a command that ran out of retries while Redis was away', async () => {
    const redis = new Redis({
      port: await closedPort(),
      maxRetriesPerRequest: 0,
      // One retry, then give up reconnecting, so nothing is left running after the test.
      retryStrategy: (times) => (times > 1 ? null : 10),
      disconnectTimeout: 10,
    });
    redis.on('error', () => undefined);
    try {
      const error = await caught(() => redis.get('k'));
      expect((error as Error).name).toBe('MaxRetriesPerRequestError');
      expect(isDependencyFailure(error)).toBe(true);
    } finally {
      redis.disconnect();
    }
  });

  it('Redis loading its data after a restart, and a closed connection', () => {
    const loading = new Error('LOADING Redis is loading the dataset in memory');
    loading.name = 'ReplyError';
    expect(isDependencyFailure(loading)).toBe(true);
    expect(isDependencyFailure(new Error('Connection is closed.'))).toBe(true);
    expect(isDependencyFailure(new Error('Command timed out'))).toBe(true);
  });

  it('not: Redis refusing a command we got wrong', () => {
    const wrongType = new Error(
      'WRONGTYPE Operation against a key holding the wrong kind of value',
    );
    wrongType.name = 'ReplyError';
    expect(isDependencyFailure(wrongType)).toBe(false);
  });
});

describe('withinDeadline', () => {
  it('answers as the work does when it is in time', async () => {
    await expect(withinDeadline(Promise.resolve(7), 1_000, 'the queue')).resolves.toBe(7);
    await expect(withinDeadline(Promise.reject(new Error('no')), 1_000, 'q')).rejects.toThrow('no');
  });

  it('gives up on work that never ends, with a failure that answers 503', async () => {
    const error = await caught(() => withinDeadline(new Promise(() => undefined), 5, 'the queue'));
    expect(error).toBeInstanceOf(DependencyTimeoutError);
    expect(isDependencyFailure(error)).toBe(true);
  });
});

describe('AllExceptionsFilter answers a dependency failure with 503', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  function answer(exception: unknown) {
    const res = {
      headersSent: false,
      statusCode: 0,
      headers: {} as Record<string, string>,
      body: undefined as unknown,
      setHeader(name: string, value: string) {
        this.headers[name] = value;
      },
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      json(body: unknown) {
        this.body = body;
        return this;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
    new AllExceptionsFilter().catch(exception, host);
    return res;
  }

  it('in the platform error shape, with Retry-After and no driver text', async () => {
    const port = await closedPort();
    const refused = await caught(async () => {
      const client = new Client({ host: '127.0.0.1', port, user: 'x' });
      client.on('error', () => undefined);
      await client.connect();
    });
    for (const exception of [
      refused,
      asQueryFailed(pgError('terminating connection due to administrator command', '57P01')),
      new Error("Stream isn't writeable and enableOfflineQueue options is false"),
    ]) {
      const res = answer(exception);
      expect(res.statusCode).toBe(HttpStatus.SERVICE_UNAVAILABLE);
      expect(res.body).toEqual(UNAVAILABLE_BODY);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        message: expect.any(String),
        details: [],
      });
      expect(res.headers['Retry-After']).toBe(String(RETRY_AFTER_SECONDS));
      const text = JSON.stringify(res.body);
      for (const leak of ['ECONNREFUSED', '127.0.0.1', String(port), 'administrator', 'Stream'])
        expect(text).not.toContain(leak);
    }
  });

  it('leaves other failures as they were: a bug is still a 500, a duplicate a 409', () => {
    expect(answer(new Error('boom')).statusCode).toBe(500);
    expect(
      answer(asQueryFailed(pgError('duplicate key value violates unique constraint', '23505')))
        .statusCode,
    ).toBe(409);
  });
});
