import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMyFirm } from '../../api/firms';
import { useNeeds } from '../../api/needs';
import { QueryState } from '../../shared/components/query-state';
import { FinancialsCard } from './financials-card';
import { FirmProfileCard } from './firm-profile-card';
import { NeedsTable } from './needs-table';

/** 企业工作台: who we are, how we are doing, what we are asking for. */
export function FirmHomePage() {
  const { t } = useTranslation();
  const firm = useMyFirm();
  const needs = useNeeds();
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <QueryState query={firm} rows={4}>
        {(profile) => (
          <>
            <FirmProfileCard firm={profile} />
            <FinancialsCard financials={profile.financials} />
          </>
        )}
      </QueryState>
      <Card title={t('firm.needs')}>
        <QueryState query={needs}>{(items) => <NeedsTable needs={items} />}</QueryState>
      </Card>
    </div>
  );
}
