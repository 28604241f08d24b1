import { type Failure, type ScoreComponent } from '@lianrong/matching';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FAILURE_CODES,
  JOB_STATES,
  MATCH_STATUSES,
  PRODUCT_KINDS,
  PURPOSES,
  SCORE_COMPONENT_NAMES,
  TIERS,
  type FailureCode,
  type JobState,
  type MatchStatus,
  type ProductKind,
  type Purpose,
  type ScoreComponentName,
  type Tier,
} from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import { type JobView, type NeedMatchView, type ProductMatchView } from '../matches.service';

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

export class RematchAcceptedDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /jobs/{id}.' })
  jobId: string;
}

/** What a finished job reports; the figures depend on its topic. */
export class JobResultDto {
  @ApiPropertyOptional({ format: 'uuid' })
  productId?: string;

  @ApiPropertyOptional({ type: 'integer' })
  matchedNeeds?: number;

  @ApiPropertyOptional({ type: 'integer' })
  matchedFirms?: number;

  @ApiPropertyOptional({ type: 'integer' })
  eligibleNeeds?: number;
}

export class JobViewDto implements JobView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'product.changed' })
  topic: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ minimum: 0, maximum: 100 })
  progress: number;

  // The worker stores a free-form record; the schema names the figures the web reads.
  @ApiProperty({ type: JobResultDto, nullable: true })
  result: Record<string, unknown> | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;
}
