/**
 * `$default` of the `/ai-chat-v2` hub (the current app): Introduce and
 * SendMessage queue a turn for the model, RestartChat and StopInProgress end
 * it. Clients on an older AI plan contract are told to update instead of being
 * answered.
 */
import * as z from 'zod/mini';
import { websocketApis } from '../../resources.ts';
import { clearChat, stopTurn } from '../chat/chat-state.ts';
import { introductionRequest, MAX_MESSAGE_LENGTH } from '../chat/user-requests.ts';
import { AI_PLAN_VERSION } from '../plan/ai-plan-schema.ts';
import { hubMessageHandler, hubMethod, type HubCall } from './hub.ts';

/** True when the client cannot read the plans this server makes; it has then been told to update. */
async function toldToUpdate(call: HubCall, clientAiPlanVersion: number): Promise<boolean> {
  if (clientAiPlanVersion >= AI_PLAN_VERSION) return false;
  await call.receiveMessage({ type: 'updateRequired', requiredVersion: AI_PLAN_VERSION });
  return true;
}

export const handler = hubMessageHandler({
  api: websocketApis.aiChatV2,
  methods: {
    Introduce: hubMethod(z.tuple([z.string(), z.number().check(z.int()), z.string()]), async (call, [locale, clientAiPlanVersion, weightUnit]) => {
      if (await toldToUpdate(call, clientAiPlanVersion)) return;
      return call.queueTurn(introductionRequest(locale, weightUnit));
    }),
    SendMessage: hubMethod(
      z.tuple([z.string().check(z.maxLength(MAX_MESSAGE_LENGTH)), z.number().check(z.int())]),
      async (call, [message, clientAiPlanVersion]) => {
        if (await toldToUpdate(call, clientAiPlanVersion)) return;
        return call.queueTurn(message);
      },
    ),
    RestartChat: hubMethod(z.tuple([]), async (call) => call.completeUnanswered(await clearChat(call.connectionId))),
    StopInProgress: hubMethod(z.tuple([]), async (call) => call.completeUnanswered(await stopTurn(call.connectionId))),
  },
});
