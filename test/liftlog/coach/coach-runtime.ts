/**
 * The local runtime serving the real liftlog manifest, with every app store
 * replaced by a local fake server and the model by the runtime's OpenAI
 * stand-in, plus what coach tests share: pro credentials and the model
 * requests the stand-in received.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { addresses, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../infra/local/addresses.ts';
import type { LocalRuntime } from '../../../infra/local/runtime.ts';
import liftlog from '../../../functions/liftlog/service.ts';
import { startFakeAppStore, type FakeAppStore } from '../../support/fakes/fake-app-store.ts';
import { startFakeGooglePlay, type FakeGooglePlay } from '../../support/fakes/fake-google-play.ts';
import { startFakeRevenueCat, type FakeRevenueCat } from '../../support/fakes/fake-revenuecat.ts';
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
  /** Chat completion request bodies the model stand-in received, oldest first. */
  modelRequests(): Promise<Array<Record<string, any>>>;
  /** Every item of the hubs' chats (`CHAT#<connectionId>`), read straight from the table. */
  chatItems(): Promise<Array<Record<string, any>>>;
  stop(): Promise<void>;
}

export async function startCoachRuntime(environment: Record<string, string> = {}): Promise<CoachRuntime> {
  const [revenueCat, googlePlay, appStore] = await Promise.all([startFakeRevenueCat(), startFakeGooglePlay(), startFakeAppStore()]);
  const runtime = await startTestRuntime({
    services: [liftlog],
    environment: {
      REVENUECAT_BASE_URL: `${revenueCat.url}/v2`,
      REVENUECAT_API_KEY: revenueCat.apiKey,
      REVENUECAT_PROJECT_ID: revenueCat.projectId,
      REVENUECAT_ENTITLEMENT_ID: PRO_ENTITLEMENT,
      GOOGLE_PLAY_BASE_URL: googlePlay.url,
      GOOGLE_PLAY_PACKAGE_NAME: googlePlay.packageName,
      GOOGLE_SERVICE_ACCOUNT_JSON: googlePlay.serviceAccountJson,
      APPLE_APP_STORE_BASE_URL: appStore.url,
      APPLE_BUNDLE_ID: appStore.bundleId,
      APPLE_ISSUER_ID: appStore.issuerId,
      APPLE_KEY_ID: appStore.keyId,
      APPLE_PRIVATE_KEY: appStore.privateKeyPem,
      ...environment,
    },
  });
  const documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: runtime.dynamoEndpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));
  return {
    runtime,
    revenueCat,
    googlePlay,
    appStore,
    url: (path) => `${runtime.url}/liftlog${path}`,
    modelRequests: async () => ((await (await fetch(`${runtime.url}/_local/openai/requests`)).json()) as { requests: Array<Record<string, any>> }).requests,
    chatItems: async () =>
      (
        await documents.send(
          new ScanCommand({ TableName: runtime.tableName('liftlog'), FilterExpression: 'begins_with(pk, :chat)', ExpressionAttributeValues: { ':chat': 'CHAT#' } }),
        )
      ).Items ?? [],
    async stop() {
      documents.destroy();
      await runtime.stop();
      await Promise.all([revenueCat.close(), googlePlay.close(), appStore.close()]);
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
