/**
 * zod schemas as JSON Schema for the documents: what a client may send
 * (`input`: before transforms, so `jsonObject`'s pipes document the object
 * they check) and what the service answers (`output`). Values JSON Schema
 * cannot state (a Buffer in a multipart file) become `{}`.
 */
import { toJSONSchema } from 'zod/v4/core';
import type { JsonSchema } from '../http/error-format.ts';
import type { Schema } from '../manifest.ts';

export function jsonSchemaOf(schema: Schema, io: 'input' | 'output', target: 'draft-2020-12' | 'draft-7' = 'draft-2020-12'): JsonSchema {
  const { $schema: _, ...rest } = toJSONSchema(schema, { io, target, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}
