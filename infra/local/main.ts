/**
 * `npm start`: every service on one port, no AWS account.
 *   --port <n>     default 3000 (or $PORT)
 *   --host <addr>  default 127.0.0.1; 0.0.0.0 lets phones and emulators on the network reach it
 *   --in-memory    throwaway run: nothing is kept
 *   --data <dir>   where data is kept (default .local/data, git-ignored)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { services } from '../../functions/services.ts';
import { ROOT } from './build.ts';
import { startRuntime } from './runtime.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '3000' },
    host: { type: 'string', default: '127.0.0.1' },
    'in-memory': { type: 'boolean', default: false },
    data: { type: 'string', default: path.join(ROOT, '.local', 'data') },
  },
});

const started = Date.now();
try {
  const runtime = await startRuntime({
    services,
    port: Number(values.port),
    hostname: values.host,
    dataDir: values['in-memory'] ? undefined : values.data,
    watch: true,
    minify: false,
  });
  console.log(`\nLocal runtime on ${runtime.url} (DynamoDB Local at ${runtime.dynamoEndpoint}, ${values['in-memory'] ? 'in memory' : `data in ${values.data}`})\n`);
  for (const line of runtime.describe()) console.log(`  ${line}`);
  console.log(`\nReady in ${((Date.now() - started) / 1000).toFixed(1)} s. Ctrl-C stops.`);
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
