import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinancialYear } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { toChartMoney } from '../../shared/format';

/** Revenue and net profit by year, oldest on the left, in 万元 (CNY m in English). */
export function FinancialsChart({ years }: { years: FinancialYear[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...years].sort((a, b) => a.year - b.year);
    return {
      color: ['#1553b6', '#52a36b'],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
      xAxis: { type: 'category', data: ordered.map((y) => String(y.year)) },
      yAxis: { type: 'value' },
      series: [
        { name: t('firm.revenue'), type: 'bar', barMaxWidth: 36, data: ordered.map((y) => toChartMoney(y.revenue, lang)) },
        {
          name: t('firm.netProfit'),
          type: 'bar',
          barMaxWidth: 36,
          data: ordered.map((y) => toChartMoney(y.netProfit, lang)),
        },
      ],
    };
  }, [years, lang, t]);
  return <EChart option={option} height={260} ariaLabel={t('firm.chartTitle')} />;
}
