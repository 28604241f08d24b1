import {
  Controller,
  Get,
  Header,
  HttpStatus,
  Param,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { type HttpReply, type HttpRequest, sendBytes } from '../../common/http/http-reply';
import { UuidPipe } from '../../common/http/params';
import { XLSX_MIME } from '../firms/financials-sheet';
import { DashboardExportService } from './dashboard-export.service';
import { DashboardService } from './dashboard.service';
import { type BanksView, type BlockersView, type ChainDetail } from './dashboard.types';
import {
  BlockersQuery,
  ChainDetailQuery,
  ChainFilterQuery,
  CsvExportQuery,
  DashboardFilterQuery,
} from './dtos/dashboard.query';
import {
  BanksViewDto,
  BlockersViewDto,
  ChainDetailDto,
  DashboardOverviewDto,
} from './dtos/dashboard-view.dto';

const FILTERS =
  'Only firms registered in the agency’s region count, also in chains that span regions. Money in whole yuan, shares in basis points. Figures come from tables the worker sums (see `freshness`).';

/** The government dashboard: chain by chain (一链一行), blockers, bank responsiveness, exports. */
@ApiTags('gov')
@ApiBearerAuth()
@Roles('gov')
@Controller({ path: 'gov', version: '1' })
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly exports: DashboardExportService,
  ) {}

  @ApiDoc({
    summary: 'Financing per industrial chain of the caller’s region, by city and month',
    description: FILTERS,
    response: DashboardOverviewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('chains')
  async overview(
    @CurrentActor() actor: Actor,
    @Query() query: DashboardFilterQuery,
    @Req() req: HttpRequest,
    @Res() res: HttpReply,
  ): Promise<void> {
    // The answer's bytes are kept per build of the facts (see overviewPayload).
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = await this.dashboard.overviewPayload(actor, query, gzip);
    sendBytes(res, body, {
      'Content-Type': 'application/json; charset=utf-8',
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
  }

  @ApiDoc({
    summary:
      'One chain: its figures, its member firms and how far each got, its core enterprises and their suppliers',
    description: FILTERS,
    response: ChainDetailDto,
    errors: [HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND],
  })
  @Get('chains/:id')
  chain(
    @CurrentActor() actor: Actor,
    @Param('id', UuidPipe) id: string,
    @Query() query: ChainDetailQuery,
  ): Promise<ChainDetail> {
    return this.dashboard.chain(actor, id, query);
  }

  @ApiDoc({
    summary: 'What blocks the open needs no product takes: failure codes of their nearest products',
    description:
      'Needs open now with no eligible product, judged by the matching rules against every active product. A need counts once per failure code of its nearest products (those failing the fewest rules), so shares may add up to more than 100%.',
    response: BlockersViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('blockers')
  blockers(@CurrentActor() actor: Actor, @Query() query: BlockersQuery): Promise<BlockersView> {
    return this.dashboard.blockers(actor, query);
  }

  @ApiDoc({
    summary:
      'Bank responsiveness: applications, median working days to the first move, overdue, approval rate',
    description: FILTERS,
    response: BanksViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('banks/response-times')
  banks(@CurrentActor() actor: Actor, @Query() query: ChainFilterQuery): Promise<BanksView> {
    return this.dashboard.banks(actor, query);
  }

  @ApiDoc({
    summary:
      'The dashboard as a workbook: a sheet per table (chains, cities, blockers, banks, roadshows)',
    file: XLSX_MIME,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('export.xlsx')
  async xlsx(
    @CurrentActor() actor: Actor,
    @Query() query: ChainFilterQuery,
  ): Promise<StreamableFile> {
    // Headers go with the file only: a refusal before it stays a JSON error.
    return new StreamableFile(await this.exports.xlsx(actor, query), {
      type: XLSX_MIME,
      disposition: 'attachment; filename="gov-dashboard.xlsx"',
    });
  }

  @ApiDoc({
    summary: 'One table of the dashboard as CSV (UTF-8 with a byte-order mark)',
    file: 'text/csv',
    errors: [HttpStatus.BAD_REQUEST],
  })
  @Get('export.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(@CurrentActor() actor: Actor, @Query() query: CsvExportQuery): Promise<StreamableFile> {
    const table = query.table ?? 'chains';
    const text = await this.exports.csv(actor, query, table);
    return new StreamableFile(Buffer.from(text, 'utf8'), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="gov-${table}.csv"`,
    });
  }
}
