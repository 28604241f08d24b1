import { describe, expect, it } from '@jest/globals';
import { auditSearch } from '../../api/audit';
import en from '../../i18n/locales/en.json';
import zh from '../../i18n/locales/zh-CN.json';
import {
  ACTION_GROUPS,
  ACTION_LABELS,
  ENTITY_TYPES,
  actionLabelKey,
  auditFiltersFromSearch,
  auditFiltersToSearch,
  beijingTime,
  detailsText,
} from './audit-words';

type Labels = Record<string, string>;
const catalogues = [
  ['zh-CN', zh.audit],
  ['en', en.audit],
] as const;

describe('audit trail words', () => {
  it.each(catalogues)('labels every action, group and entity type in %s', (_, audit) => {
    for (const key of Object.values(ACTION_LABELS)) expect((audit.actions as Labels)[key]).toBeTruthy();
    for (const key of Object.values(ACTION_GROUPS)) expect((audit.groups as Labels)[key]).toBeTruthy();
    for (const type of ENTITY_TYPES) expect((audit.entities as Labels)[type]).toBeTruthy();
  });

  it('shows an action it does not know as its code', () => {
    expect(actionLabelKey('session.login')).toBe('sessionLogin');
    expect(actionLabelKey('admin.users.disable')).toBeUndefined();
  });

  it('asks the API for whole Beijing days, the last one included', () => {
    const search = new URLSearchParams(auditSearch({ from: '2026-05-01', to: '2026-05-31', actor: '  王 ' }));
    expect(search.get('from')).toBe('2026-05-01T00:00:00+08:00');
    expect(search.get('to')).toBe('2026-06-01T00:00:00+08:00');
    expect(search.get('actor')).toBe('王');
    expect(auditSearch({ from: 'yesterday' })).toBe('');
  });

  it('reads back from the address only what the page could have put there', () => {
    const filters = { actor: 'gov@lianrong.demo', action: 'session.', entityType: 'need', from: '2026-05-01' };
    expect(auditFiltersFromSearch(auditFiltersToSearch(filters))).toEqual({ ...filters, to: undefined });
    expect(
      auditFiltersFromSearch(new URLSearchParams('action=DROP TABLE&entityType=planet&from=soon&to=2026-13')),
    ).toEqual({ actor: undefined, action: undefined, entityType: undefined, from: undefined, to: undefined });
  });

  it('reads details compactly and times in Beijing time', () => {
    expect(detailsText({ reason: 'wrong_password', email: 'a@b.c' })).toBe('reason: wrong_password · email: a@b.c');
    expect(detailsText({ note: 'x'.repeat(300) }).length).toBe(160);
    expect(detailsText(null)).toBe('');
    expect(beijingTime('2026-05-01T16:30:05.123Z')).toBe('2026-05-02 00:30:05');
  });
});
