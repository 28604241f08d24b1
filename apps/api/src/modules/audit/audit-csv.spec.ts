import { csvField, csvHeader, csvRow } from './audit-csv';
import { type AuditEventView } from './audit-trail.service';

describe('the audit CSV', () => {
  it('quotes every field and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
  });

  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'keeps a spreadsheet from running %j as a formula',
    (value) => {
      expect(csvField(value).startsWith(`"'`)).toBe(true);
    },
  );

  it('writes one line per event with the time in Beijing time and its offset', () => {
    const event: AuditEventView = {
      id: '42',
      at: '2026-05-01T16:30:05.123Z',
      action: 'need.created',
      entityType: 'need',
      entityId: '00000000-0000-4000-8000-000000000001',
      actor: {
        userId: '00000000-0000-4000-8000-000000000002',
        name: '张敏',
        email: 'firm@lianrong.demo',
        organization: { id: '00000000-0000-4000-8000-000000000003', name: '博匠' },
      },
      firm: null,
      regionCode: '430100',
      fromStatus: null,
      toStatus: 'open',
      data: { amount: 2_000_000 },
      requestId: 'r-1',
      ip: null,
    };
    const line = csvRow(event);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(line).toContain('"2026-05-02 00:30:05 +08:00","张敏","firm@lianrong.demo","博匠"');
    expect(line).toContain('"{""amount"":2000000}"');
    // No field here holds a comma: the columns line up with the header's.
    expect(line.trim().split(',')).toHaveLength(csvHeader().trim().split(',').length);
  });
});
