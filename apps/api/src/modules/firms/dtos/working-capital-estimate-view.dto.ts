import { ApiProperty } from '@nestjs/swagger';
import { type WorkingCapitalEstimateView } from '../working-capital-estimate.service';

type TurnoverItemView = WorkingCapitalEstimateView['items'][number];

const TURNOVER_ITEMS = ['inventory', 'receivables', 'payables', 'prepayments', 'advances'] as const;

export class TurnoverItemViewDto implements TurnoverItemView {
  @ApiProperty({ enum: TURNOVER_ITEMS })
  item: TurnoverItemView['item'];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: "Previous year's closing balance, whole yuan; null without that year.",
  })
  opening: number | null;

  @ApiProperty({ type: 'integer', description: 'Closing balance, whole yuan.' })
  closing: number;

  @ApiProperty({ type: 'integer', description: '(opening + closing) ÷ 2, rounded to whole yuan.' })
  averageBalance: number;

  @ApiProperty({ enum: ['revenue', 'cost_of_sales'] })
  base: TurnoverItemView['base'];

  @ApiProperty({ type: 'integer', description: 'The base amount, whole yuan.' })
  baseAmount: number;

  @ApiProperty({ description: 'Turnover days: 360 ÷ (base ÷ average balance).' })
  days: number;

  @ApiProperty({ enum: [1, -1], description: '+1 ties money up, −1 is funded by others.' })
  sign: 1 | -1;
}

export class EstimateGrowthDto {
  @ApiProperty({ description: 'Expected revenue growth as a fraction (0.1 = 10 %).' })
  value: number;

  @ApiProperty({ enum: ['query', 'last_year', 'none'] })
  source: 'query' | 'last_year' | 'none';
}

export class EstimateDeductionsDto {
  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  ownWorkingCapital: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  existingWorkingCapitalLoans: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  otherFunding: number;
}

export class WorkingCapitalEstimateViewDto implements WorkingCapitalEstimateView {
  @ApiProperty({ type: 'integer', example: 2025 })
  year: number;

  @ApiProperty({ type: 'integer', nullable: true })
  previousYear: number | null;

  @ApiProperty({ type: EstimateGrowthDto })
  growth: EstimateGrowthDto;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  revenue: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  costOfSales: number;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  netProfit: number;

  @ApiProperty({ description: 'Net profit ÷ revenue, a fraction.' })
  netMargin: number;

  @ApiProperty({ type: [TurnoverItemViewDto] })
  items: TurnoverItemViewDto[];

  @ApiProperty({ description: 'Σ sign × days.' })
  daySum: number;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: '360 ÷ day sum; null when not positive.',
  })
  turnoverCount: number | null;

  @ApiProperty({ type: 'integer', description: '营运资金量, whole yuan.' })
  workingCapital: number;

  @ApiProperty({ type: EstimateDeductionsDto })
  deductions: EstimateDeductionsDto;

  @ApiProperty({ type: 'integer', description: '新增流动资金贷款额度, whole yuan, never below 0.' })
  newLoanLimit: number;
}
