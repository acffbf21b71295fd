/**
 * One definition of how a handler becomes a Lambda bundle, shared by the CDK
 * stacks (NodejsFunction) and the local runtime, so what runs locally is what
 * deploys: ESM, minified, tree-shaken, the AWS SDK bundled (only the clients a
 * handler imports end up in it).
 */
export const LAMBDA_NODE_TARGET = 'node22';

/** Lets CommonJS dependencies that call `require` work inside an ESM bundle. */
export const ESM_REQUIRE_SHIM = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

export const esbuildOptions = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  legalComments: 'none' as const,
  banner: { js: ESM_REQUIRE_SHIM },
};
