/**
 * `$default` of the older `/ai-chat` hub: Introduce(locale) and
 * SendMessage(message) queue a turn for the model (whose plan this hub's
 * clients receive once, in the older format), RestartChat and StopInProgress
 * end it.
 */
import * as z from 'zod/mini';
import { websocketApis } from '../../resources.ts';
import { clearChat, stopTurn } from '../chat/chat-state.ts';
import { introductionRequest, MAX_MESSAGE_LENGTH } from '../chat/user-requests.ts';
import { hubMessageHandler, hubMethod } from './hub.ts';

export const handler = hubMessageHandler({
  api: websocketApis.aiChat,
  methods: {
    Introduce: hubMethod(z.tuple([z.string()]), (call, [locale]) => call.queueTurn(introductionRequest(locale))),
    SendMessage: hubMethod(z.tuple([z.string().check(z.maxLength(MAX_MESSAGE_LENGTH))]), (call, [message]) => call.queueTurn(message)),
    RestartChat: hubMethod(z.tuple([]), async (call) => call.completeUnanswered(await clearChat(call.connectionId))),
    StopInProgress: hubMethod(z.tuple([]), async (call) => call.completeUnanswered(await stopTurn(call.connectionId))),
  },
});
