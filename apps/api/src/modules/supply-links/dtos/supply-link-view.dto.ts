import { ApiProperty } from '@nestjs/swagger';
import { IdNameDto } from '../../../common/http/api-doc';
import { SUPPLY_LINK_STATUSES, type SupplyLinkStatus } from '../../../common/domain-enums';
import { type CoreEnterprise } from '../core-enterprises.query';
import { type SupplyLinkView } from '../supply-links.service';

const yuan = (description: string) => ApiProperty({ type: 'integer', description });

export class SupplyLinkViewDto implements SupplyLinkView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: IdNameDto })
  supplier: IdNameDto;

  @ApiProperty({ type: IdNameDto })
  coreFirm: IdNameDto;

  @yuan('Whole yuan a year.')
  annualSales: number;

  @ApiProperty({ enum: SUPPLY_LINK_STATUSES })
  status: SupplyLinkStatus;

  @ApiProperty({ type: Date, nullable: true })
  confirmedAt: Date | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The core enterprise's reason, set exactly when rejected.",
  })
  rejectionReason: string | null;

  @ApiProperty({ type: Date, nullable: true })
  rejectedAt: Date | null;

  @ApiProperty()
  createdAt: Date;
}

export class SupplyLinksDto {
  @ApiProperty({
    type: [SupplyLinkViewDto],
    description: 'Links where the caller is the supplier.',
  })
  asSupplier: SupplyLinkViewDto[];

  @ApiProperty({ type: [SupplyLinkViewDto], description: 'Links that name the caller as 链主.' })
  asCore: SupplyLinkViewDto[];
}

export class CoreEnterpriseDto implements CoreEnterprise {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [String], description: 'Names of the chains it is core of.' })
  chains: string[];
}

export class CoreEnterpriseListDto {
  @ApiProperty({ type: [CoreEnterpriseDto] })
  items: CoreEnterpriseDto[];
}
