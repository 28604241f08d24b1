import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { ProductMatchesQuery } from './dtos/matches-query.dto';
import { MatchesService } from './matches.service';

@ApiTags('matches')
@ApiBearerAuth()
@Controller({ version: '1' })
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Roles('firm')
  @Get('needs/:id/matches')
  forNeed(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.matches.forNeed(actor, id);
  }

  @Roles('firm')
  @Get('needs/:id/near-misses')
  nearMisses(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.matches.nearMissesForNeed(actor, id);
  }

  @Roles('bank')
  @Get('products/:id/matches')
  forProduct(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() query: ProductMatchesQuery,
  ) {
    return this.matches.forProduct(actor, id, query.limit ?? 50);
  }
}
