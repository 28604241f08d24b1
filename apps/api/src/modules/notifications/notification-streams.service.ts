import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig } from '../../config/app-config';
import { InboxService, type NotificationStreamEvent } from './inbox.service';
import { NOTIFICATIONS_CHANNEL } from './notifications.service';

/** One open page: what to do with an event, and how to end it. */
export interface StreamSubscriber {
  send(event: NotificationStreamEvent): void;
  close(): void;
}

/** A user with many tabs is served; a client opening streams in a loop is not. */
export const MAX_STREAMS_PER_USER = 8;
const MAX_BACKOFF_MS = 30_000;

/**
 * Fans committed notices out to the open streams of this API process. One dedicated
 * connection LISTENs on the channel NotificationsService notifies in the writer's
 * transaction, so only committed notices are ever announced; the payload is the user id,
 * and the event is read fresh from the database (count and newest notice), so a burst of
 * notices to one user collapses into one or two events. A dropped connection is reopened
 * with backoff, and every open page is then brought up to date, since notices committed
 * while nobody listened were never announced.
 */
@Injectable()
export class NotificationStreams implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationStreams.name);
  private readonly streams = new Map<string, Set<StreamSubscriber>>();
  /** Users whose event is being read now, and whether another notice came meanwhile. */
  private readonly pending = new Map<string, boolean>();
  private listener?: Client;
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly inbox: InboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  /** Before the HTTP server closes: it would otherwise wait for every open stream. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    for (const subscribers of this.streams.values()) for (const s of subscribers) s.close();
    this.streams.clear();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** How many streams a user holds open on this process. */
  openStreams(userId: string): number {
    return this.streams.get(userId)?.size ?? 0;
  }

  subscribe(userId: string, subscriber: StreamSubscriber): () => void {
    let subscribers = this.streams.get(userId);
    if (!subscribers) this.streams.set(userId, (subscribers = new Set()));
    subscribers.add(subscriber);
    if (subscribers.size > MAX_STREAMS_PER_USER) {
      // Sets keep insertion order: the oldest stream goes (likely a tab long closed).
      const [oldest] = subscribers;
      subscribers.delete(oldest);
      oldest.close();
    }
    return () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && this.streams.get(userId) === subscribers)
        this.streams.delete(userId);
    };
  }

  /** Reads the user's event once for all their streams; notices arriving meanwhile queue one more read. */
  async push(userId: string): Promise<void> {
    if (!this.streams.has(userId)) return;
    if (this.pending.has(userId)) {
      this.pending.set(userId, true);
      return;
    }
    this.pending.set(userId, false);
    try {
      do {
        this.pending.set(userId, false);
        const event = await this.inbox.streamEvent(userId);
        for (const s of this.streams.get(userId) ?? []) s.send(event);
      } while (this.pending.get(userId) && !this.stopped);
    } catch (e) {
      this.logger.warn(`notification event for ${userId} failed: ${(e as Error).message}`);
    } finally {
      this.pending.delete(userId);
    }
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (msg) => {
      if (msg.channel === NOTIFICATIONS_CHANNEL && msg.payload) void this.push(msg.payload);
    });
    // 'error' and 'end' both fire when the connection drops; only the first reconnects.
    const lost = (reason: string) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      void client.end().catch(() => undefined);
      this.logger.warn(`notifications listener lost (${reason})`);
      this.retry();
    };
    client.on('error', (e) => lost(e.message));
    client.on('end', () => lost('connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
    } catch (e) {
      void client.end().catch(() => undefined);
      this.logger.warn(`notifications LISTEN unavailable: ${(e as Error).message}`);
      this.retry();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
    const recovered = this.failures > 0;
    this.failures = 0;
    if (recovered) for (const userId of this.streams.keys()) void this.push(userId);
  }

  private retry(): void {
    if (this.stopped) return;
    this.failures++;
    const wait = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.failures);
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.listen(), wait);
  }
}
