/**
 * SQS errors as the AWS JSON protocol carries them: `__type` names the error
 * shape, and the `x-amzn-query-error` header its query-protocol code, which
 * the SDK (an awsQueryCompatible client) uses to pick the exception class.
 */
export class SqsError extends Error {
  constructor(
    /** The error shape: QueueDoesNotExist, InvalidParameterValue, ... */
    readonly code: string,
    message: string,
    readonly status = 400,
    /** The query-protocol code when it differs from the shape name. */
    readonly queryCode: string = code,
    /** Whether the caller is to blame (retrying won't help) or the service is. */
    readonly senderFault = true,
  ) {
    super(message);
    this.name = code;
  }

  get wire(): { status: number; headers: Record<string, string>; body: { __type: string; message: string } } {
    return {
      status: this.status,
      headers: { 'x-amzn-query-error': `${this.queryCode};${this.senderFault ? 'Sender' : 'Receiver'}` },
      body: { __type: `com.amazonaws.sqs#${this.code}`, message: this.message },
    };
  }
}

const simpleQueueService = (code: string, message: string, status = 400) =>
  new SqsError(code, message, status, `AWS.SimpleQueueService.${code === 'QueueDoesNotExist' ? 'NonExistentQueue' : code}`);

export const sqsErrors = {
  queueDoesNotExist: () => simpleQueueService('QueueDoesNotExist', 'The specified queue does not exist.'),
  invalidParameter: (message: string) => new SqsError('InvalidParameterValue', message),
  missingParameter: (name: string) => new SqsError('MissingParameter', `The request must contain the parameter ${name}.`),
  invalidMessageContents: (message: string) => new SqsError('InvalidMessageContents', message),
  invalidAddress: (url: string) => new SqsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`, 404),
  invalidAttributeName: (name: string) => new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`),
  receiptHandleIsInvalid: (handle: string) =>
    new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 404),
  messageNotInflight: () => simpleQueueService('MessageNotInflight', 'The message referred to is not in flight.'),
  emptyBatch: () => simpleQueueService('EmptyBatchRequest', 'There should be at least one entry in the request.'),
  tooManyEntries: (count: number) =>
    simpleQueueService('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${count}.`),
  idsNotDistinct: (id: string) => simpleQueueService('BatchEntryIdsNotDistinct', `Id ${id} repeated.`),
  invalidBatchEntryId: (id: string) =>
    simpleQueueService(
      'InvalidBatchEntryId',
      `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long. Invalid id: ${id}`,
    ),
  batchTooLong: (bytes: number, limit: number) =>
    simpleQueueService('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${bytes} bytes.`),
  unsupportedOperation: (action: string) =>
    simpleQueueService('UnsupportedOperation', `${action} is not supported locally: queues are declared in the service manifests.`),
  invalidAction: (action: string) => new SqsError('InvalidAction', `The action ${action} is not valid for this endpoint.`),
  unsupportedProtocol: () =>
    new SqsError('InvalidAction', 'Only the AWS JSON 1.0 protocol is served here: POST with x-amz-target: AmazonSQS.<Action>, as @aws-sdk/client-sqs sends.'),
  internalError: () => new SqsError('InternalError', 'We encountered an internal error. Please try again.', 500, 'InternalError', false),
} as const;
