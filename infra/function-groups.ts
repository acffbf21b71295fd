/**
 * Which nested stack each function goes to. A feature folder below
 * `functions/<service>/` is a group (`users`, `events`, `coach`); a group that
 * would pass a template budget is cut into chunks (`Inbox`, `Inbox2`, ...) of
 * functions in id order, so reordering the manifest moves nothing and a new
 * function moves only those after it in its group. Webhooks form a group of their
 * own: every other function is told their Function URLs, so their stack must
 * depend on no other.
 */
import path from 'node:path';
import type { ServiceFunction, ServiceManifest, Trigger } from '../shared/manifest.ts';
import { functionsOf } from '../shared/manifest.ts';
import { accessProfileOf, profileName } from './execution-roles.ts';
import { pascalCase } from './names.ts';

/**
 * Per nested template, with room to spare under CloudFormation's 500 resources, 60 dynamic
 * references and 200 parameters (each parent value a nested template uses is a parameter).
 */
export const TEMPLATE_BUDGET = { resources: 300, dynamicReferences: 40, parameters: 150 };

/** Resources one function brings to its stack, by trigger (function, route, integration, permission, ...). */
function resourcesOf(trigger: Trigger): number {
  switch (trigger.kind) {
    case 'http':
      return 4;
    case 'websocket':
      return trigger.route.returnsResponse ? 5 : 4;
    case 'webhook':
      return 4;
    case 'queue':
      return 2;
    case 'schedule':
      return 3;
    case 'seed':
      // The custom resource that runs it.
      return 2;
  }
}

/**
 * Parameters every nested template may need whatever its functions: the table, each queue
 * (URL and ARN), bucket, WebSocket API, webhook URL and secret, the cursor key and the HTTP API.
 */
function sharedParameters(manifest: ServiceManifest): number {
  return (
    3 +
    2 * (manifest.queues?.length ?? 0) +
    (manifest.buckets?.length ?? 0) +
    (manifest.websockets?.length ?? 0) +
    (manifest.webhooks?.length ?? 0) +
    (manifest.secrets?.length ?? 0)
  );
}

export interface FunctionGroup {
  /** Construct id part: `Users`, `Users2`, `Webhooks`. */
  id: string;
  /** The feature folder (or `webhooks`). */
  feature: string;
  functions: ServiceFunction[];
}

/** `functions/liftlog/users/get-user.ts` → `users`; webhooks → `webhooks`. */
export function featureOf(service: string, fn: ServiceFunction): string {
  if (fn.trigger.kind === 'webhook') return 'webhooks';
  const directory = path.posix.dirname(fn.spec.handler);
  const prefix = directory.match(new RegExp(`(^|/)${service}(/|$)`));
  if (!prefix) return path.posix.basename(directory);
  const below = directory.slice(prefix.index! + prefix[0].length);
  return below.split('/')[0] || 'service';
}

/** The service's functions in groups, webhooks first, then features by name. */
export function planFunctionGroups(manifest: ServiceManifest): FunctionGroup[] {
  const byFeature = new Map<string, ServiceFunction[]>();
  for (const fn of functionsOf(manifest)) {
    const feature = featureOf(manifest.name, fn);
    byFeature.set(feature, [...(byFeature.get(feature) ?? []), fn]);
  }
  const features = [...byFeature.keys()].sort((a, b) => (a === 'webhooks' ? -1 : b === 'webhooks' ? 1 : a.localeCompare(b)));
  const shared = sharedParameters(manifest);
  return features.flatMap((feature) => chunk(feature, byFeature.get(feature)!, shared));
}

function chunk(feature: string, functions: ServiceFunction[], sharedParameterCount: number): FunctionGroup[] {
  const sorted = [...functions].sort((a, b) => a.id.localeCompare(b.id));
  const chunks: ServiceFunction[][] = [];
  let current: ServiceFunction[] = [];
  let resources = 0;
  let dynamicReferences = 0;
  let profiles = new Set<string>();
  for (const fn of sorted) {
    const profile = profileName(accessProfileOf(fn));
    const next = {
      resources: resources + resourcesOf(fn.trigger),
      dynamicReferences: dynamicReferences + (fn.spec.access?.paginates ? 1 : 0),
      profiles: profiles.has(profile) ? profiles.size : profiles.size + 1,
    };
    const fits =
      next.resources <= TEMPLATE_BUDGET.resources &&
      next.dynamicReferences <= TEMPLATE_BUDGET.dynamicReferences &&
      // A profile brings its role and its log group.
      sharedParameterCount + 2 * next.profiles <= TEMPLATE_BUDGET.parameters;
    if (!fits && current.length) {
      chunks.push(current);
      current = [];
      resources = 0;
      dynamicReferences = 0;
      profiles = new Set();
    }
    current.push(fn);
    resources += resourcesOf(fn.trigger);
    dynamicReferences += fn.spec.access?.paginates ? 1 : 0;
    profiles.add(profile);
  }
  if (current.length) chunks.push(current);
  const base = pascalCase(feature) || 'Service';
  return chunks.map((functions, index) => ({ id: index === 0 ? base : `${base}${index + 1}`, feature, functions }));
}
