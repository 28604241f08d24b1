import { Controller, Get, HttpStatus, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { ProductMatchesQuery } from './dtos/matches-query.dto';
import { MatchesService } from './matches.service';
import { NearMissListDto, NeedMatchListDto, ProductMatchesDto } from './dtos/match-views.dto';

@ApiTags('matches')
@ApiBearerAuth()
@Controller({ version: '1' })
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @ApiDoc({
    summary: "The products ranked for one of the caller's needs",
    response: NeedMatchListDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('firm')
  @Get('needs/:id/matches')
  forNeed(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.matches.forNeed(actor, id);
  }

  @ApiDoc({
    summary: 'Products the need misses on exactly one rule',
    response: NearMissListDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('firm')
  @Get('needs/:id/near-misses')
  nearMisses(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string) {
    return this.matches.nearMissesForNeed(actor, id);
  }

  @ApiDoc({
    summary: "The needs ranked for one of the caller's products",
    response: ProductMatchesDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
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
