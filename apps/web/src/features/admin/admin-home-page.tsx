import { ApiOutlined, DashboardOutlined } from '@ant-design/icons';
import { App, Button, Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOpenApiDocs, useOpenQueueBoard } from '../../api/meta';
import { useOrgs } from '../../api/orgs';
import { QueryState } from '../../shared/components/query-state';
import { OrgsTable } from './orgs-table';

/** 机构管理: every organisation on the platform; creating banks and agencies comes next. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const orgs = useOrgs();
  const openBoard = useOpenQueueBoard();
  const openDocs = useOpenApiDocs();
  return (
    <Card
      title={t('admin.orgs')}
      extra={
        <Space wrap>
          <Button
            icon={<DashboardOutlined />}
            loading={openBoard.isPending}
            data-testid="open-queue-board"
            onClick={() =>
              openBoard.mutate(undefined, {
                onError: (error) => void message.error(t('admin.queueBoardFailed', { message: error.message })),
              })
            }
          >
            {t('admin.queueBoard')}
          </Button>
          <Button
            icon={<ApiOutlined />}
            loading={openDocs.isPending}
            data-testid="open-api-docs"
            onClick={() =>
              openDocs.mutate(undefined, {
                onError: (error) => void message.error(t('admin.apiDocsFailed', { message: error.message })),
              })
            }
          >
            {t('admin.apiDocs')}
          </Button>
        </Space>
      }
    >
      <QueryState query={orgs}>{(items) => <OrgsTable orgs={items} />}</QueryState>
    </Card>
  );
}
