import { ApiProperty } from '@nestjs/swagger';
import {
  COLLATERALS,
  NEED_STATUSES,
  PURPOSES,
  type Collateral,
  type NeedStatus,
  type Purpose,
} from '../../../common/domain-enums';
import { type NeedListItemView, type NeedView } from '../needs.service';

export class NeedViewDto implements NeedView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  firmId: string;

  @ApiProperty({ type: 'integer', description: 'Whole yuan.' })
  amount: number;

  @ApiProperty({ type: 'integer' })
  termMonths: number;

  @ApiProperty({ enum: PURPOSES })
  purpose: Purpose;

  @ApiProperty({ type: 'integer', description: 'Basis points.' })
  maxRateBps: number;

  @ApiProperty({ enum: COLLATERALS })
  collateral: Collateral;

  @ApiProperty({ enum: NEED_STATUSES })
  status: NeedStatus;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty()
  updatedAt: Date;
}

export class NeedListItemDto extends NeedViewDto implements NeedListItemView {
  @ApiProperty({ type: 'integer', description: "Products on the need's page: the ranked ones and any worked match." })
  matchCount: number;
}

export class NeedListDto {
  @ApiProperty({ type: [NeedListItemDto] })
  items: NeedListItemDto[];
}
