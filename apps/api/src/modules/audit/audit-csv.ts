import { beijingClock } from '../../common/china-time';
import { type AuditEventView } from './audit-trail.service';

export const CSV_MIME = 'text/csv; charset=utf-8';

/** Excel opens UTF-8 CSV as such only after a byte-order mark; without it Chinese is garbled. */
export const CSV_BOM = '\uFEFF';

interface Column {
  header: string;
  value: (e: AuditEventView) => string | null;
}

/** Beijing time, written out with its offset, so no reader has to guess the zone. */
const beijing = (iso: string) =>
  `${beijingClock(new Date(iso)).toISOString().slice(0, 19).replace('T', ' ')} +08:00`;

export const CSV_COLUMNS: readonly Column[] = [
  { header: '时间（北京时间）', value: (e) => beijing(e.at) },
  { header: '操作人', value: (e) => e.actor?.name ?? null },
  { header: '操作人邮箱', value: (e) => e.actor?.email ?? null },
  { header: '操作人机构', value: (e) => e.actor?.organization?.name ?? null },
  { header: '动作', value: (e) => e.action },
  { header: '对象类型', value: (e) => e.entityType },
  { header: '对象编号', value: (e) => e.entityId },
  { header: '相关企业', value: (e) => e.firm?.name ?? null },
  { header: '地区代码', value: (e) => e.regionCode },
  { header: '变更前', value: (e) => e.fromStatus },
  { header: '变更后', value: (e) => e.toStatus },
  { header: '详情', value: (e) => (e.data ? JSON.stringify(e.data) : null) },
  { header: '请求编号', value: (e) => e.requestId },
  { header: 'IP', value: (e) => e.ip },
  { header: '事件编号', value: (e) => e.id },
];

/**
 * One CSV field (RFC 4180): always quoted, quotes doubled. A value a spreadsheet would
 * run as a formula (=, +, -, @, tab, carriage return first) gets a leading apostrophe
 * (OWASP, CSV injection): names and reasons in the trail are typed by users.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.map((c) => csvField(c.header)).join(',')}\r\n`;
}

export function csvRow(event: AuditEventView): string {
  return `${CSV_COLUMNS.map((c) => csvField(c.value(event))).join(',')}\r\n`;
}
