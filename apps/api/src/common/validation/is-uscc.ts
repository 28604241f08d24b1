import { registerDecorator, type ValidationOptions } from 'class-validator';
import { type UsccProblem, usccProblem } from '../uscc';

// Each message says which part is wrong, so a typo can be found where it is.
export const USCC_PROBLEMS: Record<UsccProblem, string> = {
  format: 'must be 18 characters: digits and capital letters other than I, O, S, V and Z',
  region: 'characters 3–8 must be a GB/T 2260 region code',
  organisation_check:
    'the 17th character is wrong: it is the check character of the organisation code in characters 9–17 (GB 11714)',
  uscc_check:
    'the 18th character is wrong: it is the check character of the whole code (GB 32100-2015)',
};

export function IsUscc(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isUscc',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }) =>
          USCC_PROBLEMS[typeof value === 'string' ? (usccProblem(value) ?? 'format') : 'format'],
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && usccProblem(value) === null,
      },
    });
}
