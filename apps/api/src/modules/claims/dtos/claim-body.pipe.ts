import { type ArgumentMetadata, HttpStatus, Injectable, type PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { ApiException, type ErrorDetail } from '../../../common/http/api-error';
import { createValidationPipe } from '../../../common/http/validation';
import { FIRM_CLAIM_KINDS, type FirmClaimKind } from '../claim-kinds';
import { CLAIM_DTO_BY_KIND, type CreateClaimDto } from './create-claim.dto';

const isKind = (value: unknown): value is FirmClaimKind =>
  typeof value === 'string' && (FIRM_CLAIM_KINDS as readonly string[]).includes(value);

/** Every field some kind declares; without a kind, anything else is named as not allowed. */
const KNOWN_FIELDS = new Set(
  Object.values(CLAIM_DTO_BY_KIND).flatMap((dto) =>
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', false, false)
      .map((m) => m.propertyName),
  ),
);

/**
 * A claim body is one of five shapes told apart by `kind`; it is validated against that
 * kind's class, so a field of another kind is refused by name like any unknown field.
 */
@Injectable()
export class ClaimBodyPipe implements PipeTransform<unknown, Promise<CreateClaimDto>> {
  private readonly validation = createValidationPipe();

  async transform(value: unknown, meta: ArgumentMetadata): Promise<CreateClaimDto> {
    const kind = (value as { kind?: unknown } | null)?.kind;
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !isKind(kind)) {
      const details: ErrorDetail[] = [
        { field: 'kind', problem: `must be one of ${FIRM_CLAIM_KINDS.join(', ')}` },
        ...(typeof value === 'object' && value !== null && !Array.isArray(value)
          ? Object.keys(value)
              .filter((key) => !KNOWN_FIELDS.has(key))
              .map((field) => ({ field, problem: 'is not allowed' }))
          : []),
      ];
      throw new ApiException(
        HttpStatus.BAD_REQUEST,
        details.map((d) => `${d.field} ${d.problem}`).join('; '),
        details,
      );
    }
    return (await this.validation.transform(value, {
      ...meta,
      metatype: CLAIM_DTO_BY_KIND[kind],
    })) as CreateClaimDto;
  }
}
