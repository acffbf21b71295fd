import { defineService } from '#shared/manifest';
import { sessionRequest, sessionResponse, workoutRequest, workoutResponse } from './coach/rest/schemas.ts';

export default defineService({
  name: 'liftlog',
  description: 'LiftLog: workout tracker with an end-to-end-encrypted social feed and an AI plan coach',
  singleHost: true,
  http: {
    cors: { allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'] },
    caseInsensitivePaths: true,
    routes: [
      { method: 'GET', path: '/health', auth: 'none', handler: 'functions/liftlog/health/get-health.ts' },
      { method: 'HEAD', path: '/health', auth: 'none', handler: 'functions/liftlog/health/get-health.ts' },
      // ── feed ──
      // Handlers that verify a password get 1 GB: Lambda's CPU share grows with memory, and PBKDF2 is CPU.
      { method: 'POST', path: '/user/create', auth: 'none', handler: 'functions/liftlog/users/create-user.ts', memoryMb: 1024 },
      { method: 'GET', path: '/user/{idOrLookup}', auth: 'none', handler: 'functions/liftlog/users/get-user.ts', access: { table: 'read', buckets: { 'profile-pictures': 'read' } } },
      { method: 'PUT', path: '/user', auth: 'password', handler: 'functions/liftlog/users/put-user.ts', memoryMb: 1024, access: { buckets: { 'profile-pictures': 'readwrite' } } },
      { method: 'POST', path: '/user/delete', auth: 'password', handler: 'functions/liftlog/users/delete-user.ts', memoryMb: 1024, access: { sendsTo: ['user-erasure'] } },
      { method: 'POST', path: '/users', auth: 'none', handler: 'functions/liftlog/users/get-users.ts', access: { table: 'read', buckets: { 'profile-pictures': 'read' } } },
      { method: 'PUT', path: '/event', auth: 'password', handler: 'functions/liftlog/events/put-event.ts', memoryMb: 1024 },
      { method: 'POST', path: '/events', auth: 'none', handler: 'functions/liftlog/events/get-events.ts', memoryMb: 512, access: { table: 'read' } },
      { method: 'PUT', path: '/inbox', auth: 'none', handler: 'functions/liftlog/inbox/put-inbox-message.ts' },
      { method: 'POST', path: '/inbox', auth: 'password', handler: 'functions/liftlog/inbox/take-inbox-messages.ts', memoryMb: 1024 },
      { method: 'PUT', path: '/follow-secret', auth: 'password', handler: 'functions/liftlog/follow-secrets/put-follow-secret.ts', memoryMb: 1024 },
      { method: 'POST', path: '/follow-secret/delete', auth: 'password', handler: 'functions/liftlog/follow-secrets/delete-follow-secret.ts', memoryMb: 1024 },
      { method: 'POST', path: '/shareditem', auth: 'password', handler: 'functions/liftlog/shared-items/create-shared-item.ts', memoryMb: 1024 },
      { method: 'GET', path: '/shareditem/{id}', auth: 'none', handler: 'functions/liftlog/shared-items/get-shared-item.ts', access: { table: 'read' } },
      // ── AI coach ──
      // Pro-token auth; the SignalR client negotiates over HTTP, then opens the hub's WebSocket API below.
      { method: 'POST', path: '/ai-chat-v2/negotiate', auth: 'pro-token', handler: 'functions/liftlog/coach/hub/negotiate.ts', access: { table: 'none', secrets: ['coach'] } },
      { method: 'POST', path: '/ai-chat/negotiate', auth: 'pro-token', handler: 'functions/liftlog/coach/hub/negotiate.ts', access: { table: 'none', secrets: ['coach'] } },
      // HTTP APIs give up on an integration after 30 s.
      { method: 'POST', path: '/ai/workout', auth: 'pro-token', handler: 'functions/liftlog/coach/rest/post-workout.ts', timeoutSeconds: 29, access: { secrets: ['coach'] }, request: { body: workoutRequest }, response: workoutResponse, summary: 'Generates a whole workout plan' },
      { method: 'POST', path: '/ai/session', auth: 'pro-token', handler: 'functions/liftlog/coach/rest/post-session.ts', timeoutSeconds: 29, access: { secrets: ['coach'] }, request: { body: sessionRequest }, response: sessionResponse, summary: 'Generates one workout session' },
    ],
  },
  // ── AI coach: websockets ──
  // On AWS the coach's keys and store settings are this secret's JSON (the names of coach/config.ts).
  secrets: [{ name: 'coach', description: 'AI coach: OpenAI, web API key, RevenueCat, Google Play and App Store credentials' }],
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
      name: 'aiChatV2',
      path: '/ai-chat-v2',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { handler: 'functions/liftlog/coach/hub/connect.ts', auth: 'pro-token', access: { secrets: ['coach'] } },
        $disconnect: { handler: 'functions/liftlog/coach/hub/disconnect.ts' },
        // Answers the protocol itself and queues model turns: API Gateway waits 29 s at most for a WebSocket route.
        $default: { handler: 'functions/liftlog/coach/hub/ai-chat-v2.ts', access: { postsTo: ['aiChatV2'], sendsTo: ['coach-turns'] } },
      },
    },
    {
      name: 'aiChat',
      path: '/ai-chat',
      routeSelectionExpression: '$request.body.action',
      routes: {
        $connect: { handler: 'functions/liftlog/coach/hub/connect.ts', auth: 'pro-token', access: { secrets: ['coach'] } },
        $disconnect: { handler: 'functions/liftlog/coach/hub/disconnect.ts' },
        $default: { handler: 'functions/liftlog/coach/hub/ai-chat.ts', access: { postsTo: ['aiChat'], sendsTo: ['coach-turns'] } },
      },
    },
  ],
  // ── feed: queues, schedules, buckets ──
  queues: [
    {
      // Erases a deleted account's data a slice per run, re-enqueuing itself while more remains.
      name: 'user-erasure',
      consumer: {
        handler: 'functions/liftlog/users/erase-user-data.ts',
        timeoutSeconds: 60,
        memoryMb: 512,
        access: { sendsTo: ['user-erasure'], buckets: { 'profile-pictures': 'readwrite' } },
      },
      batchSize: 1,
    },
    // ── AI coach: model turns ──
    {
      // Streams a hub turn's answer to its connection (StopInProgress reaches it through the table).
      name: 'coach-turns',
      consumer: {
        handler: 'functions/liftlog/coach/hub/answer-turn.ts',
        timeoutSeconds: 300,
        access: { postsTo: ['aiChatV2', 'aiChat'], secrets: ['coach'] },
      },
      batchSize: 1,
      // A failed job would be retried a visibility timeout (30 min) later, when nobody waits for the answer: it goes to the DLQ and its alarm instead.
      maxReceiveCount: 1,
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
      access: { sendsTo: ['user-erasure'] },
    },
  ],
  buckets: [{ name: 'profile-pictures' }],
  table: {
    globalIndexes: [
      { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
      { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    ],
    ttlAttribute: 'expiresAt',
  },
});
