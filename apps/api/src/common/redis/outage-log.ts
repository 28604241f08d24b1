import { type Logger } from '@nestjs/common';

/** What reports a lost connection: an ioredis client, a BullMQ queue or worker. */
interface FailingEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** Errors closer together than this belong to one outage. */
const SAME_OUTAGE_MS = 30_000;

/**
 * One warning per outage of a Redis connection, instead of a line per reconnection attempt
 * — or, from an emitter nobody listens to, a stack trace per attempt ("Unhandled error
 * event"). The clients reconnect by themselves either way.
 */
export class OutageLog {
  private lastFailure = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly logger: Logger,
    private readonly label: string,
  ) {}

  watch(emitter: FailingEmitter): this {
    emitter.on('error', (error) => this.failed(error));
    return this;
  }

  failed(error: Error, now = Date.now()): void {
    if (now - this.lastFailure > SAME_OUTAGE_MS)
      this.logger.warn(`${this.label} unavailable: ${error.message}`);
    this.lastFailure = now;
  }
}
