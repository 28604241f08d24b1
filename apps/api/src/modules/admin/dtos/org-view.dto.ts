import { ApiProperty } from '@nestjs/swagger';
import { ORG_KINDS, type OrgKind } from '../../../common/domain-enums';
import { type OrgView } from '../admin.service';

export class OrgViewDto implements OrgView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: ORG_KINDS })
  kind: OrgKind;

  @ApiProperty({ example: '430100' })
  regionCode: string;

  @ApiProperty({ type: String, nullable: true })
  uscc: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Yuan; a bank approval strictly above it waits for a second officer (null: no four-eyes step).',
  })
  approvalLimit: number | null;

  @ApiProperty({
    description: 'Working days a bank has to answer an application before it is overdue.',
  })
  responseDays: number;

  @ApiProperty()
  createdAt: Date;
}

export class OrgListDto {
  @ApiProperty({ type: [OrgViewDto] })
  items: OrgViewDto[];
}
