import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../common/domain-enums';
import type {
  NoticeMatchView,
  NotificationListView,
  NotificationStreamEvent,
  NotificationView,
  UnreadCountView,
} from '../inbox.service';

/** The match a notice is about, as it stands now, so the web can word it and link to it. */
export class NoticeMatchDto implements NoticeMatchView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  needId: string;

  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty({ example: '小巨人贷' })
  productName: string;

  @ApiProperty({ example: '中国银行湖南省分行' })
  bankName: string;

  @ApiProperty({ example: '湖南博匠信息科技有限公司' })
  firmName: string;
}

export class NotificationViewDto implements NotificationView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({ type: NoticeMatchDto, nullable: true })
  match: NoticeMatchDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: { anyOf: [{ type: 'string', nullable: true }, { type: 'number' }] },
    example: { to: 'in_review', productName: '小巨人贷', bankName: '中国银行湖南省分行' },
    description:
      'What the sentence needs beyond the match (the status moved to, an amount in yuan, a note); words are the client’s',
  })
  params: Record<string, string | number | null>;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  readAt: Date | null;
}

export class NotificationListDto implements NotificationListView {
  @ApiProperty({ type: [NotificationViewDto], description: 'Newest first' })
  items: NotificationViewDto[];

  @ApiProperty({ type: 'integer', description: "The caller's unread notices, all pages" })
  unreadCount: number;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Pass as `before` for the next (older) page; null on the last page',
  })
  nextBefore: string | null;
}

export class UnreadCountDto implements UnreadCountView {
  @ApiProperty({ type: 'integer' })
  unreadCount: number;
}

/** One `data:` line of the stream: the unread count now, and the newest notice. */
export class NotificationStreamEventDto implements NotificationStreamEvent {
  @ApiProperty({ type: 'integer' })
  unreadCount: number;

  @ApiProperty({ type: NotificationViewDto, nullable: true })
  latest: NotificationViewDto | null;
}
