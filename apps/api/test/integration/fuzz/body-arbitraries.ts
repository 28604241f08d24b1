import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema the API's request bodies use. */
export interface Schema {
  $ref?: string;
  type?: 'object' | 'string' | 'number' | 'integer' | 'array' | 'boolean';
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export type Components = Record<string, Schema>;

/** `$ref` and `allOf` flattened into one object schema. */
export function resolve(schema: Schema, components: Components): Schema {
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop() ?? ''] ?? {}, components);
  if (schema.allOf) {
    const parts = schema.allOf.map((s) => resolve(s, components));
    return {
      type: 'object',
      properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})),
      required: parts.flatMap((p) => p.required ?? []),
    };
  }
  return schema;
}

const HUGE = 10 ** 16;

/** A value the schema accepts, or close to it: the near-valid starting point of each case. */
export function validValue(
  schema: Schema,
  components: Components,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  const variants = s.oneOf ?? s.anyOf;
  if (variants) return fc.oneof(...variants.map((v) => validValue(v, components, depth + 1)));
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({
        min: s.minimum ?? 0,
        max: Math.min(s.maximum ?? 1_000_000_000, 2 ** 31),
      });
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 1_000_000, noNaN: true });
    case 'string':
      return validString(s);
    case 'array':
      if (depth > 4 || !s.items) return fc.constant([]);
      return fc.array(validValue(s.items, components, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    default: {
      if (depth > 4 || !s.properties) return fc.constant({});
      const properties = s.properties;
      const required = new Set(s.required ?? []);
      return fc.record(
        Object.fromEntries(
          Object.entries(properties).map(([key, p]) => [key, validValue(p, components, depth + 1)]),
        ),
        { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) },
      );
    }
  }
}

function validString(s: Schema): fc.Arbitrary<string> {
  if (typeof s.example === 'string') return fc.constant(s.example);
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    default:
      return fc.string({ minLength: s.minLength ?? 1, maxLength: Math.min(s.maxLength ?? 40, 40) });
  }
}

/** Values no field should take quietly: each must be refused or stored exactly, never a 500. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  // Money and counts: huge, negative, fractional, beyond a double's integers, tiny.
  fc.constantFrom(HUGE, -1, -HUGE, 0.5, 1.000_000_1, 2 ** 53 + 1, 1e308, -0, 5e-324),
  fc.double({ noNaN: true }),
  fc.integer({ min: -(2 ** 31), max: -1 }),
  // The wrong type.
  fc.constantFrom(null, true, false, [], {}, [1, 2], { $gt: 0 }, '12', '1e3', 'NaN', ''),
  // Unicode, right-to-left text, control characters and NUL.
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '\u202Eevil\u202C',
    'مرحبا بالعالم',
    'a\u0000b',
    '\u0007\u001b[31m',
    '\uFEFF',
    '\uD800',
    '𠜎𠜱𠝹',
  ),
  // Payloads aimed at SQL and HTML.
  fc.constantFrom(
    "'; DROP TABLE funding_needs; --",
    "1' OR '1'='1",
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '${7*7}{{7*7}}',
  ),
  // One megabyte of text.
  fc.constant('链'.repeat(350_000)),
);

/**
 * A case: a near-valid body with 0–3 fields made hostile, dropped or added, written out as raw
 * JSON text so that what only a client can put on the wire — a duplicate key, a `__proto__`
 * key, nesting thousands of levels deep — goes out as is.
 */
export function hostileBody(schema: Schema, components: Components): fc.Arbitrary<string> {
  const s = resolve(schema, components);
  const keys = Object.keys(s.properties ?? {});
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('amount');
  const edit = fc.oneof(
    fc.tuple(fc.constant('set' as const), key, hostileValue),
    fc.tuple(fc.constant('drop' as const), key, fc.constant(null)),
    fc.tuple(
      fc.constant('unknown' as const),
      fc.constantFrom('isAdmin', 'id', 'firmId', 'role'),
      hostileValue,
    ),
  );
  const wire = fc.constantFrom('plain', 'proto', 'constructor', 'duplicate', 'deep', 'array');
  return fc
    .tuple(validValue(schema, components), fc.array(edit, { maxLength: 3 }), wire)
    .map(([base, edits, how]) => {
      const body: Record<string, unknown> =
        base && typeof base === 'object' && !Array.isArray(base) ? { ...base } : {};
      for (const [kind, field, value] of edits) {
        if (kind === 'drop') delete body[field];
        else body[field] = value;
      }
      return onTheWire(body, how);
    });
}

function onTheWire(body: Record<string, unknown>, how: string): string {
  const json = JSON.stringify(body);
  const inner = json.slice(1, -1);
  const sep = inner ? ',' : '';
  switch (how) {
    case 'proto':
      return `{"__proto__":{"role":"admin"}${sep}${inner}}`;
    case 'constructor':
      return `{"constructor":{"prototype":{"role":"admin"}}${sep}${inner}}`;
    case 'duplicate': {
      const [first] = Object.keys(body);
      return first ? `{${inner},${JSON.stringify(first)}:"duplicate"}` : json;
    }
    case 'deep':
      return `{"nested":${'['.repeat(5000)}${']'.repeat(5000)}${sep}${inner}}`;
    case 'array':
      return `[${json}]`;
    default:
      return json;
  }
}
