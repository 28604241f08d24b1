import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { ORG_KINDS, type OrgKind } from '@lianrong/matching/vocabulary';
import { type OrganizationRow } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { regionName } from '../../shared/regions';

const KIND_COLORS: Record<OrgKind, string> = { firm: 'blue', bank: 'gold', gov_agency: 'red', platform: 'purple' };

export function OrgsTable({ orgs }: { orgs: OrganizationRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<OrganizationRow> = [
    { title: t('admin.orgName'), dataIndex: 'name' },
    {
      title: t('admin.orgKind'),
      dataIndex: 'kind',
      render: (v: OrgKind) => <Tag color={KIND_COLORS[v]}>{t(`enums.orgKind.${v}`)}</Tag>,
      filters: ORG_KINDS.map((k) => ({ text: t(`enums.orgKind.${k}`), value: k })),
      onFilter: (value, row) => row.kind === value,
    },
    { title: t('admin.region'), dataIndex: 'regionCode', render: (v: string | null) => regionName(v, lang), responsive: ['sm'] },
    {
      title: t('admin.uscc'),
      dataIndex: 'uscc',
      render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v ?? '—'}</span>,
      responsive: ['md'],
    },
  ];
  return (
    <Table
      data-testid="orgs-table"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={orgs}
      pagination={orgs.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('admin.noOrgs') }}
    />
  );
}
