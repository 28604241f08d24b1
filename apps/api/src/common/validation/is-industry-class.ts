import { isIndustryClass } from '@lianrong/matching/registration';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A GB/T 4754-2017 小类 from the shared table (a firm is classed at the finest level). */
export function IsIndustryClass(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIndustryClass',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'must be a GB/T 4754-2017 class (小类) such as C3912',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isIndustryClass(value),
      },
    });
}
