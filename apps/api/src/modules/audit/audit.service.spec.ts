import { type DataSource } from 'typeorm';
import { AuditService } from './audit.service';

describe('AuditService.auditActor', () => {
  it('keeps who acted and for which organisation, and nothing else of the caller', () => {
    const actor = { userId: 'u-1', orgId: 'o-1', role: 'firm', regionCode: '430100' } as const;
    expect(new AuditService({} as DataSource).auditActor(actor)).toEqual({
      userId: 'u-1',
      orgId: 'o-1',
    });
  });
});
