import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { badRequest } from './api-error';

/** A fiscal year in the path: 1990–2100. */
@Injectable()
export class YearParamPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!(year >= 1990 && year <= 2100))
      throw badRequest(meta.data ?? 'year', 'must be a year between 1990 and 2100');
    return year;
  }
}

/** A uuid path parameter; a malformed one is a 400 naming the parameter. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, meta: ArgumentMetadata): string {
    if (!isUUID(value)) throw badRequest(meta.data ?? 'id', 'must be a UUID');
    return value;
  }
}
