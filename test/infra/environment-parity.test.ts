/**
 * The local runtime and the stack name the same resources to each function:
 * a handler that finds its queue, bucket, WebSocket endpoint or webhook URL
 * locally finds it on AWS too, and the other way round. Only a function that
 * declares paging gets the cursor key, in both places.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../infra/local/runtime.ts';
import { ServiceStack, stackNameOf } from '../../infra/service-stack.ts';
import { defineService, envNames, functionsOf } from '../../shared/manifest.ts';
import { startTestRuntime } from '../support/runtime.ts';

const handler = 'functions/liftlog/health/get-health.ts';

const manifest = defineService({
  name: 'envparity',
  description: 'Every kind of resource a function is told about',
  http: { routes: [{ method: 'GET', path: '/x', auth: 'none', handler }] },
  websockets: [{ name: 'live', path: '/live', routeSelectionExpression: '$request.body.action', routes: { $default: { handler } } }],
  webhooks: [
    { name: 'meta', auth: 'signature', handler },
    { name: 'twilio', auth: 'signature', handler },
  ],
  queues: [{ name: 'jobs', consumer: { handler, access: { paginates: true } } }],
  schedules: [{ name: 'sweep', expression: 'rate(1 hour)', handler }],
  table: {},
  buckets: [{ name: 'uploads' }],
});

/** The variables through which a function finds a resource of its service. */
const resourceVariables = (environment: Record<string, unknown>): string[] =>
  Object.keys(environment)
    .filter((name) => /^(TABLE_NAME|SERVICE_NAME|CURSOR_SECRET$|QUEUE_URL_|BUCKET_|WS_ENDPOINT_|WEBHOOK_URL_)/.test(name))
    .sort();

let runtime: LocalRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime({ services: [manifest] });
});
afterAll(() => runtime?.stop());

describe('function environment, local and on AWS', () => {
  it('names the same resources to every function, and no WEBHOOK_URL_* to a webhook function', () => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
    const stack = new ServiceStack(app, stackNameOf(manifest), { manifest });
    const webhookUrls = manifest.webhooks!.map((webhook) => envNames.webhookUrl(webhook.name));
    for (const fn of functionsOf(manifest)) {
      // Functions live in the nested stacks of their feature groups.
      const fnStack = Stack.of(stack.functions.get(fn.id)!);
      const resources = Template.fromStack(fnStack).toJSON().Resources;
      const logicalId = fnStack.resolve(fnStack.getLogicalId(stack.functions.get(fn.id)!.node.defaultChild as never)) as string;
      const onAws = resourceVariables(resources[logicalId].Properties.Environment.Variables);
      const local = resourceVariables(runtime.host.get(runtime.functionName(manifest.name, fn.id))!.environment);
      expect(local, fn.id).toEqual(onAws);
      expect(local.includes('CURSOR_SECRET'), fn.id).toBe(fn.trigger.kind === 'queue');
      if (fn.trigger.kind === 'webhook')
        expect(
          local.filter((name) => webhookUrls.includes(name)),
          fn.id,
        ).toEqual([]);
      else expect(local, fn.id).toEqual(expect.arrayContaining(webhookUrls));
    }
  });
});
