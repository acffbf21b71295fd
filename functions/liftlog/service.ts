import { defineService } from '#shared/manifest';
import { createSharedItemRoute } from './shared-items/create-shared-item.route.ts';
import { getSharedItemRoute } from './shared-items/get-shared-item.route.ts';
import { hubConnectRoute } from './coach/hub/connect.route.ts';
import { negotiateV1Route, negotiateV2Route } from './coach/hub/negotiate.route.ts';
import { aiChatProtocol, aiChatV2Protocol } from './coach/hub/protocol.ts';
import { postSessionRoute } from './coach/rest/post-session.route.ts';
import { postWorkoutRoute } from './coach/rest/post-workout.route.ts';
import { authSchemes } from './contract.ts';
import { buckets, type LiftlogResources, queues, secrets, websocketApis } from './resources.ts';
import { docs } from './docs/docs.route.ts';
import { getEventsRoute } from './events/get-events.route.ts';
import { putEventRoute } from './events/put-event.route.ts';
import { deleteFollowSecretRoute } from './follow-secrets/delete-follow-secret.route.ts';
import { putFollowSecretRoute } from './follow-secrets/put-follow-secret.route.ts';
import { getHealthRoute, headHealthRoute } from './health/get-health.route.ts';
import { putInboxMessageRoute } from './inbox/put-inbox-message.route.ts';
import { takeInboxMessagesRoute } from './inbox/take-inbox-messages.route.ts';
import { createUserRoute } from './users/create-user.route.ts';
import { deleteUserRoute } from './users/delete-user.route.ts';
import { getUserRoute } from './users/get-user.route.ts';
import { getUsersRoute } from './users/get-users.route.ts';
import { putUserRoute } from './users/put-user.route.ts';

export default defineService<LiftlogResources>({
  name: 'liftlog',
  description: 'LiftLog: workout tracker with an end-to-end-encrypted social feed and an AI plan coach',
  singleHost: true,
  http: {
    cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] },
    caseInsensitivePaths: true,
    authSchemes,
    // Each route is declared next to its handler (`<action>.route.ts`).
    routes: [
      getHealthRoute,
      headHealthRoute,
      // ── feed ──
      createUserRoute,
      getUserRoute,
      putUserRoute,
      deleteUserRoute,
      getUsersRoute,
      putEventRoute,
      getEventsRoute,
      putInboxMessageRoute,
      takeInboxMessagesRoute,
      putFollowSecretRoute,
      deleteFollowSecretRoute,
      createSharedItemRoute,
      getSharedItemRoute,
      // ── AI coach ── the SignalR client negotiates over HTTP, then opens the hub's WebSocket API below.
      negotiateV2Route,
      negotiateV1Route,
      postWorkoutRoute,
      postSessionRoute,
      // ── this API's documents ──
      ...Object.values(docs),
    ],
  },
  // ── AI coach: websockets ──
  // On AWS the coach's keys and store settings are this secret's JSON (the names of coach/config.ts).
  secrets: [{ name: secrets.coach, description: 'AI coach: OpenAI, web API key, RevenueCat, Google Play and App Store credentials' }],
  // Locally: the runtime's OpenAI stand-in, and a fixed web API key (`Authorization: Web local-web-api-key`).
  localEnvironment: {
    OPENAI_BASE_URL: '{baseUrl}/_local/openai/v1',
    OPENAI_API_KEY: 'local',
    OPENAI_MODEL: 'local-model',
    WEB_API_KEY: 'local-web-api-key',
  },
  // SignalR hubs: every frame is JSON ending in 0x1E, so the selection expression never matches and all go to $default.
  websockets: [
    {
      name: websocketApis.aiChatV2,
      path: '/ai-chat-v2',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: hubConnectRoute,
        $disconnect: { handler: 'functions/liftlog/coach/hub/disconnect.ts' },
        // Answers the protocol itself and queues model turns: API Gateway waits 29 s at most for a WebSocket route.
        $default: { handler: 'functions/liftlog/coach/hub/ai-chat-v2.ts', access: { postsTo: [websocketApis.aiChatV2], sendsTo: [queues.coachTurns] } },
      },
      protocol: aiChatV2Protocol,
    },
    {
      name: websocketApis.aiChat,
      path: '/ai-chat',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: hubConnectRoute,
        $disconnect: { handler: 'functions/liftlog/coach/hub/disconnect.ts' },
        $default: { handler: 'functions/liftlog/coach/hub/ai-chat.ts', access: { postsTo: [websocketApis.aiChat], sendsTo: [queues.coachTurns] } },
      },
      protocol: aiChatProtocol,
    },
  ],
  // ── feed: queues, schedules, buckets ──
  queues: [
    {
      // Erases a deleted account's data a slice per run, re-enqueuing itself while more remains.
      name: queues.userErasure,
      consumer: {
        handler: 'functions/liftlog/users/erase-user-data.ts',
        timeoutSeconds: 60,
        memoryMb: 512,
        access: { sendsTo: [queues.userErasure], buckets: { [buckets.profilePictures]: 'readwrite' } },
      },
      batchSize: 1,
      // Enqueued only for an account POST /user/delete removed (or the sweep finds unfinished).
      objectIds: [{ object: 'user', from: 'message', field: 'userId', owner: 'origin' }],
    },
    // ── AI coach: model turns ──
    {
      // Streams a hub turn's answer to its connection (StopInProgress reaches it through the table).
      name: queues.coachTurns,
      consumer: {
        handler: 'functions/liftlog/coach/hub/answer-turn.ts',
        timeoutSeconds: 300,
        access: { postsTo: [websocketApis.aiChatV2, websocketApis.aiChat], secrets: [secrets.coach] },
      },
      batchSize: 1,
      // A failed job would be retried a visibility timeout (30 min) later, when nobody waits for the answer: it goes to the DLQ and its alarm instead.
      maxReceiveCount: 1,
      // Enqueued by a hub's $default for its own connection's current turn.
      objectIds: [
        { object: 'connection', from: 'message', field: 'connectionId', owner: 'origin' },
        { object: 'turn', from: 'message', field: 'turnId', owner: 'origin' },
      ],
    },
  ],
  schedules: [
    {
      name: 'expired-events',
      expression: 'rate(1 hour)',
      description: 'Deletes feed events past their expiry',
      handler: 'functions/liftlog/events/delete-expired-events.ts',
      timeoutSeconds: 300,
    },
    {
      name: 'erasure-sweep',
      expression: 'rate(1 hour)',
      description: 'Re-enqueues account erasures whose message was lost',
      handler: 'functions/liftlog/users/resume-erasures.ts',
      access: { sendsTo: [queues.userErasure] },
    },
    {
      name: 'picture-move-sweep',
      expression: 'rate(1 hour)',
      description: 'Finishes profile-picture moves whose request was cut short',
      handler: 'functions/liftlog/users/finish-picture-moves.ts',
      timeoutSeconds: 300,
      access: { buckets: { [buckets.profilePictures]: 'readwrite' } },
    },
  ],
  buckets: [{ name: buckets.profilePictures, pendingPrefix: 'pending/' }],
  table: {
    globalIndexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
    ttlAttribute: 'expiresAt',
  },
});
