import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { UuidPipe } from '../../common/http/params';
import { CreateNeedDto, UpdateNeedDto } from './dtos/need.dto';
import { NeedsService, type NeedView } from './needs.service';

@ApiTags('needs')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'needs', version: '1' })
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateNeedDto): Promise<NeedView> {
    return this.needs.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor): Promise<{ items: NeedView[] }> {
    return this.needs.list(actor);
  }

  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<NeedView> {
    return this.needs.get(actor, id);
  }

  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Body() dto: UpdateNeedDto,
  ): Promise<NeedView> {
    return this.needs.update(actor, id, dto);
  }

  @Post(':id/withdraw')
  @HttpCode(HttpStatus.OK)
  withdraw(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<NeedView> {
    return this.needs.withdraw(actor, id);
  }
}
