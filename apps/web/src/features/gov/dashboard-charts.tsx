import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TIERS } from '@lianrong/matching/vocabulary';
import type { BankResponsiveness, ChainOverview, TrendPoint } from '../../api/types';
import { useLang } from '../../i18n/i18n';
import { EChart, type ChartOption } from '../../shared/components/echart';
import { toChartMoney } from '../../shared/format';
import { formatMonth } from '../roadshows/roadshow-month';

// Pictures where a person would rather look than read: where the money went by chain, how
// it moved month by month, which tiers each chain holds, and which banks answer slowly.

const BLUE = '#1553b6';
const LIGHT = '#9bb5df';
const GREEN = '#2f8f5b';
const ORANGE = '#c4561d';
/** Tiers from none to champion, light to dark, so the ladder reads at a glance. */
const TIER_COLORS = ['#c9d6ea', '#8fb0de', '#4f86cf', '#1f5fb4', '#123b73'];

const bars = (n: number) => Math.max(240, n * 44 + 70);

/** Asked, credit and cash per chain, largest credit on top. */
export function CreditByChainChart({ chains }: { chains: ChainOverview[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...chains].sort(
      (a, b) => a.figures.approvedAmount - b.figures.approvedAmount || a.figures.amountAsked - b.figures.amountAsked,
    );
    const series = (name: string, color: string, value: (c: ChainOverview) => number) => ({
      name,
      type: 'bar' as const,
      barMaxWidth: 14,
      itemStyle: { color },
      data: ordered.map((c) => toChartMoney(value(c), lang)),
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: ordered.map((c) => c.name) },
      series: [
        series(t('gov.chart.asked'), LIGHT, (c) => c.figures.amountAsked),
        series(t('gov.chart.approved'), BLUE, (c) => c.figures.approvedAmount),
        series(t('gov.chart.disbursed'), GREEN, (c) => c.figures.disbursedAmount),
      ],
    };
  }, [chains, lang, t]);
  return <EChart option={option} height={bars(chains.length)} ariaLabel={t('gov.chart.credit')} />;
}

/** Credit and cash (amounts) and applications (count) month by month. */
export function TrendChart({ points, label }: { points: TrendPoint[]; label: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
      xAxis: { type: 'category', data: points.map((p) => formatMonth(p.month, lang)) },
      yAxis: [
        { type: 'value', name: t('gov.chart.amountAxis') },
        { type: 'value', name: t('gov.chart.countAxis'), minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('gov.chart.approved'),
          type: 'line',
          itemStyle: { color: BLUE },
          data: points.map((p) => toChartMoney(p.approvedAmount, lang)),
        },
        {
          name: t('gov.chart.disbursed'),
          type: 'line',
          itemStyle: { color: GREEN },
          data: points.map((p) => toChartMoney(p.disbursedAmount, lang)),
        },
        {
          name: t('gov.chart.applications'),
          type: 'line',
          yAxisIndex: 1,
          lineStyle: { type: 'dashed' },
          itemStyle: { color: ORANGE },
          data: points.map((p) => p.applications),
        },
      ],
    }),
    [points, lang, t],
  );
  return <EChart option={option} height={280} ariaLabel={label} />;
}

/** Member firms by tier, stacked per chain. */
export function TierMixChart({ chains }: { chains: ChainOverview[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...chains].sort((a, b) => a.figures.firms - b.figures.firms);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 56, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((c) => c.name) },
      series: TIERS.map((tier, i) => ({
        name: t(`enums.tier.${tier}`),
        type: 'bar' as const,
        stack: 'tier',
        barMaxWidth: 18,
        itemStyle: { color: TIER_COLORS[i] },
        data: ordered.map((c) => c.figures.firmsByTier[tier]),
      })),
    };
  }, [chains, t]);
  return <EChart option={option} height={bars(chains.length)} ariaLabel={t('gov.chart.tiers')} />;
}

/** Median working days to the first move per bank, with its overdue applications beside it. */
export function BankResponsivenessChart({ banks }: { banks: BankResponsiveness[] }) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(() => {
    const ordered = [...banks].sort((a, b) => (a.medianResponseDays ?? 0) - (b.medianResponseDays ?? 0));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 24, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: ordered.map((b) => b.bank.name) },
      series: [
        {
          name: t('gov.chart.median'),
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: BLUE },
          data: ordered.map((b) => b.medianResponseDays ?? 0),
        },
        {
          name: t('gov.chart.overdue'),
          type: 'bar',
          barMaxWidth: 14,
          itemStyle: { color: ORANGE },
          data: ordered.map((b) => b.overdue),
        },
      ],
    };
  }, [banks, t]);
  return <EChart option={option} height={bars(banks.length)} ariaLabel={t('gov.chart.banks')} />;
}
