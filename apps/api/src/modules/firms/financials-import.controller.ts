import {
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Post,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Roles } from '../../common/auth/actor';
import { ApiDoc } from '../../common/http/api-doc';
import { SingleFileUpload } from '../../common/http/file-upload';
import { FinancialsImportViewDto, FinancialsUploadDto } from './dtos/financials-import-view.dto';
import { FinancialsImportService, type FinancialsImportView } from './financials-import.service';
import { MAX_UPLOAD_BYTES, XLSX_MIME } from './financials-sheet';

/** The part of multer's file the import reads (the API does not depend on @types/multer). */
interface UploadedXlsx {
  buffer: Buffer;
}

@ApiTags('firms')
@ApiBearerAuth()
@Roles('firm')
@Controller({ path: 'firms/me/financials', version: '1' })
export class FinancialsImportController {
  constructor(private readonly imports: FinancialsImportService) {}

  @ApiDoc({
    summary:
      'The financials workbook to fill in: a row per field in 万元, a column per fiscal year',
    file: XLSX_MIME,
  })
  @Get('template.xlsx')
  @Header('Content-Type', XLSX_MIME)
  @Header('Content-Disposition', 'attachment; filename="financials-template.xlsx"')
  async template(@CurrentActor() actor: Actor): Promise<StreamableFile> {
    return new StreamableFile(await this.imports.template(actor));
  }

  @ApiDoc({
    summary: 'Import fiscal years from the filled-in workbook; any bad cell writes nothing',
    description:
      'Bad cells are reported as details with the cell address as field, e.g. `财务数据!D5`.',
    response: FinancialsImportViewDto,
    errors: [HttpStatus.BAD_REQUEST],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FinancialsUploadDto })
  @Post('import')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(SingleFileUpload('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } }))
  import(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedXlsx | undefined,
  ): Promise<FinancialsImportView> {
    return this.imports.import(actor, file?.buffer);
  }
}
