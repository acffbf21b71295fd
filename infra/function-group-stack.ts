/**
 * A nested stack holding one group of a service's functions (infra/function-groups.ts)
 * and what ties each to its trigger: HTTP and WebSocket routes with their integrations
 * and invoke permissions, queue event sources, schedule rules, Function URLs. What the
 * functions use (table, APIs, queues, buckets, secrets, roles) stays in the parent and
 * reaches this template as parameters.
 */
import { CustomResource, NestedStack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { ServiceFunction, ServiceManifest, Trigger } from '../shared/manifest.ts';
import type { ServiceHttpApi, ServiceWebSocketApi } from './apis.ts';
import type { ExecutionRoles } from './execution-roles.ts';
import type { FunctionGroup } from './function-groups.ts';
import { HandlerFunction } from './handler-function.ts';
import { pascalCase } from './names.ts';
import type { WorkQueue } from './work-queue.ts';

/** What the parent stack hands each group. */
export interface FunctionWiring {
  manifest: ServiceManifest;
  environmentOf(fn: ServiceFunction): Record<string, string>;
  codeOf(fn: ServiceFunction): lambda.Code;
  roles: ExecutionRoles;
  httpApi: ServiceHttpApi;
  websockets: Map<string, ServiceWebSocketApi>;
  queues: Map<string, WorkQueue>;
}

export class FunctionGroupStack extends NestedStack {
  /** Every Lambda of the group, by its manifest function id. */
  readonly functions = new Map<string, lambda.Function>();
  /** The Function URL of each webhook of the group, by webhook name. */
  readonly webhookUrls = new Map<string, string>();

  constructor(scope: Construct, id: string, { group, wiring }: { group: FunctionGroup; wiring: FunctionWiring }) {
    super(scope, id, { description: `${wiring.manifest.name}: functions of ${group.feature}` });
    for (const fn of group.functions) {
      const { role, logGroup } = wiring.roles.of(fn);
      const constructId = pascalCase(fn.id);
      const handler = new HandlerFunction(this, constructId, {
        spec: fn.spec,
        description: `${wiring.manifest.name}: ${describeTrigger(fn.trigger)}`,
        environment: wiring.environmentOf(fn),
        code: wiring.codeOf(fn),
        role,
        logGroup,
      }).function;
      this.functions.set(fn.id, handler);
      this.connect(constructId, fn.trigger, handler, wiring);
    }
  }

  private connect(id: string, trigger: Trigger, handler: lambda.Function, wiring: FunctionWiring): void {
    switch (trigger.kind) {
      case 'http':
        wiring.httpApi.addRoute(this, id, trigger.route, handler);
        break;
      case 'websocket':
        wiring.websockets.get(trigger.api.name)!.addRoute(this, id, trigger.routeKey, trigger.route, handler);
        break;
      case 'webhook':
        this.webhookUrls.set(trigger.webhook.name, handler.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE }).url);
        break;
      case 'queue':
        wiring.queues.get(trigger.queue.name)!.attachConsumer(handler);
        break;
      case 'schedule':
        new events.Rule(this, `Schedule${pascalCase(trigger.schedule.name)}`, {
          description: trigger.schedule.description ?? `${wiring.manifest.name} schedule ${trigger.schedule.name}`,
          schedule: events.Schedule.expression(trigger.schedule.expression),
          targets: [new targets.LambdaFunction(handler)],
        });
        break;
      case 'seed': {
        // A custom resource served by the seed function itself (shared/seed.ts answers CloudFormation),
        // so no provider function or role is added. Its one property is the key of the function's
        // bundle, which changes with the code that holds the content: a deploy that changes the
        // content runs the seed again, any other leaves it alone. The nested stack already depends
        // on the parent's table, so the table exists by then.
        const code = (handler.node.defaultChild as lambda.CfnFunction).code as lambda.CfnFunction.CodeProperty;
        new CustomResource(this, 'Seed', {
          serviceToken: handler.functionArn,
          resourceType: 'Custom::ContentSeed',
          properties: { BundleKey: code.s3Key },
        });
        break;
      }
    }
  }
}

function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'http':
      return `${trigger.route.method} ${trigger.route.path}`;
    case 'websocket':
      return `WebSocket ${trigger.api.name} ${trigger.routeKey}`;
    case 'webhook':
      return `webhook ${trigger.webhook.name}`;
    case 'queue':
      return `consumer of queue ${trigger.queue.name}`;
    case 'schedule':
      return `schedule ${trigger.schedule.name} ${trigger.schedule.expression}`;
    case 'seed':
      return 'content seed, run after each deploy that changes it';
  }
}
