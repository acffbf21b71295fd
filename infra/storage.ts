/** The service's table and buckets: data that outlives any deploy, so all of it is retained. */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { Bucket, Cors, Table } from '../shared/manifest.ts';
import { tableKeys } from '../shared/manifest.ts';

/** Every key of the single-table design is a string. */
const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

export function createServiceTable(scope: Construct, id: string, table: Table): dynamodb.Table {
  const keys = tableKeys(table);
  const created = new dynamodb.Table(scope, id, {
    partitionKey: stringKey(keys.partitionKey),
    sortKey: stringKey(keys.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    timeToLiveAttribute: table.ttlAttribute,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of table.globalIndexes ?? []) {
    created.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: stringKey(index.partitionKey),
      sortKey: index.sortKey ? stringKey(index.sortKey) : undefined,
    });
  }
  return created;
}

const ACCESS_LOG_RETENTION = Duration.days(90);
/** S3 lifecycle rules count whole days; one is the shortest. */
const PENDING_EXPIRY = Duration.days(1);

const privateBucket: s3.BucketProps = {
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  removalPolicy: RemovalPolicy.RETAIN,
};

/**
 * The stack's one bucket for access logs: S3 server access logs of the manifest buckets and
 * CloudFront standard logs. CloudFront delivers its logs with an object ACL, so only a bucket
 * that receives them keeps ACLs enabled (objects still become the bucket owner's).
 */
export class LogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, { cloudFrontLogs }: { cloudFrontLogs: boolean }) {
    super(scope, id);
    // S3 server access logs are granted by bucket policy rather than the legacy log-delivery ACL.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...privateBucket,
      objectOwnership: cloudFrontLogs ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: ACCESS_LOG_RETENTION }],
    });
  }
}

/** The manifest's buckets, private and encrypted, with their server access logs in the stack's log bucket. */
export class ServiceBuckets extends Construct {
  readonly byName = new Map<string, s3.Bucket>();

  constructor(scope: Construct, id: string, buckets: Bucket[], browserOrigins: Cors['allowOrigins'], accessLogs: s3.IBucket) {
    super(scope, id);

    for (const bucket of buckets) {
      this.byName.set(
        bucket.name,
        new s3.Bucket(this, bucket.name, {
          ...privateBucket,
          serverAccessLogsBucket: accessLogs,
          serverAccessLogsPrefix: `${bucket.name}/`,
          cors: bucket.cors ? [presignedUploadCors(browserOrigins)] : undefined,
          lifecycleRules: [
            { abortIncompleteMultipartUploadAfter: Duration.days(1) },
            ...(bucket.expireAfterDays ? [{ expiration: Duration.days(bucket.expireAfterDays) }] : []),
            // Uploads never committed (the client or the function stopped half-way) are not kept.
            ...(bucket.pendingPrefix ? [{ id: 'ExpirePending', prefix: bucket.pendingPrefix, expiration: PENDING_EXPIRY }] : []),
          ],
        }),
      );
    }
  }
}

/** Browsers upload and download with presigned URLs, straight from the service's web origins. */
function presignedUploadCors(origins: string[]): s3.CorsRule {
  return {
    allowedOrigins: origins,
    allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD, s3.HttpMethods.PUT, s3.HttpMethods.POST],
    allowedHeaders: ['*'],
    exposedHeaders: ['ETag'],
    maxAge: 3600,
  };
}
