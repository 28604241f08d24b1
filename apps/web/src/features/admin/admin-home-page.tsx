import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgs } from '../../api/orgs';
import { QueryState } from '../../shared/components/query-state';
import { OrgsTable } from './orgs-table';

/** 机构管理: every organisation on the platform; creating banks and agencies comes next. */
export function AdminHomePage() {
  const { t } = useTranslation();
  const orgs = useOrgs();
  return (
    <Card title={t('admin.orgs')}>
      <QueryState query={orgs}>{(items) => <OrgsTable orgs={items} />}</QueryState>
    </Card>
  );
}
