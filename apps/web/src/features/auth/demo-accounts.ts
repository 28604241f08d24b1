import type { UserRole } from '@lianrong/matching/vocabulary';

// The seeded demo logins (issue 3, item 8). Shown on the login page so reviewers and
// pilot users can try every portal without asking for credentials — only when the API
// says they were seeded (`GET /meta` → demo), never on a deployment without them.
export const DEMO_PASSWORD = 'Lianrong@2026';

export const DEMO_ACCOUNTS: { role: UserRole; email: string; id?: 'checker' | 'cityGov' }[] = [
  { role: 'firm', email: 'firm@lianrong.demo' },
  { role: 'bank', email: 'bank@lianrong.demo' },
  // 中国银行's second officer, who confirms approvals above the bank's limit (四眼原则).
  { role: 'bank', email: 'bank2@lianrong.demo', id: 'checker' },
  { role: 'gov', email: 'gov@lianrong.demo' },
  // 长沙市工业和信息化局: a city agency, which sees only its city's firms.
  { role: 'gov', email: 'changsha-gov@lianrong.demo', id: 'cityGov' },
  { role: 'admin', email: 'admin@lianrong.demo' },
];
