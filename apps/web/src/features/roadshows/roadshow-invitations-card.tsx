import { CalendarOutlined } from '@ant-design/icons';
import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useRoadshowInvitations } from '../../api/gov-operations';
import { paths } from '../../app/paths';
import { useLang } from '../../i18n/i18n';
import { formatMoney } from '../../shared/format';
import { formatMonth } from './roadshow-month';

/**
 * 路演邀请 on the firm's and the bank's home page. Nothing shows until the agency invites the
 * organisation; a bank opens the roadshow to record what it intends to lend.
 */
export function RoadshowInvitationsCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const invitations = useRoadshowInvitations();
  const items = invitations.data ?? [];
  if (items.length === 0) return null;
  return (
    <Card title={t('roadshows.invitationsTitle')} data-testid="roadshow-invitations">
      <List
        size="small"
        dataSource={items}
        renderItem={(r) => (
          <List.Item
            data-testid="roadshow-invitation"
            actions={
              r.invitedAs === 'bank'
                ? [
                    <Button
                      key="open"
                      size="small"
                      type="primary"
                      data-testid="roadshow-open"
                      onClick={() => void navigate(paths.bank.roadshow(r.id))}
                    >
                      {t('roadshows.recordIntents')}
                    </Button>,
                  ]
                : undefined
            }
            style={{ flexWrap: 'wrap', rowGap: 8 }}
          >
            <Space orientation="vertical" size={2}>
              <Space size={[6, 2]} wrap>
                <Typography.Text strong>{r.title}</Typography.Text>
                {r.leadBank && <Tag color="blue">{t('roadshows.leadBank')}</Tag>}
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                <CalendarOutlined /> {formatMonth(r.month, lang)} · {r.chain.name}
                {r.venue ? ` · ${r.venue}` : ''} · {t('roadshows.organizedBy', { agency: r.organizer.name })}
              </Typography.Text>
              <Typography.Text style={{ fontSize: 13 }} data-testid="roadshow-invitation-intents">
                {t(r.invitedAs === 'bank' ? 'roadshows.yourIntents' : 'roadshows.intentsForYou', {
                  count: r.intents,
                  amount: formatMoney(r.intendedAmount, lang),
                })}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
