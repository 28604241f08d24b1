import { needBlockers } from '../index';
import { firm, need, product } from './fixtures';

// An agency reads "what blocks this need" from the products it comes nearest to.
describe('needBlockers', () => {
  it('finds nothing to report when one product takes the need', () => {
    const blocked = product({ id: 'a', minTier: 'champion' });
    const fits = product({ id: 'b' });
    expect(needBlockers(firm(), need(), [blocked, fits])).toEqual({ eligible: true, fewestFailures: 0, codes: [] });
  });

  it('reports the codes of the nearest products only, once each, in the rules’ order', () => {
    const twoAway = product({ id: 'far', minTier: 'champion', collateralAccepted: ['property'] });
    const collateral = product({ id: 'near-1', collateralAccepted: ['property'] });
    const rate = product({ id: 'near-2', rateMinBps: 500, rateMaxBps: 600 });
    const result = needBlockers(firm(), need({ maxRateBps: 450 }), [twoAway, collateral, rate]);
    expect(result).toEqual({ eligible: false, fewestFailures: 1, codes: ['collateral_not_accepted', 'rate_above_max'] });
  });

  it('leaves paused products out: a paused product is no remedy', () => {
    const paused = product({ id: 'paused', status: 'paused' });
    const tier = product({ id: 'tier', minTier: 'champion', collateralAccepted: ['property'] });
    expect(needBlockers(firm(), need(), [paused, tier])).toEqual({
      eligible: false,
      fewestFailures: 2,
      codes: ['tier_below_min', 'collateral_not_accepted'],
    });
  });

  it('says there is no nearest product when no product is offered', () => {
    expect(needBlockers(firm(), need(), [])).toEqual({ eligible: false, fewestFailures: null, codes: [] });
  });

  it('counts exactly the failures checkEligibility reports', () => {
    const noAccounts = firm({ financials: [] });
    const p = product({ id: 'x', minRevenue: 10_000_000, requiresWhitelist: true });
    expect(needBlockers({ ...noAccounts, whitelisted: false }, need(), [p])).toEqual({
      eligible: false,
      fewestFailures: 2,
      codes: ['financials_missing', 'not_whitelisted'],
    });
  });
});
