import { industryName, regionOfPrefix } from '@lianrong/matching/registration';
import { registerDecorator, type ValidationOptions } from 'class-validator';

// A product names where and in which trades it lends by code prefixes; each must stand for
// a division or an industry of the shared tables, or it would silently match nobody.

function codeDecorator(
  name: string,
  message: string,
  known: (code: string) => boolean,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { each: true, message, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && known(value) },
    });
}

/** 43 = 湖南省, 4301 = 长沙市, 430104 = 岳麓区: the prefix every code within the division shares. */
export const IsRegionPrefix = codeDecorator(
  'isRegionPrefix',
  'each must be the prefix of a GB/T 2260 division: 2 digits for a province (43), 4 for a city (4301), 6 for a district (430104)',
  (code) => regionOfPrefix(code) !== undefined,
);

/** A GB/T 4754-2017 code at any level the platform classes firms by (C, C34, C342, C3421). */
export const IsIndustryPrefix = codeDecorator(
  'isIndustryPrefix',
  'each must be a GB/T 4754-2017 code the platform knows (section, division, group or class, e.g. C34)',
  (code) => industryName(code) !== undefined,
);
