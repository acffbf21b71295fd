/**
 * One definition of how a handler becomes a Lambda bundle, shared by the CDK
 * stacks and the local runtime, so what runs locally is what deploys: ESM,
 * minified, tree-shaken, the AWS SDK bundled (only the clients a handler
 * imports end up in it).
 *
 * A cold start reads one file. A project module a handler loads with
 * `import()` (the KMS client behind a data key, the S3 client behind profile
 * pictures, the SNS client behind an SMS on AWS: needed by few requests) is
 * built as a bundle of its own, `lazy-<module>.mjs` beside the handler's
 * `index.mjs`, read and compiled only when a request first needs it. esbuild's
 * code splitting would do that too, but it cuts the code both sides share
 * into one chunk per combination of lazy modules reaching it: a dozen files
 * opened at every cold start, measured slower than one. A function's code is
 * therefore a folder: `index.mjs` and the lazy bundles it reaches.
 *
 * Project modules are declared free of side effects (package.json's
 * `sideEffects` lists the exceptions: modules imported only to register
 * something). So a handler's bundle leaves out a module none of whose exports
 * it uses, with everything that module imports: reading a call does not load
 * the Twilio SDK because the module holding it also ends calls. A module whose
 * top-level code must run on import belongs in that list; a bare import of
 * one that is not fails the build.
 *
 * A lazy bundle shares no module instances with the handler that loads it
 * (it carries its own copy of whatever both import), so such a module only
 * adapts a provider: it keeps no state and throws no error class the handler
 * tells apart with `instanceof`.
 */
export const LAMBDA_NODE_TARGET = 'node22';

import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

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
  banner: { js: ESM_REQUIRE_SHIM },
  plugins: [builtinsThroughRequire],
};

/** The file a lazily loaded module becomes beside `index.mjs`: `lazy-shared-providers-sms-sns.mjs`. */
export const lazyBundleName = (root: string, file: string) =>
  `lazy-${path
    .relative(root, file)
    .replace(/\.[cm]?[jt]sx?$/, '')
    .replace(/[^A-Za-z0-9]+/g, '-')}.mjs`;

const IS_LAZY_IMPORT = /^\.\/lazy-[A-Za-z0-9-]+\.mjs$/;

/**
 * Turns each `import()` of a project module (not a dependency's own) into an
 * import of its lazy bundle, and records the module so it gets built.
 */
function lazyProjectModules(root: string, found: Map<string, string>): Plugin {
  return {
    name: 'lazy-project-modules',
    setup(setup) {
      setup.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== 'dynamic-import' || args.pluginData === 'lazy-project-modules') return undefined;
        const resolved = await setup.resolve(args.path, {
          kind: 'import-statement',
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: 'lazy-project-modules',
        });
        if (
          resolved.errors.length ||
          resolved.external ||
          !resolved.path.startsWith(root + path.sep) ||
          resolved.path.includes(`${path.sep}node_modules${path.sep}`)
        )
          return undefined;
        const name = lazyBundleName(root, resolved.path);
        found.set(name, resolved.path);
        return { path: `./${name}`, external: true };
      });
    },
  };
}

export interface LambdaBuild {
  metafile: Metafile;
  /** Output path (as the metafile names it) of each entry name. */
  entries: Map<string, string>;
  /** The output files a cold start of an output reads (itself) and those its `import()`s reach, transitively. */
  filesOf(output: string): { loaded: string; lazy: string[] };
}

/**
 * Builds `entryPoints` into `outdir` (one file each, `.mjs`), then the lazy
 * bundles they reach into the same folder, until none is missing. The
 * metafiles of all passes are merged.
 */
export async function buildLambdaBundles(
  options: BuildOptions & { entryPoints: Record<string, string>; outdir: string; absWorkingDir: string },
): Promise<LambdaBuild> {
  const root = options.absWorkingDir;
  const metafile: Metafile = { inputs: {}, outputs: {} };
  const built = new Set<string>();
  let pass: Record<string, string> = options.entryPoints;
  while (Object.keys(pass).length) {
    const found = new Map<string, string>();
    const result = await build({
      ...options,
      entryPoints: pass,
      metafile: true,
      outExtension: { '.js': '.mjs' },
      plugins: [...(options.plugins ?? []), lazyProjectModules(root, found)],
    });
    // With package.json's `sideEffects`, a bare `import './x.ts'` of a module not listed there is silently dropped: refuse the build instead.
    const dropped = result.warnings.filter((warning) => warning.id === 'ignored-bare-import');
    if (dropped.length) {
      const where = dropped.map((warning) => `${warning.location?.file}:${warning.location?.line}: ${warning.text}`).join('\n');
      throw new Error(`A module imported for its side effects must be listed in package.json's "sideEffects":\n${where}`);
    }
    Object.assign(metafile.inputs, result.metafile.inputs);
    Object.assign(metafile.outputs, result.metafile.outputs);
    for (const name of Object.keys(pass)) built.add(name);
    pass = Object.fromEntries([...found].filter(([name]) => !built.has(name.replace(/\.mjs$/, ''))).map(([name, file]) => [name.replace(/\.mjs$/, ''), file]));
  }
  const outdir = path.relative(root, options.outdir);
  const entries = new Map(Object.keys(options.entryPoints).map((name) => [name, path.join(outdir, `${name}.mjs`)]));
  return {
    metafile,
    entries,
    filesOf(output) {
      const lazy = new Set<string>();
      const visit = (file: string) => {
        for (const imported of metafile.outputs[file]?.imports ?? []) {
          if (!imported.external || !IS_LAZY_IMPORT.test(imported.path)) continue;
          const target = path.join(outdir, imported.path);
          if (!lazy.has(target)) {
            lazy.add(target);
            visit(target);
          }
        }
      };
      visit(output);
      return { loaded: output, lazy: [...lazy].sort() };
    },
  };
}
