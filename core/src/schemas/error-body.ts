import type { FromSchema } from 'json-schema-to-ts';

export const errorDetailSchema = {
  type: 'object',
  properties: { field: { type: 'string' }, message: { type: 'string' } },
  required: ['field', 'message'],
  additionalProperties: false,
} as const;

export type ErrorDetail = FromSchema<typeof errorDetailSchema>;

/** Body of every 4xx and 5xx response. */
export const errorBodySchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        details: { type: 'array', items: errorDetailSchema },
        requestId: { type: 'string' },
      },
      required: ['code', 'message', 'details', 'requestId'],
      additionalProperties: false,
    },
  },
  required: ['error'],
  additionalProperties: false,
} as const;

export type ErrorBody = FromSchema<typeof errorBodySchema>;
