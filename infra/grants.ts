/**
 * Turns a function's declared `access` into IAM grants, and nothing more: a
 * function reaches only the table, queues, buckets and WebSocket APIs its
 * manifest entry names, with the actions that access needs.
 */
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import type { Access } from '../shared/manifest.ts';
import { WEBSOCKET_STAGE, type ServiceWebSocketApi } from './apis.ts';
import { acknowledge, reasons } from './nag.ts';
import type { WorkQueue } from './work-queue.ts';

export interface GrantTargets {
  table: dynamodb.Table;
  hasIndexes: boolean;
  queues: Map<string, WorkQueue>;
  buckets: Map<string, s3.IBucket>;
  websockets: Map<string, ServiceWebSocketApi>;
}

/** Reading an object, and listing so a missing key answers 404 rather than 403. */
const bucketRead = { object: ['s3:GetObject'], bucket: ['s3:ListBucket'] };
const bucketWrite = { object: ['s3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'], bucket: [] };

export function grantAccess(fn: lambda.Function, functionId: string, access: Access = {}, targets: GrantTargets): void {
  // The wildcards acknowledged below are each confined to one resource of this service.
  const role = fn.role!;
  const find = <T>(kind: string, names: Map<string, T>, name: string): T => {
    const found = names.get(name);
    if (!found) throw new Error(`function ${functionId}: access names an unknown ${kind} "${name}"`);
    return found;
  };

  const table = access.table ?? 'readwrite';
  if (table !== 'none') {
    if (table === 'read') targets.table.grantReadData(fn);
    else targets.table.grantReadWriteData(fn);
    if (targets.hasIndexes) {
      acknowledge(role, `AwsSolutions-IAM5[Resource::<${logicalIdOf(targets.table)}.Arn>/index/*]`, reasons.tableIndexes);
    }
  }

  for (const name of access.sendsTo ?? []) find('queue', targets.queues, name).queue.grantSendMessages(fn);

  for (const [name, mode] of Object.entries(access.buckets ?? {})) {
    const bucket = find('bucket', targets.buckets, name);
    const sets = mode === 'read' ? [bucketRead] : mode === 'write' ? [bucketWrite] : [bucketRead, bucketWrite];
    const objectActions = sets.flatMap((set) => set.object);
    const bucketActions = sets.flatMap((set) => set.bucket);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: objectActions, resources: [bucket.arnForObjects('*')] }));
    if (bucketActions.length) {
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: bucketActions, resources: [bucket.bucketArn] }));
    }
    acknowledge(role, `AwsSolutions-IAM5[Resource::<${logicalIdOf(bucket)}.Arn>/*]`, reasons.bucketObjects);
  }

  for (const name of access.postsTo ?? []) {
    const websocket = find('WebSocket API', targets.websockets, name);
    websocket.grantManageConnections(fn);
    const api = `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${logicalIdOf(websocket.api)}>`;
    acknowledge(role, `AwsSolutions-IAM5[Resource::${api}/${WEBSOCKET_STAGE}/*/@connections/*]`, reasons.connections);
  }
}

/** How cdk-nag names a resource in a finding (`<LogicalId.Arn>`). */
function logicalIdOf(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
}
