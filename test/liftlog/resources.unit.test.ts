/**
 * LiftLog's queues, buckets, secrets and WebSocket APIs are named once
 * (functions/liftlog/resources.ts): the manifest declares exactly those, a
 * misspelt name in a declaration does not compile, and the names functions
 * find their resources by are the ones deployed stacks already set.
 */
import { describe, expect, it } from 'vitest';
import { liftlogRoute } from '../../functions/liftlog/contract.ts';
import { buckets, type LiftlogResources, queues, secrets, websocketApis } from '../../functions/liftlog/resources.ts';
import liftlog from '../../functions/liftlog/service.ts';
import { defineService, envNames, type WebSocketRoute } from '../../shared/manifest.ts';

const sorted = (names: Iterable<string>) => [...names].sort();

describe('LiftLog resource names', () => {
  it('are exactly the queues, buckets, secrets and WebSocket APIs the manifest declares', () => {
    expect(sorted((liftlog.queues ?? []).map((queue) => queue.name))).toEqual(sorted(Object.values(queues)));
    expect(sorted((liftlog.buckets ?? []).map((bucket) => bucket.name))).toEqual(sorted(Object.values(buckets)));
    expect(sorted((liftlog.secrets ?? []).map((secret) => secret.name))).toEqual(sorted(Object.values(secrets)));
    expect(sorted((liftlog.websockets ?? []).map((api) => api.name))).toEqual(sorted(Object.values(websocketApis)));
  });

  it('keep the environment names deployed functions read', () => {
    expect(envNames.queueUrl(queues.userErasure)).toBe('QUEUE_URL_USER_ERASURE');
    expect(envNames.queueUrl(queues.coachTurns)).toBe('QUEUE_URL_COACH_TURNS');
    expect(envNames.bucket(buckets.profilePictures)).toBe('BUCKET_PROFILE_PICTURES');
    expect(envNames.secretId(secrets.coach)).toBe('SECRET_ID_COACH');
    expect(envNames.websocketEndpoint(websocketApis.aiChatV2)).toBe('WS_ENDPOINT_AICHATV2');
    expect(envNames.websocketEndpoint(websocketApis.aiChat)).toBe('WS_ENDPOINT_AICHAT');
  });

  it('refuse a misspelt name in access declarations and manifest entries (checked by tsc)', () => {
    const declare = (access: NonNullable<WebSocketRoute<LiftlogResources>['access']>) => access;
    declare({ sendsTo: [queues.userErasure], buckets: { [buckets.profilePictures]: 'read' }, secrets: [secrets.coach], postsTo: [websocketApis.aiChat] });
    // @ts-expect-error no such queue
    declare({ sendsTo: ['user-erasures'] });
    // @ts-expect-error no such bucket
    declare({ buckets: { 'profile-picture': 'read' } });
    // @ts-expect-error no such secret
    declare({ secrets: ['coaches'] });
    // @ts-expect-error no such WebSocket API
    declare({ postsTo: ['aiChatV3'] });

    liftlogRoute({
      method: 'POST',
      path: '/x',
      auth: 'none',
      handler: 'x.ts',
      // @ts-expect-error route declarations are checked too
      access: { sendsTo: ['user_erasure'] },
    });

    defineService<LiftlogResources>({
      name: 'x',
      description: '-',
      http: { routes: [] },
      // @ts-expect-error a manifest entry must carry a declared name
      queues: [{ name: 'user-erasur', consumer: { handler: 'x.ts' } }],
      table: {},
    });

    // A manifest without declared names takes any string (fixtures, generated manifests).
    expect(
      defineService({ name: 'x', description: '-', http: { routes: [] }, queues: [{ name: 'anything', consumer: { handler: 'x.ts' } }], table: {} }),
    ).toBeDefined();
  });
});
