import { useMyFirm } from '../../api/firms';
import { QueryState } from '../../shared/components/query-state';
import { RoadshowInvitationsCard } from '../roadshows/roadshow-invitations-card';
import { FinancialsCard } from './financials-card';
import { FirmProfileCard } from './firm-profile-card';
import { NeedsCard } from './needs/needs-card';

/** 企业工作台: who we are, how we are doing, what we are asking for. */
export function FirmHomePage() {
  const firm = useMyFirm();
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
      <RoadshowInvitationsCard />
      <NeedsCard />
    </div>
  );
}
