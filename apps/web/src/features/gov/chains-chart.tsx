import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainSummary } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { toChartMoney } from '../../shared/format';

/** Open funding-need amount per chain, largest first: where a financing drive is needed most. */
export function ChainsChart({ chains }: { chains: ChainSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    // Horizontal bars: chain names stay readable on a phone, and the largest sits on top.
    const ordered = [...chains].sort((a, b) => a.openNeedAmount - b.openNeedAmount);
    return {
      color: ['#1553b6'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, bottom: 8, top: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ordered.map((c) => c.name) },
      series: [
        {
          name: t('gov.openNeedAmount'),
          type: 'bar',
          barMaxWidth: 22,
          data: ordered.map((c) => toChartMoney(c.openNeedAmount, lang)),
          label: { show: true, position: 'right', formatter: ({ value }) => Number(value).toLocaleString('en-US') },
        },
      ],
    };
  }, [chains, lang, t]);
  return <EChart option={option} height={Math.max(200, chains.length * 40 + 40)} ariaLabel={t('gov.chartTitle')} />;
}
