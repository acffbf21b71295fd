/**
 * Consumer of the `coach-turns` queue: streams the model's answer to a turn a
 * hub's `$default` queued, as `ReceiveMessage` calls on the connection, then
 * completes the client's invocation (with an error when the model failed).
 * The client leaving, or the turn being stopped, cleared or superseded, ends
 * the stream early; the invocation is still completed.
 *
 * A job is acted on only when its connection is still there and the turn it
 * names is that connection's current one, came through the same hub and was
 * not taken before (chat-state.ts `takeTurn`). So a repeated delivery never
 * streams a turn twice, and a stale or forged job (another connection's id, a
 * made-up turn) sends nothing and writes no history.
 */
import { errorFacts, logger } from '#shared/observability/logger';
import { count } from '#shared/observability/metrics';
import { queueConsumer } from '#shared/queue/consume';
import { postToConnection } from '#shared/ws/connections';
import { websocketApis } from '../../resources.ts';
import { takeTurn } from '../chat/chat-state.ts';
import { converse, type Dialect } from '../chat/conversation.ts';
import { currentDialect, legacyDialect } from '../chat/dialects.ts';
import { completion, invokeClient, unexpectedInvocationError } from './signalr.ts';
import { turnJob, type HubApi } from './turn-job.ts';

const dialects: Record<HubApi, Dialect> = { [websocketApis.aiChatV2]: currentDialect, [websocketApis.aiChat]: legacyDialect };

export const handler = queueConsumer(
  turnJob,
  async ({ api, connectionId, turnId }) => {
    const turn = await takeTurn(connectionId, turnId, api);
    if (!turn) return logger.info('no queued turn matches the job; nothing to do', { api, connectionId, turnId });

    const send = (text: string) => postToConnection(api, connectionId, text);
    let error: string | undefined;
    try {
      await converse(connectionId, turn, dialects[api], (response) => send(invokeClient('ReceiveMessage', [response])));
      count('CoachTurnAnswered');
    } catch (failure) {
      count('CoachTurnFailed');
      logger.error('answering a turn failed', { api, connectionId, turnId, method: turn.method, ...errorFacts(failure, { stack: true }) });
      error = unexpectedInvocationError(turn.method);
    }
    // A client that left answers 'gone': nothing is left to tell it.
    if (turn.invocationId !== undefined) await send(completion(turn.invocationId, error));
  },
  // As the manifest's `coach-turns` queue: nobody waits for a retry half an hour on.
  { maxReceiveCount: 1 },
);
