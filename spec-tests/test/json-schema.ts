/**
 * A tiny JSON Schema validator for the subset schema/report.v1.json uses: type (one or several),
 * const, enum, properties, required, additionalProperties (boolean or schema), items, minimum and
 * local $ref (#/$defs/…). `format` and annotations are ignored. Returns the errors found, each
 * with its JSON pointer.
 * @module
 */

/** A schema of the supported subset. */
export interface Schema {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minimum?: number;
  $ref?: string;
  $defs?: Record<string, Schema>;
  [annotation: string]: unknown;
}

const SUPPORTED = new Set([
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minimum',
  '$ref',
  '$defs',
  '$schema',
  '$id',
  'title',
  'description',
  'format',
]);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Validates `value` against `schema`; `root` resolves `$ref`s. Returns error messages (empty: valid). */
export function validate(value: unknown, schema: Schema, root: Schema = schema, at = ''): string[] {
  for (const key of Object.keys(schema)) {
    if (!SUPPORTED.has(key))
      return [`${at || '/'}: schema keyword "${key}" is not supported by this validator`];
  }
  if (schema.$ref) {
    const m = /^#\/\$defs\/(.+)$/.exec(schema.$ref);
    const target = m ? root.$defs?.[m[1]] : undefined;
    if (!target) return [`${at || '/'}: unresolvable $ref ${schema.$ref}`];
    return validate(value, target, root, at);
  }
  const errors: string[] = [];
  const where = at || '/';
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const ok = types.some((t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [`${where}: expected ${types.join(' or ')}, got ${actual}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) {
    errors.push(`${where}: expected ${JSON.stringify(schema.const)}, got ${JSON.stringify(value)}`);
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${where}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) {
    errors.push(`${where}: ${value} is below the minimum ${schema.minimum}`);
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (!(key in obj)) errors.push(`${where}: missing required "${key}"`);
    for (const [key, v] of Object.entries(obj)) {
      const sub = schema.properties?.[key];
      if (sub) errors.push(...validate(v, sub, root, `${at}/${key}`));
      else if (schema.additionalProperties === false) errors.push(`${where}: unexpected property "${key}"`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...validate(v, schema.additionalProperties, root, `${at}/${key}`));
      }
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => {
      errors.push(...validate(v, schema.items as Schema, root, `${at}/${i}`));
    });
  }
  return errors;
}
