import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGovChains } from '../../api/chains';
import type { ChainSummary } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { QueryState } from '../../shared/components/query-state';
import { formatCount, formatMoney } from '../../shared/format';
import { ChainsChart } from './chains-chart';
import { ChainsTable } from './chains-table';

// Sums over chains: a firm (and its needs) in two chains counts in both, which is
// why the labels say "all chains" rather than claiming distinct firms.
function Totals({ chains }: { chains: ChainSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const amount = chains.reduce((sum, c) => sum + c.openNeedAmount, 0);
  const needs = chains.reduce((sum, c) => sum + c.openNeedCount, 0);
  const firms = chains.reduce((sum, c) => sum + c.firmCount, 0);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} sm={8}>
        <Card size="small">
          <Statistic title={t('gov.totalOpen')} value={formatMoney(amount, lang)} />
        </Card>
      </Col>
      <Col xs={12} sm={8}>
        <Card size="small">
          <Statistic title={t('gov.openNeedCount')} value={formatCount(needs)} />
        </Card>
      </Col>
      <Col xs={12} sm={8}>
        <Card size="small">
          <Statistic title={t('gov.totalFirms')} value={formatCount(firms)} />
        </Card>
      </Col>
    </Row>
  );
}

/** 政府监测: financing chain by chain (一链一行), for the agency's region. */
export function GovHomePage() {
  const { t } = useTranslation();
  const chains = useGovChains();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <QueryState query={chains} rows={6}>
        {(items) => (
          <>
            <Totals chains={items} />
            <Card title={t('gov.chartTitle')}>
              <ChainsChart chains={items} />
            </Card>
            <Card title={t('gov.chains')}>
              <ChainsTable chains={items} />
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}
