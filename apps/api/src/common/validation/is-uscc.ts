import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isValidUscc } from '../uscc';

export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: 'is not a valid unified social credit code (check character mismatch)',
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidUscc(value) },
    });
}
