/**
 * Execution roles, one per access profile rather than one per function (see infra/README.md).
 *
 * A function's profile is everything its role must allow: the `access` its manifest entry
 * declares, normalised (defaults filled in, lists sorted and deduplicated), plus the queue it
 * consumes when a queue triggers it. Functions with the same profile need exactly the same
 * permissions, so they share one role and one log group, the only group that role may write
 * to: sharing gives no function anything it did not already need, and the role count grows
 * with the number of profiles, not of routes.
 */
import { createHash } from 'node:crypto';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Access, ServiceFunction, ServiceManifest } from '../shared/manifest.ts';
import { functionsOf } from '../shared/manifest.ts';
import { grantAccess, type GrantTargets } from './grants.ts';
import { LOG_RETENTION } from './handler-function.ts';
import { pascalCase } from './names.ts';

/** What a role allows, in a canonical form: equal profiles mean equal permissions. */
export interface AccessProfile {
  table: 'none' | 'read' | 'readwrite';
  sendsTo: string[];
  buckets: [string, 'read' | 'write' | 'readwrite'][];
  postsTo: string[];
  secrets: string[];
  providers: string[];
  /** The queue whose messages the function receives and deletes, when a queue triggers it. */
  consumes?: string;
  /** Uses the service's KMS data key (envelope encryption). */
  dataKeys?: true;
}

const sortedUnique = (values: string[] = []) => [...new Set(values)].sort();

export function accessProfileOf(fn: ServiceFunction): AccessProfile {
  const access: Access = fn.spec.access ?? {};
  const profile: AccessProfile = {
    table: access.table ?? 'readwrite',
    sendsTo: sortedUnique(access.sendsTo),
    buckets: Object.entries(access.buckets ?? {}).sort(([a], [b]) => a.localeCompare(b)),
    postsTo: sortedUnique(access.postsTo),
    secrets: sortedUnique(access.secrets),
    providers: sortedUnique(access.providers),
  };
  if (fn.trigger.kind === 'queue') profile.consumes = fn.trigger.queue.name;
  if (access.dataKeys) profile.dataKeys = true;
  return profile;
}

/** The profile back in manifest terms, for the grants. */
function accessOf(profile: AccessProfile): Access {
  return {
    table: profile.table,
    sendsTo: profile.sendsTo,
    buckets: Object.fromEntries(profile.buckets),
    postsTo: profile.postsTo,
    secrets: profile.secrets,
    providers: profile.providers as Access['providers'],
    dataKeys: profile.dataKeys,
  };
}

const TABLE_NAMES = { none: 'NoTable', read: 'ReadsTable', readwrite: 'WritesTable' } as const;
const BUCKET_VERBS = { read: 'Reads', write: 'Writes', readwrite: 'ReadsWrites' } as const;
/** Past this, a name keeps its start and gains a digest, so construct paths stay short and ids unique. */
const MAX_NAME_LENGTH = 64;

/** A readable, stable construct id for a profile: `ReadsTableReadsBucketProfilePictures`. */
export function profileName(profile: AccessProfile): string {
  const parts = [
    TABLE_NAMES[profile.table],
    ...(profile.consumes ? [`Consumes${pascalCase(profile.consumes)}`] : []),
    ...profile.sendsTo.map((queue) => `SendsTo${pascalCase(queue)}`),
    ...profile.buckets.map(([bucket, mode]) => `${BUCKET_VERBS[mode]}Bucket${pascalCase(bucket)}`),
    ...profile.postsTo.map((api) => `PostsTo${pascalCase(api)}`),
    ...profile.secrets.map((secret) => `ReadsSecret${pascalCase(secret)}`),
    ...profile.providers.map((provider) => `Via${pascalCase(provider)}`),
    ...(profile.dataKeys ? ['UsesDataKey'] : []),
  ];
  const name = parts.join('');
  if (name.length <= MAX_NAME_LENGTH) return name;
  const digest = createHash('sha256').update(JSON.stringify(profile)).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_NAME_LENGTH - 8)}${digest}`;
}

function describeProfile(profile: AccessProfile): string {
  const parts = [
    `table ${profile.table}`,
    ...(profile.consumes ? [`consumes queue ${profile.consumes}`] : []),
    ...profile.sendsTo.map((queue) => `sends to queue ${queue}`),
    ...profile.buckets.map(([bucket, mode]) => `bucket ${bucket} ${mode}`),
    ...profile.postsTo.map((api) => `posts to WebSocket API ${api}`),
    ...profile.secrets.map((secret) => `reads secret ${secret}`),
    ...profile.providers.map((provider) => `sends ${provider}`),
    ...(profile.dataKeys ? ['uses the data key'] : []),
  ];
  return parts.join('; ');
}

/** The distinct profiles of a service's functions, by name, in manifest order, each with its functions. */
export function accessProfiles(manifest: ServiceManifest): Map<string, { profile: AccessProfile; functions: ServiceFunction[] }> {
  const profiles = new Map<string, { profile: AccessProfile; functions: ServiceFunction[] }>();
  for (const fn of functionsOf(manifest)) {
    const profile = accessProfileOf(fn);
    const name = profileName(profile);
    const entry = profiles.get(name) ?? { profile, functions: [] };
    entry.functions.push(fn);
    profiles.set(name, entry);
  }
  return profiles;
}

export interface ExecutionRole {
  role: iam.Role;
  logGroup: logs.LogGroup;
}

/** Every profile's role and log group, in the parent stack next to the resources they grant. */
export class ExecutionRoles extends Construct {
  private readonly byName = new Map<string, ExecutionRole>();

  constructor(scope: Construct, id: string, props: { manifest: ServiceManifest; targets: GrantTargets }) {
    super(scope, id);
    for (const [name, { profile, functions }] of accessProfiles(props.manifest)) {
      const holder = new Construct(this, name);
      const logGroup = new logs.LogGroup(holder, 'Logs', { retention: LOG_RETENTION });
      const role = new iam.Role(holder, 'Role', {
        assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
        description: `${props.manifest.name} functions with ${describeProfile(profile)}`.slice(0, 1000),
      });
      // Written to only through this group, instead of the managed basic execution policy.
      logGroup.grantWrite(role);
      grantAccess(role, functions.map((fn) => fn.id).join(', '), accessOf(profile), props.targets);
      if (profile.consumes) props.targets.queues.get(profile.consumes)!.grantConsume(role);
      this.byName.set(name, { role, logGroup });
    }
  }

  of(fn: ServiceFunction): ExecutionRole {
    return this.byName.get(profileName(accessProfileOf(fn)))!;
  }

  get count(): number {
    return this.byName.size;
  }
}
