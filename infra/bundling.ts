/**
 * One definition of how a handler becomes a Lambda bundle, shared by the CDK
 * stacks (NodejsFunction) and the local runtime, so what runs locally is what
 * deploys: ESM, minified, tree-shaken, the AWS SDK bundled (only the clients a
 * handler imports end up in it).
 *
 * Code splitting is on for one reason: a module a handler loads with `import()`
 * (the S3 client behind profile pictures, needed by few requests) becomes a
 * chunk file beside the handler's `index.mjs`, read and compiled only when a
 * request first needs it, instead of being parsed at every cold start. A
 * function's code is therefore a folder: `index.mjs` and the chunks it reaches.
 */
export const LAMBDA_NODE_TARGET = 'node22';

import { builtinModules, createRequire } from 'node:module';
import type { Plugin } from 'esbuild';

/** Lets CommonJS dependencies that call `require` work inside an ESM bundle. */
export const ESM_REQUIRE_SHIM = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

const requireBuiltin = createRequire(import.meta.url);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
/** Exports whose getter loads undici; a namespace import would read them all. */
const UNDICI_GETTERS: Record<string, string[]> = { http: ['WebSocket', 'CloseEvent', 'MessageEvent'] };

/**
 * Node builtins loaded with `require` instead of `import`. Importing a builtin as
 * ESM makes Node build a facade holding every export, which reads each lazy
 * getter: `import { STATUS_CODES } from 'node:http'` (in @middy/util) loads
 * Node's whole bundled undici for `http.WebSocket`, 10-35 ms of every cold start
 * measured here; the SDK's `import http from 'node:http'` pays it again on the
 * first request. Through `require` a builtin is the plain module object and a
 * getter runs only if read. Each `import … from 'node:x'` becomes a small module
 * re-exporting the builtin's members, each read only if some module imports it.
 */
export const builtinsThroughRequire: Plugin = {
  name: 'builtins-through-require',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.kind === 'require-call' || !builtinModules.includes(name)) return undefined;
      return { path: name, namespace: 'node-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, (args) => {
      const exported = requireBuiltin(`node:${args.path}`) as object;
      const skipped = UNDICI_GETTERS[args.path] ?? [];
      const names = Object.getOwnPropertyNames(exported).filter((name) => IDENTIFIER.test(name) && name !== 'default' && !skipped.includes(name));
      // One pure read per export: esbuild drops the reads of exports nothing imports, so no other getter runs either.
      const named = names.map((name) => `export const ${name} = /* @__PURE__ */ $$read(${JSON.stringify(name)});`).join('\n');
      return {
        contents: `const $$builtin = require('node:${args.path}');\nconst $$read = (name) => $$builtin[name];\nexport default $$builtin;\n${named}`,
        loader: 'js',
      };
    });
  },
};

export const esbuildOptions = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  minify: true,
  treeShaking: true,
  mainFields: ['module', 'main'],
  legalComments: 'none' as const,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  banner: { js: ESM_REQUIRE_SHIM },
  plugins: [builtinsThroughRequire],
};
