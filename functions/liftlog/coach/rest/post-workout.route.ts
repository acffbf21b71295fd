import { failure, ok } from '#shared/http/contract';
import { liftlogRoute } from '../../contract.ts';
import { secrets } from '../../resources.ts';
import { workoutRequest, workoutResponse } from './schemas.ts';

export const postWorkoutRoute = liftlogRoute({
  method: 'POST',
  path: '/ai/workout',
  auth: 'pro-token',
  handler: 'functions/liftlog/coach/rest/post-workout.ts',
  // HTTP APIs give up on an integration after 30 s.
  timeoutSeconds: 29,
  access: { secrets: [secrets.coach] },
  summary: "Generates a whole workout plan from the user's attributes, in the older plan format",
  request: { body: workoutRequest },
  responses: {
    200: ok('The plan', workoutResponse),
    401: failure('No valid pro token'),
    429: failure('Over the AI request limit; Retry-After says when to try again'),
  },
});
