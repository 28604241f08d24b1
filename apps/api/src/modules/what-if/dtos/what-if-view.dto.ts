import { ApiProperty } from '@nestjs/swagger';
import { FailureDto, ScoreComponentDto } from '../../matches/dtos/match-views.dto';
import { type WhatIfView } from '../what-if.service';

class WhatIfProductDto {
  @ApiProperty({ format: 'uuid' })
  productId: string;

  @ApiProperty()
  productName: string;

  @ApiProperty()
  bankName: string;
}

export class WhatIfOpenedDto extends WhatIfProductDto {
  @ApiProperty({ description: 'The score the product would give, 0–100.' })
  score: number;
}

export class WhatIfClosedDto extends WhatIfProductDto {
  @ApiProperty({ type: [FailureDto], description: 'The rules the product would then fail.' })
  failures: FailureDto[];
}

export class WhatIfRankedDto extends WhatIfProductDto {
  @ApiProperty({ description: 'The score after the changes, 0–100.' })
  score: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'The score today; null when not open today.' })
  previousScore: number | null;

  @ApiProperty({ type: [ScoreComponentDto] })
  components: ScoreComponentDto[];
}

export class WhatIfViewDto implements WhatIfView {
  @ApiProperty({ type: [WhatIfOpenedDto], description: 'Products the changes would open.' })
  opened: WhatIfOpenedDto[];

  @ApiProperty({ type: [WhatIfClosedDto], description: 'Products open today the changes would close.' })
  closed: WhatIfClosedDto[];

  @ApiProperty({ type: [WhatIfRankedDto], description: 'Every product open after the changes, best first.' })
  ranked: WhatIfRankedDto[];
}
