/**
 * The cdk-nag AwsSolutions findings this platform accepts, each with the reason
 * it is right here. Stacks fix what they can; what remains is acknowledged on
 * the one construct it concerns (and its children), never stack-wide.
 */
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AuthKind } from '../shared/manifest.ts';

/**
 * Why a route has no API Gateway authorizer: each product's clients already
 * authenticate in a way fixed by its wire contract, the handler checks it and
 * answers in the product's own error format, which an authorizer cannot produce.
 */
export const routeAuthReasons: Record<AuthKind, string> = {
  none: 'Public by the product contract (health checks, sign-up, sign-in, public lookups); the handler takes no identity.',
  password: 'LiftLog clients send the user id and password in the request body, which an API Gateway authorizer cannot read; the handler verifies them.',
  'pro-token': 'The AI coach is unlocked by an app-store purchase token that only the handler can verify with the store.',
  'api-key': 'PenhaS clients send a session JWT in X-Api-Key; the handler verifies token and session and answers in the PenhaS error format.',
  jwt: 'The handler verifies the bearer token, takes the tenant from it and answers in the service error format an authorizer cannot produce.',
  signature: 'Meta and Twilio sign each request; the handler checks the signature over the raw body, which an authorizer never sees.',
};

export const reasons = {
  websocketRoute:
    "A WebSocket API authenticates once, on $connect, in the handler and by the product's own scheme (an authorizer could not answer in its format); later messages act for the identity stored with the connection.",
  runtime:
    'Functions are pinned to nodejs22.x, the runtime their bundles target (node22); moving to a newer runtime is a deliberate, tested change, not an automatic one.',
  tableIndexes: "Query access to this service table's own global secondary indexes; index names are fixed in the manifest, the wildcard covers nothing else.",
  bucketObjects: 'Object keys are chosen at run time (per user and upload); access is limited to the objects of this one bucket.',
  connections: "Connection ids are only known at run time; access is limited to this one API stage's @connections endpoint.",
  apiGatewayLoggingRole:
    'The account-wide API Gateway logging role uses the AWS-maintained AmazonAPIGatewayPushToCloudWatchLogs policy, since every API of the account logs through it.',
  providerSecretRotation:
    'The values are third-party API keys, rotated by their issuer; an operator puts the new value into the secret, which Secrets Manager cannot do for them.',
  cursorSecretRotation:
    'An HMAC key for opaque pagination cursors, resolved into the function configuration at deploy; rotating it would only invalidate the cursors clients hold, and functions would see a new value only on the next deploy.',
  smsPublish: 'An SMS publish goes to a phone number, which has no ARN, so the grant cannot name a resource; it holds one action, sns:Publish.',
  pushPublish:
    "Push goes to device endpoints created at run time; the grant covers only this account's platform endpoints in this region, for sns:Publish only.",
  pushEndpoints:
    "Devices' platform endpoints are created at run time under the platform applications configured per environment; the grant covers only this account's applications and endpoints in this region, for the endpoint actions only.",
  emailSend:
    "The sender is a verified SES identity configured per environment (EMAIL_FROM); the grant covers only this account's identities in this region, for ses:SendEmail only.",
  cloudFrontGeoRestriction: "The products' users are worldwide; the APIs authenticate every caller themselves.",
  cloudFrontWaf:
    'A web ACL for CloudFront can only be created in us-east-1, outside this regional stack; the APIs behind the distribution are throttled per stage and authenticate every caller.',
  cloudFrontDefaultCertificate:
    'The distribution uses its *.cloudfront.net name, whose default certificate fixes the TLS policy; TLS 1.2 as minimum needs a custom domain and its ACM certificate in us-east-1, added once a deployment has a domain.',
} as const;

/**
 * A resource (an ARN, possibly built from tokens) as cdk-nag names it in a finding: references
 * flattened to `<LogicalId>` and `<LogicalId.Attribute>`, and the stack's region and account
 * literal when the stack has them (`cdk synth` with a configured environment) or references when not.
 */
function nagResourceName(scope: IConstruct, resource: string): string {
  const flatten = (node: unknown): string => {
    if (typeof node === 'string') return node;
    const intrinsic = node as { 'Fn::Join'?: [string, unknown[]]; 'Fn::GetAtt'?: [string, string]; Ref?: string };
    if (intrinsic['Fn::Join']) return intrinsic['Fn::Join'][1].map(flatten).join(intrinsic['Fn::Join'][0]);
    if (intrinsic['Fn::GetAtt']) return `<${intrinsic['Fn::GetAtt'][0]}.${intrinsic['Fn::GetAtt'][1]}>`;
    if (intrinsic.Ref) return `<${intrinsic.Ref}>`;
    return JSON.stringify(node);
  };
  return flatten(Stack.of(scope).resolve(resource));
}

/** Acknowledges the IAM5 finding for one wildcard resource of a role's policy. */
export function acknowledgeWildcardResource(role: IConstruct, resource: string, reason: string): void {
  acknowledge(role, `AwsSolutions-IAM5[Resource::${nagResourceName(role, resource)}]`, reason);
}

/** `finding` is a rule id, or a rule id with its finding (`AwsSolutions-IAM5[Resource::…]`). */
export function acknowledge(construct: IConstruct, finding: string, reason: string): void {
  Validations.of(construct).acknowledge({ id: finding, reason });
}
