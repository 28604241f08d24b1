import { type Failure, type ScoreComponent } from '@lianrong/matching';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHECK_UNITS,
  FAILURE_CODES,
  MATCH_STATUSES,
  PRODUCT_KINDS,
  PURPOSES,
  SCORE_COMPONENT_NAMES,
  TIERS,
  type Check,
  type CheckUnit,
  type CheckValue,
  type FailureCode,
  type MatchStatus,
  type ProductKind,
  type Purpose,
  type ScoreComponentName,
  type Tier,
} from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import { type NeedMatchView, type ProductMatchView } from '../matches.service';

const numberOrString = { oneOf: [{ type: 'number' }, { type: 'string' }] };

export class ScoreComponentDto implements ScoreComponent {
  @ApiProperty({ enum: SCORE_COMPONENT_NAMES })
  name: ScoreComponentName;

  @ApiProperty({ description: 'Points this component can give at most.' })
  weight: number;

  @ApiProperty({ minimum: 0, maximum: 1 })
  value: number;

  @ApiProperty({ description: 'weight × value, rounded to 0.01.' })
  points: number;
}

export class FailureDto implements Failure {
  @ApiProperty({ enum: FAILURE_CODES })
  code: FailureCode;

  @ApiPropertyOptional({ ...numberOrString, description: "The product's bound that was crossed." })
  required?: number | string;

  @ApiPropertyOptional({ ...numberOrString, description: "The firm's or need's value." })
  actual?: number | string;
}

// A check's bound and value are a number, a code, a flag, a list of codes or a range.
// (null, for a value that cannot be computed, rides on the number: OpenAPI 3.0 has no null type)
const checkValue = {
  oneOf: [
    { type: 'number', nullable: true },
    { type: 'string' },
    { type: 'boolean' },
    { type: 'array', items: { type: 'string' } },
    {
      type: 'object',
      required: ['min', 'max'],
      properties: { min: { type: 'number' }, max: { type: 'number' } },
    },
  ],
};

/** One rule of the product, as required vs actual (money in whole yuan, ratios in %). */
export class CheckDto implements Check {
  @ApiProperty({ enum: FAILURE_CODES, description: 'The failure code the rule reports.' })
  rule: FailureCode;

  @ApiProperty({ ...checkValue, description: 'What the product requires.' })
  required: CheckValue;

  @ApiProperty({ ...checkValue, description: "The firm's or need's value." })
  actual: CheckValue;

  @ApiProperty()
  passed: boolean;

  @ApiProperty({ enum: CHECK_UNITS })
  unit: CheckUnit;
}

export class MatchedProductDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PRODUCT_KINDS })
  kind: ProductKind;

  @ApiProperty({ type: 'integer' })
  rateMinBps: number;

  @ApiProperty({ type: 'integer' })
  rateMaxBps: number;

  @ApiProperty({ type: IdNameDto })
  bank: IdNameDto;
}

/** One ranked product in the firm's view of a need. */
export class NeedMatchViewDto implements NeedMatchView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: 'number', nullable: true })
  score: number | null;

  @ApiProperty()
  ineligible: boolean;

  @ApiProperty()
  engineVersion: string;

  @ApiProperty({ type: MatchedProductDto })
  product: MatchedProductDto;

  @ApiProperty({ type: [ScoreComponentDto] })
  components: ScoreComponentDto[];

  @ApiProperty({ type: [CheckDto], description: 'Every rule of the product, passed or not.' })
  checks: CheckDto[];
}

export class NeedMatchListDto {
  @ApiProperty({ type: [NeedMatchViewDto] })
  items: NeedMatchViewDto[];
}

/** An active product the need misses on exactly one rule. */
export class NearMissDto {
  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty({ type: FailureDto })
  failure: FailureDto;

  @ApiProperty({ type: CheckDto, description: 'The failed rule as required vs actual, in the unit it names.' })
  check: CheckDto;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description:
      "How far the rule is from passing in the check's unit (percentage points, yuan, months …); null for codes and flags.",
  })
  gap: number | null;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  bankName: string;
}

export class NearMissListDto {
  @ApiProperty({ type: [NearMissDto] })
  items: NearMissDto[];
}

export class MatchedNeedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  amount: number;

  @ApiProperty({ type: 'integer' })
  termMonths: number;

  @ApiProperty({ enum: PURPOSES })
  purpose: Purpose;
}

export class MatchedFirmDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: TIERS })
  tier: Tier;

  @ApiProperty({ example: '430100' })
  regionCode: string;
}

/** One ranked firm in the officer's view of a product. */
export class ProductMatchViewDto implements ProductMatchView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: MATCH_STATUSES })
  status: MatchStatus;

  @ApiProperty({ type: 'number', nullable: true })
  score: number | null;

  @ApiProperty()
  ineligible: boolean;

  @ApiProperty({ type: MatchedNeedDto })
  need: MatchedNeedDto;

  @ApiProperty({ type: MatchedFirmDto })
  firm: MatchedFirmDto;
}

export class ProductMatchesDto {
  @ApiProperty({ type: 'integer', description: 'Rows in the view, beyond the returned page.' })
  total: number;

  @ApiProperty({ type: [ProductMatchViewDto] })
  items: ProductMatchViewDto[];
}
