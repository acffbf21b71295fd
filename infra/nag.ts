/**
 * The cdk-nag AwsSolutions findings this platform accepts, each with the reason
 * it is right here. Stacks fix what they can; what remains is acknowledged on
 * the one construct it concerns (and its children), never stack-wide.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AuthKind } from '../shared/manifest.ts';

/**
 * Why a route has no API Gateway authorizer: each product's clients already
 * authenticate in a way fixed by its wire contract, the handler checks it and
 * answers in the product's own error format, which an authorizer cannot produce.
 */
export const routeAuthReasons: Record<AuthKind, string> = {
  none: 'Public by the product contract (health checks, sign-up, sign-in, public lookups); the handler takes no identity.',
  password:
    'LiftLog clients send the user id and password in the request body, which an API Gateway authorizer cannot read; the handler verifies them.',
  'pro-token':
    'The AI coach is unlocked by an app-store purchase token that only the handler can verify with the store.',
  'api-key':
    'PenhaS clients send a session JWT in X-Api-Key; the handler verifies token and session and answers in the PenhaS error format.',
  jwt: 'The handler verifies the bearer token, takes the tenant from it and answers in the service error format an authorizer cannot produce.',
  signature:
    'Meta and Twilio sign each request; the handler checks the signature over the raw body, which an authorizer never sees.',
};

export const reasons = {
  websocketRoute:
    "A WebSocket API authenticates once, on $connect, in the handler and by the product's own scheme (an authorizer could not answer in its format); later messages act for the identity stored with the connection.",
  runtime:
    'Functions are pinned to nodejs22.x, the runtime their bundles target (node22); moving to a newer runtime is a deliberate, tested change, not an automatic one.',
  tableIndexes:
    "Query access to this service table's own global secondary indexes; index names are fixed in the manifest, the wildcard covers nothing else.",
  bucketObjects:
    'Object keys are chosen at run time (per user and upload); access is limited to the objects of this one bucket.',
  connections:
    "Connection ids are only known at run time; access is limited to this one API stage's @connections endpoint.",
  apiGatewayLoggingRole:
    'The account-wide API Gateway logging role uses the AWS-maintained AmazonAPIGatewayPushToCloudWatchLogs policy, since every API of the account logs through it.',
} as const;

/** `finding` is a rule id, or a rule id with its finding (`AwsSolutions-IAM5[Resource::…]`). */
export function acknowledge(construct: IConstruct, finding: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: finding, reason });
}
