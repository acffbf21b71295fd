import * as z from 'zod/mini';
import { ok } from '#shared/http/contract';
import { liftlogRoute, PASSWORD_MEMORY_MB } from '../contract.ts';

export const createUserRoute = liftlogRoute({
  method: 'POST',
  path: '/user/create',
  auth: 'none',
  handler: 'functions/liftlog/users/create-user.ts',
  memoryMb: PASSWORD_MEMORY_MB,
  summary: 'Issues a new feed identity: id, share lookup and the password the app keeps (the body is ignored)',
  request: {},
  responses: { 200: ok('The new identity', z.object({ id: z.string(), lookup: z.string(), password: z.string() })) },
});
