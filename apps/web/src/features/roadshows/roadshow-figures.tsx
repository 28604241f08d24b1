import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { toChartMoney } from '../../shared/format';

export interface FiguresRow {
  label: string;
  intendedAmount: number;
  approvedAmount: number;
  disbursedAmount: number;
}

/** Intended (意向) beside what was approved and disbursed since: one group of bars per row. */
export function RoadshowFiguresChart({ rows, ariaLabel }: { rows: FiguresRow[]; ariaLabel: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(
    () => ({
      color: ['#9bb5df', '#1553b6', '#2e7d32'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 56, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, width: 110, overflow: 'break' } },
      yAxis: { type: 'value', name: t('roadshows.unit') },
      series: (['intendedAmount', 'approvedAmount', 'disbursedAmount'] as const).map((key) => ({
        name: t(`roadshows.${key}`),
        type: 'bar' as const,
        barMaxWidth: 28,
        data: rows.map((r) => toChartMoney(r[key], lang)),
      })),
    }),
    [rows, lang, t],
  );
  return <EChart option={option} height={300} ariaLabel={ariaLabel} />;
}
