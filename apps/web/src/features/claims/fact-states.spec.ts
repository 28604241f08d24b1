import { describe, expect, it } from '@jest/globals';
import type { FirmClaim } from '../../api/types';
import { factStates } from './fact-states';

const claim = (over: Partial<FirmClaim>): FirmClaim => ({
  id: 'c',
  firm: { id: 'f', name: '测试' },
  kind: 'tier',
  tier: 'srdi',
  tierYear: 2025,
  certificateNo: 'X-1',
  tierExpiresOn: '2027-12-31',
  tierExpiringSoon: false,
  chain: null,
  chainRole: null,
  regionCode: null,
  industryCode: null,
  yearsInNiche: null,
  status: 'confirmed',
  reason: null,
  decidedBy: null,
  decidedAt: '2025-01-01T00:00:00Z',
  createdAt: '2024-12-01T00:00:00Z',
  ...over,
});

describe('factStates', () => {
  it('keeps the latest confirmation and a pending claim side by side', () => {
    const states = factStates([
      claim({ id: 'new', status: 'pending', decidedAt: null, createdAt: '2026-11-01T00:00:00Z' }),
      claim({ id: 'old', decidedAt: '2024-01-01T00:00:00Z', createdAt: '2023-12-01T00:00:00Z' }),
      claim({ id: 'mid' }),
    ]);
    expect(states.tier.confirmed?.id).toBe('mid');
    expect(states.tier.pending?.id).toBe('new');
    expect(states.region).toEqual({ confirmed: null, pending: null, rejected: null });
  });

  it('shows a rejection only when no confirmation came after it', () => {
    const rejected = claim({ id: 'r', status: 'rejected', reason: '不符', decidedAt: '2026-06-01T00:00:00Z' });
    expect(factStates([rejected, claim({ id: 'ok' })]).tier.rejected?.id).toBe('r');
    expect(
      factStates([claim({ id: 'ok', decidedAt: '2026-07-01T00:00:00Z' }), rejected]).tier.rejected,
    ).toBeNull();
  });
});
