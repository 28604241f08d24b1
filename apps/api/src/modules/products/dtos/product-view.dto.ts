import { ApiProperty } from '@nestjs/swagger';
import {
  COLLATERALS,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  PURPOSES,
  TIERS,
  type Collateral,
  type ProductKind,
  type ProductStatus,
  type Purpose,
  type Tier,
} from '../../../common/domain-enums';
import { IdNameDto } from '../../../common/http/api-doc';
import { type ProductDryRunView } from '../product-dry-run.service';
import { type ProductChain, type ProductView, type ProductWriteView } from '../products.service';

const int = (description?: string) =>
  ApiProperty({ type: 'integer', ...(description ? { description } : {}) });
const optionalInt = (description: string) =>
  ApiProperty({ type: 'integer', nullable: true, description });

export class ProductViewDto implements ProductView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  bankId: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty({ enum: PRODUCT_KINDS })
  kind: ProductKind;

  @ApiProperty({ enum: PRODUCT_STATUSES })
  status: ProductStatus;

  @int('Whole yuan.') amountMin: number;
  @int('Whole yuan.') amountMax: number;
  @int('Months.') termMin: number;
  @int('Months.') termMax: number;
  @int('Basis points.') rateMinBps: number;
  @int('Basis points.') rateMaxBps: number;

  @ApiProperty({ enum: TIERS })
  minTier: Tier;

  @ApiProperty({ type: [String], description: 'GB/T 2260 region codes; empty: everywhere.' })
  regions: string[];

  @ApiProperty({ type: [String], description: 'GB/T 4754 sector codes; empty: every sector.' })
  sectors: string[];

  @ApiProperty({ type: [String], format: 'uuid' })
  chainIds: string[];

  @optionalInt('Whole yuan; null: no minimum.') minRevenue: number | null;
  @optionalInt('Basis points; null: no minimum.') minRdIntensityBps: number | null;
  @optionalInt('Basis points; null: no maximum.') maxDebtRatioBps: number | null;
  @optionalInt('null: no minimum.') minInventionPatents: number | null;
  @optionalInt('null: no minimum.') minYearsInNiche: number | null;

  @ApiProperty()
  requiresWhitelist: boolean;

  @ApiProperty({ enum: COLLATERALS, isArray: true })
  collateralAccepted: Collateral[];

  @ApiProperty({ type: [String], format: 'uuid' })
  coreEnterpriseIds: string[];

  @ApiProperty({
    type: [IdNameDto],
    description: 'The core enterprises of coreEnterpriseIds, in that order, with their names.',
  })
  coreEnterprises: IdNameDto[];

  @ApiProperty({ enum: PURPOSES, isArray: true })
  purposes: Purpose[];

  @optionalInt('Whole yuan; null: no quota.') creditQuota: number | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

/** A product write answers with the product and the re-ranking job it queued. */
export class ProductWriteViewDto extends ProductViewDto implements ProductWriteView {
  @ApiProperty({ format: 'uuid', description: 'Follow it at GET /jobs/{id}.' })
  matchingJobId: string;
}

export class ProductListDto {
  @ApiProperty({ type: [ProductViewDto] })
  items: ProductViewDto[];
}

export class ProductChainDto implements ProductChain {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '工程机械' })
  name: string;

  @ApiProperty({ example: '430000' })
  regionCode: string;
}

export class ProductChainListDto {
  @ApiProperty({ type: [ProductChainDto] })
  items: ProductChainDto[];
}

export class TierCountsDto implements Record<Tier, number> {
  @int() none: number;
  @int() innovative: number;
  @int() srdi: number;
  @int() little_giant: number;
  @int() champion: number;
}

export class ProductDryRunViewDto implements ProductDryRunView {
  @int('Open needs on the platform now.') openNeeds: number;
  @int('Open needs the draft is eligible for once published.') eligibleNeeds: number;
  @int('Distinct firms behind those needs.') eligibleFirms: number;

  @ApiProperty({ type: TierCountsDto, description: "Eligible needs by their firm's tier." })
  byTier: TierCountsDto;

  @ApiProperty({
    description:
      'When the open needs tried were read. After a change elsewhere the read is refreshed, and a refresh that takes long is not waited for.',
  })
  needsAsOf: Date;
}
