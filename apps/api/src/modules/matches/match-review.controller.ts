import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { ApplicationDto, DocumentRequestDto, TransitionDto } from './dtos/match-moves.dto';
import { MatchEventDto, MatchReviewDto, ReferralDto } from './dtos/match-review.dto';
import {
  type MatchEventView,
  MatchReviewService,
  type MatchReviewView,
  type ReferralView,
} from './match-review.service';

/** The loan loop: a match worked from application to disbursement by its two parties. */
@ApiTags('matches')
@ApiBearerAuth()
@Controller({ version: '1' })
export class MatchReviewController {
  constructor(private readonly review: MatchReviewService) {}

  @ApiDoc({
    summary: 'Move a match along the review pipeline',
    description:
      'The firm applies or withdraws; the bank contacts, reviews, approves (above its approval limit the match waits in pending_approval for a second officer), disburses (again from disbursed: a further drawdown) or declines. 409: a move not allowed from the current status, or a stale version. 403: the maker confirming their own proposal.',
    response: MatchReviewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Roles('firm', 'bank')
  @Post('matches/:id/transition')
  @HttpCode(HttpStatus.OK)
  transition(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: TransitionDto,
  ): Promise<MatchReviewView> {
    return this.review.transition(actor, id, dto);
  }

  @ApiDoc({
    summary: 'Ask the firm for more documents (补充材料)',
    response: MatchReviewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Roles('bank')
  @Post('matches/:id/document-requests')
  @HttpCode(HttpStatus.OK)
  requestDocuments(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: DocumentRequestDto,
  ): Promise<MatchReviewView> {
    return this.review.requestDocuments(actor, id, dto);
  }

  @ApiDoc({
    summary: "Apply to a product the need is eligible for, with the firm's credit-check consent",
    description:
      '409 when the rules refuse the pair (details name each failed rule; `failures` carries them as the matching library reports them) or an application to the product is already live.',
    response: MatchReviewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Roles('firm')
  @Post('needs/:id/applications')
  apply(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: ApplicationDto,
  ): Promise<MatchReviewView> {
    return this.review.apply(actor, id, dto);
  }

  @ApiDoc({
    summary: 'One match as its firm or bank sees it',
    response: MatchReviewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('firm', 'bank')
  @Get('matches/:id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<MatchReviewView> {
    return this.review.get(actor, id);
  }

  @ApiDoc({
    summary: "A match's history, oldest first",
    response: MatchEventDto,
    isArray: true,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Roles('firm', 'bank')
  @Get('matches/:id/events')
  events(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<MatchEventView[]> {
    return this.review.events(actor, id);
  }

  @ApiDoc({
    summary: 'After a decline: the best eligible products at other banks',
    response: ReferralDto,
    isArray: true,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Roles('firm')
  @Get('matches/:id/referrals')
  referrals(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
  ): Promise<ReferralView[]> {
    return this.review.referrals(actor, id);
  }
}
