import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import type { Config } from '../../lib/config.ts';

export type SchemaPrivacyConfig = Pick<Config, 'introspection' | 'fieldSuggestions'>;

export interface SchemaPrivacy<TContext extends BaseContext> {
  /** For ApolloServer's `validationRules`. */
  validationRules: ValidationRule[];
  /** For ApolloServer's `plugins`. */
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * Keeps the schema from being read off the gateway unless configured otherwise: introspection is
 * refused, and "Did you mean …?" hints, which let a client enumerate fields, types, arguments
 * and enum values one typo at a time, are removed.
 *
 * graphql-js's NoSchemaIntrospectionCustomRule only refuses fields returning an introspection
 * type (`__schema`, `__type` and whatever is beneath them), so `__typename`, which clients need to
 * read unions and interfaces and which reveals nothing a response would not, keeps working.
 * It replaces Apollo's own rule, whose message tells the client which server and which option
 * it is talking to; give ApolloServer `introspection: true` so only this one runs.
 */
export function useSchemaPrivacy<TContext extends BaseContext = BaseContext>(config: SchemaPrivacyConfig): SchemaPrivacy<TContext> {
  return {
    validationRules: config.introspection ? [] : [NoSchemaIntrospectionCustomRule],
    plugins: config.fieldSuggestions ? [] : [withoutSuggestionsPlugin<TContext>()],
  };
}

// graphql-js's didYouMean always ends a message: ' Did you mean "a", "b", or "c"?'
const SUGGESTION = /\s*Did you mean .*\?$/s;

export function withoutSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}

/**
 * Strips suggestions from every error before it is formatted. Apollo's own
 * hideSchemaDetailsFromClientErrors does so for validation errors only, but variable coercion
 * (`Variable "$filter" got invalid value …; Field "tpye" is not defined by type
 * "ServiceItemFilter". Did you mean "type"?`) reports at execution, and says as much.
 */
export function withoutSuggestionsPlugin<TContext extends BaseContext = BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) error.message = withoutSuggestions(error.message);
        },
      };
    },
  };
}
