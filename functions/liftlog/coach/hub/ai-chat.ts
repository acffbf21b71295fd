/**
 * `$default` of the older `/ai-chat` hub: Introduce(locale), SendMessage(message),
 * RestartChat and StopInProgress, with plans sent once, in the older format.
 */
import { z } from 'zod';
import { clearChat, stopTurn } from '../chat/chat-state.ts';
import { converse, introductionRequest, MAX_MESSAGE_LENGTH } from '../chat/conversation.ts';
import { legacyDialect } from '../chat/dialects.ts';
import { hubMessageHandler, hubMethod } from './hub.ts';

export const handler = hubMessageHandler({
  api: 'aiChat',
  methods: {
    Introduce: hubMethod(z.tuple([z.string()]), (call, [locale]) =>
      converse(call.connectionId, introductionRequest(locale), legacyDialect, call.receiveMessage),
    ),
    SendMessage: hubMethod(z.tuple([z.string().max(MAX_MESSAGE_LENGTH)]), (call, [message]) =>
      converse(call.connectionId, message, legacyDialect, call.receiveMessage),
    ),
    RestartChat: hubMethod(z.tuple([]), (call) => clearChat(call.connectionId)),
    StopInProgress: hubMethod(z.tuple([]), (call) => stopTurn(call.connectionId)),
  },
});
