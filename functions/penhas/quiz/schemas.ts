/** The quiz answers' shapes, as the app reads them (loose: messages carry the members of their type). */
import * as z from 'zod/mini';

const option = z.looseObject({ display: z.string(), index: z.union([z.string(), z.number()]) });

export const quizMessage = z.looseObject({
  type: z.string(),
  content: z.optional(z.nullable(z.string())),
  ref: z.optional(z.string()),
  style: z.optional(z.string()),
  action: z.optional(z.string()),
  label: z.optional(z.string()),
  display_response: z.optional(z.nullable(z.string())),
  options: z.optional(z.array(option)),
});

/** A session on screen (`current_msgs`, `prev_msgs`, `session_id`) or one that ended (`finished: 1`, `end_screen`). */
export const quizSessionSchema = z.looseObject({
  session_id: z.optional(z.union([z.number(), z.string()])),
  current_msgs: z.optional(z.array(quizMessage)),
  prev_msgs: z.optional(z.nullable(z.array(quizMessage))),
  finished: z.optional(z.literal(1)),
  end_screen: z.optional(z.string()),
});

export const quizAnswerSchema = z.object({ quiz_session: quizSessionSchema });
