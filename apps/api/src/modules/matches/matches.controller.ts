import {
  Controller,
  DefaultValuePipe,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { badRequest } from '../../common/http/api-error';
import { UuidPipe } from '../../common/http/params';
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
    @Query(
      'limit',
      new DefaultValuePipe('50'),
      new ParseIntPipe({ exceptionFactory: () => badRequest('limit', 'must be an integer') }),
    )
    limit: number,
  ) {
    if (limit < 1 || limit > 1000) throw badRequest('limit', 'must be between 1 and 1000');
    return this.matches.forProduct(actor, id, limit);
  }

  @Roles('admin')
  @Post('admin/rematch')
  @HttpCode(HttpStatus.ACCEPTED)
  rematchAll(@CurrentActor() actor: Actor) {
    return this.matches.rematchAll(actor);
  }
}
