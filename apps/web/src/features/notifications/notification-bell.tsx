import { BellOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Empty, Grid, Skeleton, Typography } from 'antd';
import { type CSSProperties, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { UserRole } from '@lianrong/matching/vocabulary';
import { useMarkAllNoticesRead, useMarkNoticeRead, useNoticeStream, useNotices } from '../../api/notifications';
import type { Notice } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { noticeLink, noticeText } from './notice-words';

// Visually hidden, still read by screen readers (the unread dot alone says nothing to them).
const srOnly: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

function NoticeItem({ notice, role, onOpen }: { notice: Notice; role: UserRole; onOpen: (notice: Notice, to: string | null) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const unread = notice.readAt === null;
  return (
    <li style={{ borderBottom: '1px solid #f0f0f0' }}>
      <button
        type="button"
        data-testid="notification-item"
        data-unread={unread}
        onClick={() => onOpen(notice, noticeLink(role, notice))}
        style={{
          display: 'flex',
          gap: 10,
          width: '100%',
          padding: '12px 4px',
          border: 0,
          background: unread ? '#f0f6ff' : 'transparent',
          textAlign: 'left',
          cursor: 'pointer',
          font: 'inherit',
          color: 'inherit',
        }}
      >
        <span
          aria-hidden
          style={{
            flex: 'none',
            width: 8,
            height: 8,
            marginTop: 7,
            borderRadius: 4,
            background: unread ? '#1553b6' : 'transparent',
          }}
        />
        <span style={{ minWidth: 0 }}>
          {unread && <span style={srOnly}>{t('notifications.unread')}</span>}
          <span style={{ display: 'block', fontWeight: unread ? 600 : 400, overflowWrap: 'anywhere' }}>
            {noticeText(t, lang, notice)}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(notice.createdAt)}
          </Typography.Text>
        </span>
      </button>
    </li>
  );
}

/**
 * The bell in every portal's header: the unread count, live from the notice stream (or
 * asked for every 30 s while the stream is down), and a drawer listing the notices.
 * Opening one marks it read and goes to its page, when it has one.
 */
export function NotificationBell({ role }: { role: UserRole }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [open, setOpen] = useState(false);
  const stream = useNoticeStream(true);
  const notices = useNotices({ poll: stream !== 'live' });
  const markRead = useMarkNoticeRead();
  const markAll = useMarkAllNoticesRead();

  const pages = notices.data?.pages ?? [];
  const unread = pages[0]?.unreadCount ?? 0;
  const items = pages.flatMap((page) => page.items);

  const onOpen = (notice: Notice, to: string | null) => {
    if (notice.readAt === null) markRead.mutate(notice.id);
    if (to) {
      setOpen(false);
      void navigate(to);
    }
  };

  return (
    <>
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]} color="#cf1322">
        <Button
          type="text"
          icon={<BellOutlined />}
          data-testid="notification-bell"
          data-unread={unread}
          aria-label={unread > 0 ? t('notifications.bell', { count: unread }) : t('notifications.bellNone')}
          aria-haspopup="dialog"
          aria-expanded={open}
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={screens.sm === false ? 320 : 400}
        title={t('notifications.title')}
        extra={
          <Button
            size="small"
            data-testid="notifications-read-all"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t('notifications.readAll')}
          </Button>
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <div data-testid="notification-list">
          {stream === 'down' && <Alert type="info" showIcon title={t('notifications.polling')} style={{ marginBottom: 8 }} />}
          {notices.error && !notices.data ? (
            <Alert
              type="error"
              showIcon
              title={t('app.loadFailed')}
              action={
                <Button size="small" onClick={() => void notices.refetch()}>
                  {t('app.retry')}
                </Button>
              }
            />
          ) : notices.isPending ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
          ) : (
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={t('notifications.title')}>
              {items.map((notice) => (
                <NoticeItem key={notice.id} notice={notice} role={role} onOpen={onOpen} />
              ))}
            </ul>
          )}
          {notices.hasNextPage && (
            <Button block type="link" loading={notices.isFetchingNextPage} onClick={() => void notices.fetchNextPage()} style={{ marginTop: 8 }}>
              {t('notifications.loadMore')}
            </Button>
          )}
        </div>
      </Drawer>
    </>
  );
}
