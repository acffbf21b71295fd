/**
 * One Lambda execution environment: a worker thread that imports a handler
 * bundle once (cold start) and then serves invocations one at a time (warm),
 * with the function's own process.env. Results travel back as Lambda sends
 * them, serialized to JSON, and past the response quota become an error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { RESPONSE_TOO_LARGE, SYNC_PAYLOAD_BYTES } from './payload-limits.ts';

interface Invoke {
  requestId: string;
  /** The event as JSON text, as Lambda receives it. */
  event: string;
  deadline: number;
  functionName: string;
  memoryMb: number;
}

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

const { file } = workerData as { file: string };
const loaded: Promise<Handler> = import(pathToFileURL(file).href).then((module) => {
  if (typeof module.handler !== 'function') throw new Error(`${file} does not export a handler function`);
  return module.handler as Handler;
});
// The init phase (module scope) is timed apart from invocations, as on Lambda.
loaded.then(
  () => parentPort!.postMessage({ init: 'ok' }),
  (error: Error) =>
    parentPort!.postMessage({
      init: 'failed',
      error: { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error), stack: error?.stack },
    }),
);

parentPort!.on('message', async (message: Invoke) => {
  const context = {
    awsRequestId: message.requestId,
    functionName: message.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${message.functionName}`,
    memoryLimitInMB: String(message.memoryMb),
    logGroupName: `/aws/lambda/${message.functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const handler = await loaded;
    const result = JSON.stringify((await handler(JSON.parse(message.event), context)) ?? null);
    const bytes = Buffer.byteLength(result);
    if (bytes > SYNC_PAYLOAD_BYTES) {
      const errorMessage = `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${SYNC_PAYLOAD_BYTES} bytes).`;
      parentPort!.postMessage({ requestId: message.requestId, ok: false, error: { errorType: RESPONSE_TOO_LARGE, errorMessage } });
      return;
    }
    parentPort!.postMessage({ requestId: message.requestId, ok: true, result });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({
      requestId: message.requestId,
      ok: false,
      error: { errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(error), stack: e?.stack },
    });
  }
});
