/**
 * The service's secrets in Secrets Manager: one per manifest entry, whose value
 * an operator sets after deploy, and the key that signs pagination cursors.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Secret } from '../shared/manifest.ts';
import { acknowledge, reasons } from './nag.ts';

/** Read by shared/db/pagination.ts; required on AWS. */
export const CURSOR_SECRET_VARIABLE = 'CURSOR_SECRET';

/**
 * Created holding an empty JSON object, filled in by an operator. The placeholder
 * must never change: CloudFormation would write it over the operator's value.
 * Retained, since those values exist nowhere else.
 */
export function createServiceSecret(scope: Construct, id: string, service: string, secret: Secret): secretsmanager.Secret {
  const created = new secretsmanager.Secret(scope, id, {
    description: `${service} ${secret.name}: ${secret.description}`,
    secretObjectValue: {},
    removalPolicy: RemovalPolicy.RETAIN,
  });
  acknowledge(created, 'AwsSolutions-SMG4', reasons.providerSecretRotation);
  return created;
}

/**
 * The HMAC key that signs pagination cursors (shared/db/pagination.ts), generated at
 * deploy. The functions that paginate (`access.paginates`), and only those, get it as a
 * CloudFormation dynamic reference that is resolved into their configuration at deploy
 * time (the returned value), so no cold start waits on Secrets Manager (and no function
 * may read the secret itself). Each such function costs its template one dynamic
 * reference (CloudFormation allows 60 per template), which is why no other gets it.
 *
 * The price is that whoever may read a function's configuration can read the key. That
 * is acceptable for this key: pagination.ts only ever uses a cursor as the
 * ExclusiveStartKey of a query the handler builds (index, key condition and its values,
 * from the verified caller), and DynamoDB returns only items matching that key
 * condition and filter. With the key, a client could forge cursors that make a query it
 * can already run resume anywhere (skipping or repeating items) or fail, but never
 * return an item that query excludes.
 */
export function createCursorSecret(scope: Construct, id: string, service: string): string {
  const secret = new secretsmanager.Secret(scope, id, {
    description: `${service}: HMAC key signing pagination cursors`,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
  });
  acknowledge(secret, 'AwsSolutions-SMG4', reasons.cursorSecretRotation);
  return secret.secretValue.unsafeUnwrap();
}
