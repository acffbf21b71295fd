/**
 * The handlers behind a service's document routes (doc-routes.ts). The OpenAPI
 * document is generated from the manifest once per execution environment, on
 * its first request, so it can never differ from the routes deployed with it.
 */
import type { DeclaredRoute } from '../http/contract.ts';
import { json, text } from '../http/responses.ts';
import { httpRoute } from '../http/route.ts';
import type { ServiceManifest } from '../manifest.ts';
import { openApiDocument } from './openapi.ts';

type PublicRoute = DeclaredRoute & { auth: 'none' };

export function openApiHandler(route: PublicRoute, manifest: ServiceManifest) {
  let document: unknown;
  return httpRoute(route, async () => {
    document ??= openApiDocument(manifest);
    return json(document);
  });
}

/** The page loads its assets and the document relative to its own address: `/docs` → `/docs/<asset>`, `/openapi.json`. */
export const docsPage = (title: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui', deepLinking: true });
</script>
</body>
</html>
`;

export function docsPageHandler(route: PublicRoute, title: string) {
  const page = docsPage(title);
  return httpRoute(route, async () => text(page, 'text/html; charset=utf-8'));
}
