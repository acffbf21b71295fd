/**
 * Live connections of a multi-tenant service's WebSocket API: who is connected
 * (organization, user, role, from the credential verified at `$connect`), the
 * rooms each joined, and delivery of events to an organization's connections,
 * a room's or a user's, posted through the API's `@connections` endpoint.
 *
 * Items (their keys come from the service's keys.ts, `LiveKeys`):
 *   - the connection's record, found by connection id alone (`$disconnect` and
 *     room actions know nothing else): organization, user, role, rooms;
 *   - one membership item per audience it belongs to, all in the
 *     organization's live partition: the organization's (every connection),
 *     its user's, and each room's. Listing an audience is one Query on a sort
 *     key prefix, never a Scan.
 * Every item carries a TTL a little past API Gateway's two-hour connection
 * limit, so a connection whose `$disconnect` never ran (a crash, a lost
 * invocation) disappears by itself; reads skip expired items before TTL
 * deletes them. A post answered 410 Gone forgets the connection at once.
 *
 * Publishing is cheap for the caller: the event is enqueued (`live-events`,
 * with a DLQ) and the queue's consumer lists the audience and posts. A request
 * or a webhook therefore never waits on, or fails because of, a slow or gone
 * socket, and an organization with many connections costs the request one
 * SendMessage.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { mapConcurrently } from '../concurrency.ts';
import { countRequest } from '../db/counters.ts';
import type { Key } from '../db/keys.ts';
import { queryAll } from '../db/pagination.ts';
import * as table from '../db/table.ts';
import { transact, type TransactItem } from '../db/transactions.ts';
import { expiresAt, isLive, onlyLive } from '../db/ttl.ts';
import { AppError } from '../errors.ts';
import type { ConnectEvent, WebSocketResult } from '../http/websocket-route.ts';
import { errorFacts, logger } from '../observability/logger.ts';
import { queueConsumer } from '../queue/consume.ts';
import { sendJob } from '../queue/send.ts';
import { postToConnection } from './connections.ts';

/** Who a connection belongs to, from the verified credential only. */
export interface LiveMember {
  orgId: string;
  userId: string;
  role: string;
}

/** An audience within one organization: everyone, one user, or one room. */
export type LiveScope = { kind: 'org' } | { kind: 'user'; userId: string } | { kind: 'room'; room: string };

/** The service's key formats for live connections (its keys.ts). */
export interface LiveKeys {
  /** The connection's record, by connection id. */
  connection(connectionId: string): Key;
  /** A connection's membership of `scope`; all of an organization's share its partition. */
  member(orgId: string, scope: LiveScope, connectionId: string): Key;
  /** The partition and sort key prefix listing the members of `scope`. */
  audience(orgId: string, scope: LiveScope): { pk: string; prefix: string };
  /** The fixed-window counter of `$connect` attempts from one address. */
  connectAttempts(sourceIp: string, windowStart: number): Key;
}

/** API Gateway closes a connection after 2 hours; records outlive that a little, then expire. */
export const CONNECTION_TTL_SECONDS = 2 * 60 * 60 + 10 * 60;
/** Rooms one connection may be in at once: its record and memberships stay one transaction. */
export const MAX_ROOMS_PER_CONNECTION = 50;
/** Posts in flight per event. */
const POST_CONCURRENCY = 16;

interface ConnectionRecord extends LiveMember {
  connection_id: string;
  rooms?: Set<string>;
  connected_at: string;
  expiresAt: number;
}

interface MemberItem {
  connection_id: string;
  user_id: string;
  role: string;
}

/** A connection that may be delivered to. */
export interface LiveConnection {
  connectionId: string;
  userId: string;
  role: string;
}

/**
 * Restricts an event to part of its scope: only connections whose role is in
 * `roles`, or whose user is in `users` (e.g. supervisors and the call's agent).
 */
export interface LiveFilter {
  roles?: string[];
  users?: string[];
}

/** A queued event: where it goes and the frame every receiving connection gets. */
export interface LiveJob {
  org_id: string;
  scope: LiveScope;
  filter?: LiveFilter;
  frame: LiveFrame;
}

/** What a client receives: the event's name, its fields, and an id to recognise a repeat by. */
export interface LiveFrame {
  event: string;
  data: Record<string, unknown>;
  id: string;
  at: string;
}

export interface LiveChannelOptions {
  /** The WebSocket API's manifest name (its `@connections` endpoint). */
  api: string;
  /** The queue whose consumer posts events (`deliverLiveJob`). */
  queue: string;
  keys: LiveKeys;
  /** `$connect` attempts allowed per address per minute. */
  connectsPerMinute: number;
}

export type LiveChannel = ReturnType<typeof liveChannel>;

export function liveChannel(options: LiveChannelOptions) {
  const { keys, api } = options;

  const memberItem = (member: LiveMember, scope: LiveScope, connectionId: string, expiry: number) => ({
    ...keys.member(member.orgId, scope, connectionId),
    connection_id: connectionId,
    user_id: member.userId,
    role: member.role,
    expiresAt: expiry,
  });

  async function record(connectionId: string): Promise<ConnectionRecord | undefined> {
    const found = await table.get<ConnectionRecord>(keys.connection(connectionId), { consistent: true });
    return isLive(found as Record<string, unknown> | undefined) ? found : undefined;
  }

  /** Records a connection `$connect` accepted, with its organization's and its user's memberships. */
  async function register(connectionId: string, member: LiveMember): Promise<void> {
    const expiry = expiresAt(CONNECTION_TTL_SECONDS);
    await transact([
      {
        Put: {
          Item: {
            ...keys.connection(connectionId),
            connection_id: connectionId,
            orgId: member.orgId,
            userId: member.userId,
            role: member.role,
            connected_at: new Date().toISOString(),
            expiresAt: expiry,
          },
        },
      },
      { Put: { Item: memberItem(member, { kind: 'org' }, connectionId, expiry) } },
      { Put: { Item: memberItem(member, { kind: 'user', userId: member.userId }, connectionId, expiry) } },
    ]);
  }

  /** Removes a connection and every membership it had (at `$disconnect`, or once a post finds it gone). Nothing when unknown. */
  async function forget(connectionId: string): Promise<void> {
    const found = await table.get<ConnectionRecord>(keys.connection(connectionId), { consistent: true });
    if (!found) return;
    const scopes: LiveScope[] = [
      { kind: 'org' },
      { kind: 'user', userId: found.userId },
      ...[...(found.rooms ?? [])].map((room) => ({ kind: 'room', room }) as const),
    ];
    await transact([
      { Delete: { Key: keys.connection(connectionId) } },
      ...scopes.map((scope): TransactItem => ({ Delete: { Key: keys.member(found.orgId, scope, connectionId) } })),
    ]);
  }

  /**
   * Adds a connection to a room of its organization. `allowed` decides, from the
   * connection's member, whether the room exists in that organization; false (or
   * an unknown connection, or too many rooms) → an AppError the caller turns
   * into an error frame.
   */
  async function join(connectionId: string, room: string, allowed: (member: LiveMember) => Promise<boolean>): Promise<LiveMember> {
    const found = await record(connectionId);
    if (!found) throw new AppError('not_found', 'connection_not_found', 'The connection is not known');
    const member: LiveMember = { orgId: found.orgId, userId: found.userId, role: found.role };
    if (!(await allowed(member))) throw new AppError('not_found', 'room_not_found', 'Room not found');
    if (found.rooms?.has(room)) return member;
    if ((found.rooms?.size ?? 0) >= MAX_ROOMS_PER_CONNECTION) {
      throw new AppError('conflict', 'too_many_rooms', `A connection may be in at most ${MAX_ROOMS_PER_CONNECTION} rooms`);
    }
    await transact([
      {
        Update: {
          Key: keys.connection(connectionId),
          UpdateExpression: 'ADD rooms :room',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':room': new Set([room]) },
        },
        conflictCode: 'connection_not_found',
      },
      { Put: { Item: memberItem(member, { kind: 'room', room }, connectionId, found.expiresAt) } },
    ]);
    return member;
  }

  /** Takes a connection out of a room; a room it is not in (another organization's among them) → AppError not_in_room. */
  async function leave(connectionId: string, room: string): Promise<void> {
    const found = await record(connectionId);
    if (!found) throw new AppError('not_found', 'connection_not_found', 'The connection is not known');
    if (!found.rooms?.has(room)) throw new AppError('not_found', 'not_in_room', 'The connection is not in this room');
    await transact([
      { Update: { Key: keys.connection(connectionId), UpdateExpression: 'DELETE rooms :room', ExpressionAttributeValues: { ':room': new Set([room]) } } },
      { Delete: { Key: keys.member(found.orgId, { kind: 'room', room }, connectionId) } },
    ]);
  }

  /** The live connections of an audience (one Query, every page). */
  async function connectionsOf(orgId: string, scope: LiveScope): Promise<LiveConnection[]> {
    const { pk, prefix } = keys.audience(orgId, scope);
    const items = await queryAll<MemberItem>(
      onlyLive({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ProjectionExpression: 'connection_id, user_id, #role',
        ExpressionAttributeNames: { '#role': 'role' },
        ConsistentRead: true,
      }),
    );
    return items.map((item) => ({ connectionId: item.connection_id, userId: item.user_id, role: item.role }));
  }

  /** Sends one frame to one connection; a gone connection is forgotten. */
  async function post(connectionId: string, frame: unknown): Promise<'sent' | 'gone'> {
    const outcome = await postToConnection(api, connectionId, JSON.stringify(frame));
    if (outcome === 'gone') await forget(connectionId);
    return outcome;
  }

  /**
   * Enqueues an event for an audience of the organization: one SendMessage, whatever the audience's size.
   * It never fails its caller: the change it announces is already stored (and read again through the
   * API), so a request is not answered 500, nor a job retried, for an announcement; a failure is logged
   * at ERROR (the SDK has already retried it).
   */
  async function publish(orgId: string, scope: LiveScope, event: string, data: Record<string, unknown>, filter?: LiveFilter): Promise<void> {
    const job: LiveJob = { org_id: orgId, scope, ...(filter ? { filter } : {}), frame: { event, data, id: randomUUID(), at: new Date().toISOString() } };
    try {
      await sendJob(options.queue, job);
    } catch (error) {
      logger.error('live event not enqueued', { event, ...errorFacts(error, { stack: true }) });
    }
  }

  /**
   * The queue consumer's work: lists the audience and posts the frame to each
   * connection. A post that fails for another reason than Gone is logged and
   * not retried: retrying the job would post again to every connection that
   * already got the frame, and a live event missed is read again from the API.
   */
  async function deliver(job: LiveJob): Promise<{ sent: number; gone: number; failed: number }> {
    const audience = (await connectionsOf(job.org_id, job.scope)).filter((connection) => passes(job.filter, connection));
    const tally = { sent: 0, gone: 0, failed: 0 };
    await mapConcurrently(audience, POST_CONCURRENCY, async (connection) => {
      try {
        tally[await post(connection.connectionId, job.frame)]++;
      } catch (error) {
        tally.failed++;
        logger.warn('live event not delivered to a connection', { connectionId: connection.connectionId, event: job.frame.event, ...errorFacts(error) });
      }
    });
    return tally;
  }

  /**
   * Wraps a `$connect` handler with the per-address limit: attempts are counted
   * before the credential is even read, so guessing tokens is limited too, and
   * one over the limit is refused (429) before the upgrade.
   */
  function limitConnects<E extends ConnectEvent>(connect: (event: E, context: Context) => Promise<WebSocketResult>) {
    return async (event: E, context: Context): Promise<WebSocketResult> => {
      // API Gateway's own view of the client's address (headers such as X-Forwarded-For are the client's to write).
      const sourceIp = (event.requestContext as { identity?: { sourceIp?: string } }).identity?.sourceIp ?? 'unknown';
      try {
        await countRequest({ limit: options.connectsPerMinute, windowSeconds: 60, counterKey: (start) => keys.connectAttempts(sourceIp, start) });
      } catch (error) {
        if (error instanceof AppError && error.kind === 'rate_limited') return { statusCode: 429 };
        throw error;
      }
      return connect(event, context);
    };
  }

  return { register, forget, join, leave, connectionsOf, post, publish, deliver, limitConnects };
}

function passes(filter: LiveFilter | undefined, connection: LiveConnection): boolean {
  if (!filter) return true;
  return Boolean(filter.roles?.includes(connection.role) || filter.users?.includes(connection.userId));
}

const liveJobSchema: z.core.$ZodType<LiveJob> = z.object({
  org_id: z.string(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('org') }),
    z.object({ kind: z.literal('user'), userId: z.string() }),
    z.object({ kind: z.literal('room'), room: z.string() }),
  ]),
  filter: z.optional(z.object({ roles: z.optional(z.array(z.string())), users: z.optional(z.array(z.string())) })),
  frame: z.object({ event: z.string(), data: z.record(z.string(), z.unknown()), id: z.string(), at: z.string() }),
});

/** The `live-events` queue's consumer: each job's frame posted to its audience. */
export function liveEventsConsumer(channel: LiveChannel) {
  return queueConsumer(liveJobSchema, async (job) => {
    const tally = await channel.deliver(job);
    logger.info('live event delivered', { event: job.frame.event, ...tally });
  });
}
