import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { type HttpReply, type HttpRequest, takeOverResponse } from '../../common/http/http-reply';
import { Audited } from '../audit/audit-route';
import { UuidPipe } from '../../common/http/params';
import { AppConfig } from '../../config/app-config';
import {
  NotificationListDto,
  NotificationStreamEventDto,
  UnreadCountDto,
} from './dtos/notification-view.dto';
import { NotificationsQuery } from './dtos/notifications.query';
import { InboxService, type NotificationStreamEvent } from './inbox.service';
import { NotificationStreams } from './notification-streams.service';

/** How long a client waits before reconnecting after the stream drops. */
const RETRY_MS = 3_000;

/** Every role has notices: the firm hears of its applications, the bank of its queue. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller({ path: 'notifications', version: '1' })
export class NotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly streams: NotificationStreams,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  @ApiDoc({
    summary: "The caller's notices, newest first, with the unread count",
    response: NotificationListDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: NotificationsQuery) {
    return this.inbox.list(actor, query);
  }

  @ApiDoc({
    summary: 'Marks one of the caller’s notices read',
    response: UnreadCountDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @HttpCode(HttpStatus.OK)
  @Audited('notification', 'notification.read')
  @Post(':id/read')
  read(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.inbox.read(actor, id);
  }

  @ApiDoc({ summary: 'Marks all of the caller’s notices read', response: UnreadCountDto })
  @HttpCode(HttpStatus.OK)
  @Audited('notification', 'notification.read_all')
  @Post('read-all')
  readAll(@CurrentActor() actor: Actor) {
    return this.inbox.readAll(actor);
  }

  @ApiDoc({
    summary: 'Server-sent events: the unread count and newest notice, whenever they change',
    description:
      'Authenticate with the bearer header (read the stream with fetch, not EventSource). ' +
      'Each `notifications` event carries the data below; the first comes at once. Comment ' +
      'lines keep the connection alive; the stream ends when the access token expires, and ' +
      'the client reconnects with a fresh one.',
    stream: NotificationStreamEventDto,
  })
  @Get('stream')
  stream(@CurrentActor() actor: Actor, @Req() req: HttpRequest, @Res() reply: HttpReply): void {
    const { raw: res, headers } = takeOverResponse(reply);
    res.writeHead(HttpStatus.OK, {
      ...(headers as Record<string, string>),
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: a compressing proxy would otherwise hold events back to fill a block.
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx buffers proxied answers unless told not to.
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: ${RETRY_MS}\n\n`);

    let open = true;
    const write = (chunk: string) => {
      if (open && !res.writableEnded) res.write(chunk);
    };
    const send = (event: NotificationStreamEvent) =>
      write(`event: notifications\ndata: ${JSON.stringify(event)}\n\n`);
    const end = () => {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      clearTimeout(expiry);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    const heartbeat = setInterval(
      () => write(': keep-alive\n\n'),
      this.config.NOTIFICATION_HEARTBEAT_MS,
    );
    // The token was checked once, at the door: the stream lasts no longer than it would.
    const expiry = setTimeout(end, this.tokenLifeMs(req));
    const unsubscribe = this.streams.subscribe(actor.userId, { send, close: end });
    res.on('close', end);
    this.inbox.streamEvent(actor.userId).then(send, end);
  }

  private tokenLifeMs(req: HttpRequest): number {
    const token = req.headers.authorization?.slice('Bearer '.length).trim() ?? '';
    const claims = this.jwt.decode<{ exp?: number } | null>(token);
    const left = claims?.exp ? claims.exp * 1000 - Date.now() : 0;
    // setTimeout holds at most 2^31 − 1 ms; a longer-lived token is cut at about 24 days.
    return Math.min(Math.max(left, 0), 2 ** 31 - 1);
  }
}
