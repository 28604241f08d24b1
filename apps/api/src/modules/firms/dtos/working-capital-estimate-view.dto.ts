import { type TurnoverItem, type TurnoverItemName } from '@lianrong/matching';
import { ApiProperty } from '@nestjs/swagger';
import { type WorkingCapitalEstimateView } from '../working-capital-estimate.service';

const TURNOVER_ITEMS: TurnoverItemName[] = [
  'inventory',
  'receivables',
  'payables',
  'prepayments',
  'advances',
];

export class TurnoverItemDto implements TurnoverItem {
  @ApiProperty({ enum: TURNOVER_ITEMS })
  item: TurnoverItemName;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Previous year's closing balance, whole yuan; null when that year is unknown.",
  })
  opening: number | null;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  closing: number;

  @ApiProperty({ type: 'integer', description: 'Average of opening and closing, whole yuan.' })
  averageBalance: number;

  @ApiProperty({ enum: ['revenue', 'cost_of_sales'] })
  base: 'revenue' | 'cost_of_sales';

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  baseAmount: number;

  @ApiProperty({ description: 'Turnover days: 360 ÷ (base ÷ average balance).' })
  days: number;

  @ApiProperty({ enum: [1, -1], description: '+1 ties money up, −1 is funded by others.' })
  sign: 1 | -1;
}

export class EstimateGrowthDto {
  @ApiProperty({ description: 'Expected revenue growth, a fraction (0.1 = 10 %).' })
  value: number;

  @ApiProperty({ enum: ['query', 'last_year', 'none'] })
  source: 'query' | 'last_year' | 'none';
}

export class EstimateDeductionsDto {
  @ApiProperty({ type: 'integer' })
  ownWorkingCapital: number;

  @ApiProperty({ type: 'integer' })
  existingWorkingCapitalLoans: number;

  @ApiProperty({ type: 'integer' })
  otherFunding: number;
}

/** 流动资金贷款需求量测算, every step; money in whole yuan. */
export class WorkingCapitalEstimateViewDto implements WorkingCapitalEstimateView {
  @ApiProperty({ type: 'integer', example: 2025 })
  year: number;

  @ApiProperty({ type: 'integer', nullable: true })
  previousYear: number | null;

  @ApiProperty({ type: EstimateGrowthDto })
  growth: EstimateGrowthDto;

  @ApiProperty({ type: 'integer' })
  revenue: number;

  @ApiProperty({ type: 'integer' })
  costOfSales: number;

  @ApiProperty({ type: 'integer' })
  netProfit: number;

  @ApiProperty({ description: 'Net profit ÷ revenue, a fraction.' })
  netMargin: number;

  @ApiProperty({ type: [TurnoverItemDto] })
  items: TurnoverItemDto[];

  @ApiProperty({ description: 'Σ sign × days.' })
  daySum: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: '营运资金周转次数; null when the day sum is not positive.',
  })
  turnoverCount: number | null;

  @ApiProperty({ type: 'integer', description: '营运资金量.' })
  workingCapital: number;

  @ApiProperty({ type: EstimateDeductionsDto })
  deductions: EstimateDeductionsDto;

  @ApiProperty({ type: 'integer', description: '新增流动资金贷款额度, never below 0.' })
  newLoanLimit: number;
}
