import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { NotAudited } from '../audit/audit-route';
import { UuidPipe } from '../../common/http/params';
import { WhatIfDto } from './dtos/what-if.dto';
import { WhatIfViewDto } from './dtos/what-if-view.dto';
import { WhatIfService, type WhatIfView } from './what-if.service';

@ApiTags('matches')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'needs', version: '1' })
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @ApiDoc({
    summary: 'Try changed inputs on a need: what would open, close and how it would rank',
    description: 'Nothing is saved and no re-matching is queued.',
    response: WhatIfViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  // A computation, not a creation: 200.
  @NotAudited('computes what would change; stores nothing')
  @Post(':id/what-if')
  @HttpCode(HttpStatus.OK)
  run(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: WhatIfDto,
  ): Promise<WhatIfView> {
    return this.whatIf.run(actor, id, dto);
  }
}
