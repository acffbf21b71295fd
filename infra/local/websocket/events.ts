/**
 * API Gateway WebSocket API events (CONNECT, MESSAGE, DISCONNECT) as a Lambda
 * proxy integration receives them, and the error frames the gateway itself
 * sends to clients.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { clfTime } from '../http/proxy-event.ts';

/** Stage name in events; the local gateway serves one stage per API. */
const STAGE = 'local';

/** Ids shaped like API Gateway's (`ak2DicDvIAMCKJA=`): connection, request and message ids. */
export function gatewayId(): string {
  const letters = randomBytes(16)
    .toString('base64')
    .replace(/[^A-Za-z0-9]/g, '');
  return `${letters.slice(0, 15).padEnd(15, 'A')}=`;
}

/** What the gateway knows about a connection from its handshake onwards. */
export interface ConnectionInfo {
  connectionId: string;
  connectedAt: number;
  sourceIp: string;
  userAgent?: string;
  apiId: string;
  domainName: string;
}

function requestContext(info: ConnectionInfo, routeKey: string, eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT', requestId: string) {
  const now = new Date();
  return {
    routeKey,
    eventType,
    extendedRequestId: requestId,
    requestTime: clfTime(now),
    messageDirection: 'IN' as const,
    stage: STAGE,
    connectedAt: info.connectedAt,
    requestTimeEpoch: now.getTime(),
    identity: { sourceIp: info.sourceIp, ...(info.userAgent === undefined ? {} : { userAgent: info.userAgent }) },
    requestId,
    domainName: info.domainName,
    connectionId: info.connectionId,
    apiId: info.apiId,
  };
}

/** Header names keep the client's spelling; `headers` holds the last value, `multiValueHeaders` all of them. */
function singleAndMultiValue(pairs: Iterable<[string, string]>, caseInsensitive: boolean) {
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const spelling = new Map<string, string>();
  for (const [rawName, value] of pairs) {
    const key = caseInsensitive ? rawName.toLowerCase() : rawName;
    const name = spelling.get(key) ?? rawName;
    spelling.set(key, name);
    single[name] = value;
    multi[name] ??= [];
    multi[name].push(value);
  }
  return { single, multi, empty: spelling.size === 0 };
}

function headerPairs(req: IncomingMessage, extra: Record<string, string>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const present = new Set(pairs.map(([name]) => name.toLowerCase()));
  for (const [name, value] of Object.entries(extra)) if (!present.has(name.toLowerCase())) pairs.push([name, value]);
  return pairs;
}

export function connectEvent(info: ConnectionInfo, req: IncomingMessage, url: URL, requestId: string) {
  const headers = singleAndMultiValue(
    headerPairs(req, {
      'X-Forwarded-For': info.sourceIp,
      'X-Forwarded-Port': String(req.socket.localPort ?? ''),
      'X-Forwarded-Proto': 'http',
    }),
    true,
  );
  const query = singleAndMultiValue(url.searchParams, false);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    ...(query.empty ? {} : { queryStringParameters: query.single, multiValueQueryStringParameters: query.multi }),
    requestContext: requestContext(info, '$connect', 'CONNECT', requestId),
    isBase64Encoded: false,
  };
}

/** Text frames arrive as they are; binary frames base64-encoded. */
export function messageEvent(info: ConnectionInfo, routeKey: string, data: Buffer, isBinary: boolean, requestId: string) {
  return {
    requestContext: { ...requestContext(info, routeKey, 'MESSAGE', requestId), messageId: gatewayId() },
    body: isBinary ? data.toString('base64') : data.toString('utf8'),
    isBase64Encoded: isBinary,
  };
}

export interface CloseCause {
  code: number;
  reason: string;
}

export function disconnectEvent(info: ConnectionInfo, cause: CloseCause, requestId: string) {
  // API Gateway sends these headers with every $disconnect, empty apart from Host.
  const headers = singleAndMultiValue(Object.entries({ Host: info.domainName, 'x-api-key': '', 'X-Forwarded-For': '', 'x-restapi': '' }), false);
  return {
    headers: headers.single,
    multiValueHeaders: headers.multi,
    requestContext: {
      ...requestContext(info, '$disconnect', 'DISCONNECT', requestId),
      disconnectStatusCode: cause.code,
      disconnectReason: cause.reason,
    },
    isBase64Encoded: false,
  };
}

/** The frame API Gateway sends a client when it cannot route or deliver a message. */
export function gatewayErrorFrame(message: 'Forbidden' | 'Internal server error', connectionId: string, requestId: string): string {
  return JSON.stringify({ message, connectionId, requestId });
}
