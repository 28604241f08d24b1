import { Controller, Get, HttpStatus, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { type HttpReply, sendBytes } from '../../common/http/http-reply';
import { XLSX_MIME } from '../firms/financials-sheet';
import { BankQueueService, type ChainOption } from './bank-queue.service';
import { ChainOptionListDto } from './dtos/bank-chains.dto';
import { BankQueueFilterQuery, BankQueueQuery } from './dtos/bank-queue.query';
import { QueuePageDto } from './dtos/bank-queue-view.dto';
import { QueueExportService } from './queue-export.service';

@ApiTags('bank queue')
@ApiBearerAuth()
@Roles('bank')
@Controller({ path: 'bank', version: '1' })
export class BankQueueController {
  constructor(
    private readonly queue: BankQueueService,
    private readonly exports: QueueExportService,
  ) {}

  @ApiDoc({
    summary:
      "The officer's queue across the bank's products: ranked firms and every application, filtered, in keyset pages",
    description:
      "Rows: the officer's view of each product plus every match a firm applied for or the bank worked on. " +
      'Pages follow `nextCursor`; `counts` (per status, without the status filter) come with the first page.',
    response: QueuePageDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('matches')
  async page(
    @CurrentActor() actor: Actor,
    @Query() query: BankQueueQuery,
    @Res() res: HttpReply,
  ): Promise<void> {
    const page = await this.queue.pageJson(actor, query);
    sendBytes(res, Buffer.from(page), { 'Content-Type': 'application/json; charset=utf-8' });
  }

  @ApiDoc({
    summary: 'The queue under the same filters as an Excel workbook (money in whole yuan)',
    file: XLSX_MIME,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('matches/export.xlsx')
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: BankQueueFilterQuery,
  ): Promise<StreamableFile> {
    // Headers go with the file only: a refusal before it stays a JSON error.
    return new StreamableFile(await this.exports.open(actor, query), {
      type: XLSX_MIME,
      disposition: 'attachment; filename="bank-queue.xlsx"',
    });
  }

  @ApiDoc({
    summary:
      'The industrial chains, to filter the queue by (public knowledge: a province publishes its list)',
    response: ChainOptionListDto,
  })
  @Get('chains')
  chains(): Promise<{ items: ChainOption[] }> {
    return this.queue.chains();
  }
}
