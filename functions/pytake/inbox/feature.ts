/** The inbox's part of the PyTake manifest: conversations, their messages, and the send queue whose consumer paces and sends outbound messages. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { queues } from '../resources.ts';
import {
  assignConversationRoute,
  closeConversationRoute,
  createConversationRoute,
  getConversationRoute,
  listConversationsRoute,
  listMessagesRoute,
  markReadRoute,
  sendMessageRoute,
  transferConversationRoute,
  updateConversationTagsRoute,
} from './conversations.route.ts';

export const feature: FeatureManifest = {
  routes: [
    listConversationsRoute,
    createConversationRoute,
    getConversationRoute,
    updateConversationTagsRoute,
    listMessagesRoute,
    sendMessageRoute,
    markReadRoute,
    assignConversationRoute,
    transferConversationRoute,
    closeConversationRoute,
  ],
  queues: [
    {
      name: queues.sendMessage,
      // Opens the number's access token; puts retries and far pacing slots back on its own queue.
      consumer: { handler: 'functions/pytake/inbox/deliver-message.ts', timeoutSeconds: 30, access: { sendsTo: [queues.sendMessage], dataKeys: true } },
      batchSize: 10,
      // Read in the partition of the organization the job names, which the request that queued it was allowed.
      objectIds: [{ object: 'message', from: 'message', field: 'message_sk', owner: 'origin' }],
    },
  ],
};
