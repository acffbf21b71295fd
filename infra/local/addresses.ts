/** Where each local stand-in for an AWS service lives on the runtime's one port. */
export const LOCAL_ACCOUNT = '000000000000';
export const LOCAL_REGION = 'us-east-1';
/** What every local SDK client signs with; the S3 stand-in verifies presigned URLs against it. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export const addresses = {
  sqsEndpoint: (base: string) => `${base}/_aws/sqs`,
  queueName: (service: string, queue: string) => `${service}-${queue}`,
  dlqName: (service: string, queue: string) => `${service}-${queue}-dlq`,
  queueUrl: (base: string, queueName: string) => `${base}/_aws/sqs/${LOCAL_ACCOUNT}/${queueName}`,
  s3Endpoint: (base: string) => `${base}/_aws/s3`,
  bucketName: (service: string, bucket: string) => `${service}-${bucket}`,
  /** The @connections management endpoint of one WebSocket API. */
  websocketManagement: (base: string, service: string, api: string) => `${base}/_aws/ws/${service}/${api}`,
  websocketUrl: (base: string, service: string, path: string) => `${base.replace(/^http/, 'ws')}/${service}${path}`,
  webhookUrl: (base: string, service: string, webhook: string) => `${base}/${service}/webhooks/${webhook}`,
  outbox: (base: string) => `${base}/_local/outbox`,
  scheduleTrigger: (base: string, service: string, schedule: string) => `${base}/_local/schedules/${service}/${schedule}`,
} as const;
