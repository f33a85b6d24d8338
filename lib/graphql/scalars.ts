import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { ERROR_CODES } from '../errors.ts';
import { isIsoDate } from '../time.ts';

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: ERROR_CODES.BAD_USER_INPUT } });

/** YYYY-MM-DD, a real calendar date: 2026-02-30 is refused at the boundary. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  serialize: (value) => String(value),
  parseValue(value) {
    if (typeof value !== 'string' || !isIsoDate(value)) throw invalid('Date must be a calendar date written YYYY-MM-DD');
    return value;
  },
  parseLiteral(node) {
    if (node.kind !== Kind.STRING || !isIsoDate(node.value)) throw invalid('Date must be a calendar date written YYYY-MM-DD');
    return node.value;
  },
});

function literalValue(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((field) => [field.name.value, literalValue(field.value)]));
    case Kind.LIST:
      return node.values.map(literalValue);
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.STRING:
    case Kind.ENUM:
      return node.value;
    case Kind.BOOLEAN:
      return node.value;
    case Kind.NULL:
      return null;
    default:
      throw invalid('JSONObject literals cannot use variables inside; pass the whole object as a variable');
  }
}

/** A JSON object: the shape is checked element by element by the validators, which report every failure. */
export const JSONObjectScalar = new GraphQLScalarType<Record<string, unknown>, Record<string, unknown>>({
  name: 'JSONObject',
  serialize: (value) => value as Record<string, unknown>,
  parseValue(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('JSONObject must be a JSON object');
    return value as Record<string, unknown>;
  },
  parseLiteral(node) {
    if (node.kind !== Kind.OBJECT) throw invalid('JSONObject must be an object');
    return literalValue(node) as Record<string, unknown>;
  },
});
