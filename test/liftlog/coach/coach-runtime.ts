/**
 * The local runtime serving the real liftlog manifest, with every app store
 * and the model answered by the runtime's provider stand-ins, plus what coach
 * tests share: pro credentials, the model requests the stand-in received, and
 * a fetch that checks every answer against the service's OpenAPI document.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import liftlog from '../../../functions/liftlog/service.ts';
import type { FakeAppStore } from '../../../infra/local/fakes/app-store.ts';
import type { FakeGooglePlay } from '../../../infra/local/fakes/google-play.ts';
import type { FakeRevenueCat } from '../../../infra/local/fakes/revenuecat.ts';
import { DocumentedResponses } from '../../contract/documented-responses.ts';
import { startTestRuntime } from '../../support/runtime.ts';

/** The web API key the manifest sets for local runs. */
export const WEB_KEY = 'local-web-api-key';
export const WEB_AUTHORIZATION = `Web ${WEB_KEY}`;
export const PRO_ENTITLEMENT = 'entl_pro';
/** The local name of the queue through which the hubs' model turns reach their consumer. */
export const TURN_QUEUE = addresses.queueName('liftlog', 'coach-turns');

export interface CoachRuntime {
  runtime: LocalRuntime;
  revenueCat: FakeRevenueCat;
  googlePlay: FakeGooglePlay;
  appStore: FakeAppStore;
  url(path: string): string;
  /** Calls a LiftLog HTTP route (path from the service root) and fails the test if the answer is not as documented. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Chat completion request bodies the model stand-in received, oldest first. */
  modelRequests(): Promise<Array<Record<string, any>>>;
  /** Every item of the hubs' chats (`CHAT#<connectionId>`), read straight from the table. */
  chatItems(): Promise<Array<Record<string, any>>>;
  stop(): Promise<void>;
}

const documented = new DocumentedResponses(liftlog);

export async function startCoachRuntime(environment: Record<string, string> = {}): Promise<CoachRuntime> {
  const runtime = await startTestRuntime({
    services: [liftlog],
    environment: { REVENUECAT_ENTITLEMENT_ID: PRO_ENTITLEMENT, ...environment },
  });
  const { revenueCat, googlePlay, appStore } = runtime.fakes;
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
  return {
    runtime,
    revenueCat,
    googlePlay,
    appStore,
    url: (path) => `${runtime.url}/liftlog${path}`,
    async fetch(path, init = {}) {
      const response = await fetch(`${runtime.url}/liftlog${path}`, init);
      documented.check(init.method ?? 'GET', path.split('?')[0], response.status, response.headers.get('content-type'), await response.clone().text());
      return response;
    },
    modelRequests: async () => ((await (await fetch(`${runtime.url}/_local/openai/requests`)).json()) as { requests: Array<Record<string, any>> }).requests,
    chatItems: async () =>
      (
        await documents.send(
          new ScanCommand({
            TableName: runtime.tableName('liftlog'),
            FilterExpression: 'begins_with(pk, :chat)',
            ExpressionAttributeValues: { ':chat': 'CHAT#' },
          }),
        )
      ).Items ?? [],
    async stop() {
      documents.destroy();
      await runtime.stop();
    },
  };
}

/** The text of each message of a model request, by role (`user: hi`). */
export const transcript = (request: Record<string, any>) =>
  (request.messages as Array<{ role: string; content: unknown }>).map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : ''}`);

/** The exercise the model stand-in's example plan turns into in the legacy (v1 and REST) plan format. */
export const legacyExampleExercise = {
  name: 'Example name',
  sets: 3,
  repsPerSet: 3,
  weightIncreaseOnSuccess: 2.5,
  restBetweenSets: { minRest: '00:00:03', maxRest: '00:00:03', failureRest: '00:00:03' },
  supersetWithNext: false,
  notes: 'Example notes',
  link: '',
};
