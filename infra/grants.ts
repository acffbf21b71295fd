/**
 * Turns a declared `access` into IAM grants on the role of the functions that
 * declare it, and nothing more: a function reaches only the table, queues, buckets, WebSocket APIs, secrets and
 * providers its manifest entry names, with the actions that access needs.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { envNames, type Access, type MessagingProvider } from '../shared/manifest.ts';
import type { ServiceWebSocketApi } from './apis.ts';
import { acknowledgeWildcardResource, reasons } from './nag.ts';
import type { WorkQueue } from './work-queue.ts';

export interface GrantTargets {
  table: dynamodb.Table;
  hasIndexes: boolean;
  queues: Map<string, WorkQueue>;
  buckets: Map<string, s3.IBucket>;
  websockets: Map<string, ServiceWebSocketApi>;
  secrets: Map<string, secretsmanager.ISecret>;
  /** The service's KMS key for envelope encryption, when a function declares `dataKeys`. */
  dataKey?: kms.IKey;
}

/** Reading an object, and listing so a missing key answers 404 rather than 403. */
const bucketRead = { object: ['s3:GetObject'], bucket: ['s3:ListBucket'] };
const bucketWrite = { object: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], bucket: [] };

/** What sending through each provider takes; `resource` absent where the action has none to name. */
interface ProviderStatement {
  actions: string[];
  resource?: { service: string; resource: string; resourceName: string };
  reason: string;
}
const endpoints = { service: 'sns', resource: 'endpoint', resourceName: '*' };
const providerGrants: Record<MessagingProvider, ProviderStatement[]> = {
  sms: [{ actions: ['sns:Publish'], reason: reasons.smsPublish }],
  push: [{ actions: ['sns:Publish'], resource: endpoints, reason: reasons.pushPublish }],
  'push-endpoints': [
    { actions: ['sns:CreatePlatformEndpoint'], resource: { service: 'sns', resource: 'app', resourceName: '*' }, reason: reasons.pushEndpoints },
    { actions: ['sns:GetEndpointAttributes', 'sns:SetEndpointAttributes', 'sns:DeleteEndpoint'], resource: endpoints, reason: reasons.pushEndpoints },
  ],
  email: [{ actions: ['ses:SendEmail'], resource: { service: 'ses', resource: 'identity', resourceName: '*' }, reason: reasons.emailSend }],
};

function finder(functionId: string) {
  return <T>(kind: string, names: Map<string, T>, name: string): T => {
    const found = names.get(name);
    if (!found) throw new Error(`function ${functionId}: access names an unknown ${kind} "${name}"`);
    return found;
  };
}

/** The variables naming the secrets a function may read (`SECRET_ID_<NAME>` → ARN). */
export function secretEnvironment(functionId: string, access: Access = {}, secrets: GrantTargets['secrets']): Record<string, string> {
  const find = finder(functionId);
  return Object.fromEntries((access.secrets ?? []).map((name) => [envNames.secretId(name), find('secret', secrets, name).secretArn]));
}

/** `functionIds` names the functions this role serves, for errors in the manifest. */
export function grantAccess(role: iam.Role, functionIds: string, access: Access = {}, targets: GrantTargets): void {
  // Every wildcard below is acknowledged with why it is as narrow as its action allows.
  const find = finder(functionIds);

  const table = access.table ?? 'readwrite';
  if (table !== 'none') {
    if (table === 'read') targets.table.grantReadData(role);
    else targets.table.grantReadWriteData(role);
    if (targets.hasIndexes) {
      acknowledgeWildcardResource(role, `${targets.table.tableArn}/index/*`, reasons.tableIndexes);
    }
  }

  for (const name of access.sendsTo ?? []) find('queue', targets.queues, name).queue.grantSendMessages(role);

  for (const [name, mode] of Object.entries(access.buckets ?? {})) {
    const bucket = find('bucket', targets.buckets, name);
    const sets = mode === 'read' ? [bucketRead] : mode === 'write' ? [bucketWrite] : [bucketRead, bucketWrite];
    const objectActions = sets.flatMap((set) => set.object);
    const bucketActions = sets.flatMap((set) => set.bucket);
    role.addToPolicy(new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects('*')] }));
    if (bucketActions.length) {
      role.addToPolicy(new iam.PolicyStatement({ actions: bucketActions, resources: [bucket.bucketArn] }));
    }
    acknowledgeWildcardResource(role, bucket.arnForObjects('*'), reasons.bucketObjects);
  }

  for (const name of access.postsTo ?? []) {
    const websocket = find('WebSocket API', targets.websockets, name);
    websocket.grantManageConnections(role);
    acknowledgeWildcardResource(role, websocket.connectionsArn, reasons.connections);
  }

  for (const name of access.secrets ?? []) find('secret', targets.secrets, name).grantRead(role);

  if (access.dataKeys) {
    if (!targets.dataKey) throw new Error(`function ${functionIds}: access.dataKeys needs the service's data key`);
    targets.dataKey.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  }

  for (const provider of new Set(access.providers ?? [])) {
    for (const { actions, resource, reason } of providerGrants[provider]) {
      const arn = resource ? Stack.of(role).formatArn({ ...resource, arnFormat: ArnFormat.SLASH_RESOURCE_NAME }) : '*';
      role.addToPolicy(new iam.PolicyStatement({ actions, resources: [arn] }));
      acknowledgeWildcardResource(role, arn, reason);
    }
  }
}
