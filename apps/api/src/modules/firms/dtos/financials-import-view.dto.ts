import { ApiProperty } from '@nestjs/swagger';
import { type FinancialsImportView } from '../financials-import.service';
import { FirmViewDto } from './firm-view.dto';

export class FinancialsImportViewDto implements FinancialsImportView {
  @ApiProperty({ type: [Number], example: [2024, 2025], description: 'The fiscal years written.' })
  years: number[];

  @ApiProperty({ type: FirmViewDto })
  firm: FirmViewDto;
}

/** The multipart body of the upload, for the document only (multer reads it). */
export class FinancialsUploadDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'The filled-in template, .xlsx, at most 1 MB.',
  })
  file: unknown;
}
