/**
 * One Lambda execution environment: a worker thread that imports a handler
 * bundle once (cold start) and then serves invocations one at a time (warm),
 * with the function's own process.env.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';

interface Invoke {
  requestId: string;
  event: unknown;
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
  (error: Error) => parentPort!.postMessage({ init: 'failed', error: { errorType: error?.name ?? 'Error', errorMessage: error?.message ?? String(error), stack: error?.stack } }),
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
    const result = await handler(message.event, context);
    parentPort!.postMessage({ requestId: message.requestId, ok: true, result: result === undefined ? null : result });
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({
      requestId: message.requestId,
      ok: false,
      error: { errorType: e?.name ?? 'Error', errorMessage: e?.message ?? String(error), stack: e?.stack },
    });
  }
});
