import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { UuidPipe } from '../../common/http/params';
import { CreateNeedDto, UpdateNeedDto } from './dtos/need.dto';
import { NeedsService, type NeedListItemView, type NeedView } from './needs.service';
import { NeedListDto, NeedViewDto } from './dtos/need-view.dto';

@ApiTags('needs')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'needs', version: '1' })
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @ApiDoc({
    summary: 'Post a funding need',
    response: NeedViewDto,
    status: HttpStatus.CREATED,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateNeedDto): Promise<NeedView> {
    return this.needs.create(actor, dto);
  }

  @ApiDoc({ summary: "The caller's funding needs", response: NeedListDto })
  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: NeedListItemView[] }> {
    return this.needs.list(actor);
  }

  @ApiDoc({
    summary: 'One funding need',
    response: NeedViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<NeedView> {
    return this.needs.get(actor, id);
  }

  @ApiDoc({
    summary: 'Change an open funding need',
    response: NeedViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateNeedDto,
  ): Promise<NeedView> {
    return this.needs.update(actor, id, dto);
  }

  @ApiDoc({
    summary: 'Withdraw a funding need',
    response: NeedViewDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, HttpStatus.CONFLICT],
  })
  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<NeedView> {
    return this.needs.withdraw(actor, id);
  }
}
