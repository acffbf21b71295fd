/**
 * Swagger UI's script and stylesheet, from the swagger-ui-dist package, held
 * in the serving function's bundle and answered gzip-compressed to clients
 * that accept it (the script is 1.7 MB, 0.5 MB compressed). They never change
 * within a deployment, so browsers may keep them a day.
 */
import { gzipSync } from 'node:zlib';
import css from 'swagger-ui-dist/swagger-ui.css' with { type: 'text' };
import script from 'swagger-ui-dist/swagger-ui-bundle.js' with { type: 'text' };
import type { DeclaredRoute } from '../http/contract.ts';
import type { HttpResult } from '../http/responses.ts';
import { httpRoute } from '../http/route.ts';
import type { DOC_ASSETS } from './doc-routes.ts';

type Asset = (typeof DOC_ASSETS)[number];

const assets: Record<Asset, { contentType: string; body: string }> = {
  'swagger-ui.css': { contentType: 'text/css; charset=utf-8', body: css },
  'swagger-ui-bundle.js': { contentType: 'text/javascript; charset=utf-8', body: script },
};
const compressed = new Map<Asset, string>();

export function docsAssetHandler(route: DeclaredRoute & { auth: 'none' }) {
  return httpRoute(route, async ({ params, headers }): Promise<HttpResult> => {
    const name = (params as { asset: Asset }).asset;
    const { contentType, body } = assets[name];
    const cache = { 'content-type': contentType, 'cache-control': 'public, max-age=86400', vary: 'accept-encoding' };
    if (!/\bgzip\b/.test(headers['accept-encoding'] ?? '')) return { statusCode: 200, headers: cache, body };
    const gzipped = compressed.get(name) ?? gzipSync(body).toString('base64');
    compressed.set(name, gzipped);
    return { statusCode: 200, headers: { ...cache, 'content-encoding': 'gzip' }, body: gzipped, isBase64Encoded: true };
  });
}
