/**
 * Images on the timeline: her upload (`POST /me/media`, PNG or JPEG up to
 * 5 MB, stored in the `media` bucket), the signed download links the timeline
 * hands out (`GET /media-download`, answered with a redirect to a short-lived
 * presigned URL), and the proxy through which news images are shown
 * (`GET /get-proxy`).
 */
import * as z from 'zod/mini';
import { failure, noContent, ok } from '#shared/http/contract';
import { activeAccountFailures, sessionFailures } from '../accounts/me-responses.ts';
import { penhasRoute } from '../contract.ts';
import { text } from '../params.ts';
import { buckets } from '../resources.ts';

const invalidUnless = (test: (value: string) => boolean) => z.refine<string>(test, { params: { reason: 'invalid' } });

export const uploadMediaRoute = penhasRoute({
  method: 'POST',
  path: '/me/media',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/upload-media.ts',
  access: { buckets: { [buckets.media]: 'readwrite' } },
  memoryMb: 512,
  summary:
    'Uploads an image for a tweet (`intention=tweet`) or a chat (`chat`): PNG or JPEG, 3 bytes to 5 MB; the same file uploaded again answers the same id',
  request: {
    body: z.object({
      intention: text({ max: 200 }).check(invalidUnless((v) => v === 'tweet' || v === 'chat')),
      media: z.optional(z.object({ filename: z.string(), mimetype: z.string(), content: z.instanceof(Buffer) })),
    }),
    encodings: ['multipart'],
    mergeQuery: true,
  },
  responses: {
    200: ok('The upload’s id, for `media_ids`', z.object({ id: z.string() })),
    ...activeAccountFailures,
    400: failure('form_error, media_missing, media_invalid_size, media_too_big, unsupported_media_type, upload_blocked; or expired_jwt'),
  },
});

export const downloadMediaRoute = penhasRoute({
  method: 'GET',
  path: '/media-download',
  auth: 'api-key',
  handler: 'functions/penhas/timeline/download-media.ts',
  access: { buckets: { [buckets.media]: 'read' } },
  summary:
    'An image of the timeline, from a link the timeline gave this viewer at this address (`m`, `q` sd|hd, `h`): a redirect to a presigned URL valid for 5 minutes',
  request: {
    query: z.object({ m: text({ max: 36, min: 36 }), h: text({ max: 12, min: 12 }), q: text({ max: 2, min: 2 }) }),
  },
  responses: {
    302: noContent('To the image (Location, valid 5 minutes)'),
    ...sessionFailures,
    400: failure('form_error, media_hash_invalid (a link made for someone else or another address); or expired_jwt'),
    404: failure('No such image (item_not_found)'),
  },
  objectIds: [{ object: 'media', from: 'query', field: 'm', owner: 'capability', capability: 'h' }],
});

/** The image types the proxy passes on; anything else is answered with the placeholder. */
export const PROXIED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const;

export const getProxyRoute = penhasRoute({
  method: 'GET',
  path: '/get-proxy',
  auth: 'none',
  handler: 'functions/penhas/timeline/get-proxy.ts',
  timeoutSeconds: 15,
  summary: 'A news image through this API (always https): `href` with the signature `h` the timeline gave it; a placeholder when the source fails',
  request: { query: z.object({ href: text({ max: 5000, min: 5 }), h: text({ max: 12, min: 12 }) }) },
  responses: {
    200: { description: 'The image (cached 30 days; the placeholder 1 hour)', mediaType: [...PROXIED_TYPES], schema: z.string() },
    400: failure('form_error, media_hash_invalid'),
    429: failure('More than 180 requests a minute from the address'),
  },
});

export const mediaRoutes = [uploadMediaRoute, downloadMediaRoute, getProxyRoute];
