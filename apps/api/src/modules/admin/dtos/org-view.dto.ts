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
    type: 'integer',
    nullable: true,
    description: "A bank's four-eyes threshold in whole yuan; null: none",
  })
  approvalLimit: number | null;

  @ApiProperty({ type: 'integer', description: 'Working days a bank has to answer an application' })
  responseDays: number;

  @ApiProperty()
  createdAt: Date;
}

export class OrgListDto {
  @ApiProperty({ type: [OrgViewDto] })
  items: OrgViewDto[];
}
