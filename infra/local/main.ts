/**
 * `npm start`: every service on one port, no AWS account.
 *   --port <n>     default 3000 (or $PORT)
 *   --host <addr>  default 127.0.0.1; 0.0.0.0 lets phones and emulators on the network reach it
 *   --in-memory    throwaway run: nothing is kept
 *   --data <dir>   where data is kept (default .local/data, git-ignored)
 *   --root <svc>   also serve that service's HTTP API at the root (`/login` = `/penhas/login`),
 *                  for apps whose base URL cannot carry a path (the PenhaS app)
 * `.env.local` at the repository root, if present, overrides functions'
 * settings (env-local.ts), e.g. to let the coach talk to OpenAI itself.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { services } from '../../functions/services.ts';
import { overriddenNames, readEnvLocal } from './env-local.ts';
import { ROOT } from './lambda/build.ts';
import { startRuntime } from './runtime.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    'in-memory': { type: 'boolean', default: false },
    data: { type: 'string', default: path.join(ROOT, '.local', 'data') },
    root: { type: 'string' },
  },
});

try {
  const envOverrides = await readEnvLocal(path.join(ROOT, '.env.local'));
  const runtime = await startRuntime({
    services,
    port: Number(values.port),
    hostname: values.host,
    dataDir: values['in-memory'] ? undefined : values.data,
    envOverrides,
    watch: true,
    rootService: values.root,
    minify: false,
  });
  console.log(
    `\nLocal runtime on ${runtime.url} (DynamoDB Local at ${runtime.dynamoEndpoint}, ${values['in-memory'] ? 'in memory' : `data in ${values.data}`})\n`,
  );
  for (const line of runtime.describe()) console.log(`  ${line}`);
  const overridden = overriddenNames(envOverrides);
  if (overridden.length) console.log(`\n.env.local sets: ${overridden.join(', ')}`);
  console.log(`\nReady in ${process.uptime().toFixed(1)} s. Ctrl-C stops.`);
  const shutdown = async () => {
    await runtime.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
