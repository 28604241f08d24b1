import { Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { paths } from '../../app/paths';
import type { ChainFigures, ChainOverview, CityFigures } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { ScrollRegion } from '../../shared/components/scroll-region';
import { figureColumns } from './chain-figures';
import { formatShareBps } from './dashboard-choices';

/** A row: a chain, or the whole region (every firm once) on top. */
type Row = { key: string; chain: ChainOverview | null; figures: ChainFigures; cities: CityFigures[] };

/** Cities (市州) of one chain or of the region: the same figures, one row per city. */
export function CitiesTable({ cities, label }: { cities: CityFigures[]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<CityFigures> = [
    { key: 'city', title: t('gov.col.city'), dataIndex: 'name' },
    ...figureColumns<CityFigures>((c) => c.figures, t, lang),
  ];
  return (
    <ScrollRegion label={label}>
      <Table<CityFigures> rowKey="code" size="small" style={{ whiteSpace: 'nowrap' }} columns={columns} dataSource={cities} pagination={false} />
    </ScrollRegion>
  );
}

/** Every chain of the region with every figure; a chain opens on its own page, and unfolds by city. */
export function ChainsTable({
  items,
  totals,
  regionCities,
  search,
}: {
  items: ChainOverview[];
  totals: ChainFigures;
  regionCities: CityFigures[];
  search: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows: Row[] = [
    { key: '*', chain: null, figures: totals, cities: regionCities },
    ...items.map((c) => ({ key: c.id, chain: c, figures: c.figures, cities: c.cities })),
  ];
  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('gov.chainName'),
     
      render: (_, row) =>
        row.chain ? (
          <Link to={`${paths.gov.chain(row.chain.id)}${search ? `?${search}` : ''}`} data-testid={`chain-link-${row.chain.name}`}>
            <strong data-testid="chain-row-name">{row.chain.name}</strong>
          </Link>
        ) : (
          <span>
            <strong data-testid="chain-row-name">{t('gov.allFirms')}</strong>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('gov.allFirmsHint')}
            </Typography.Text>
          </span>
        ),
    },
    {
      key: 'leadBank',
      title: t('gov.leadBank'),
      responsive: ['sm'],
      render: (_, row) =>
        row.chain === null ? null : row.chain.leadBank ? (
          <span>
            {row.chain.leadBank.name}
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('gov.leadShare')} {formatShareBps(row.chain.leadBankShareBps)}
            </Typography.Text>
          </span>
        ) : (
          <Typography.Text type="warning">{t('gov.noLeadBank')}</Typography.Text>
        ),
    },
    ...figureColumns<Row>((r) => r.figures, t, lang),
  ];
  return (
    <ScrollRegion label={t('gov.chains')}>
      <Table<Row>
        data-testid="chains-table"
        rowKey="key"
        size="small"
        style={{ whiteSpace: 'nowrap' }}
        columns={columns}
        dataSource={rows}
        pagination={false}
       
        locale={{ emptyText: t('gov.noChains') }}
        expandable={{
          rowExpandable: (row) => row.cities.length > 0,
          expandedRowRender: (row) => (
            <CitiesTable cities={row.cities} label={t('gov.citiesOf', { chain: row.chain?.name ?? t('gov.allFirms') })} />
          ),
        }}
      />
    </ScrollRegion>
  );
}
