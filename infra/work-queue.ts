/**
 * A manifest queue: the SQS queue, its DLQ, the alarm on that DLQ (notifying the
 * stack's alarm topic) and the consumer's event source.
 */
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Queue } from '../shared/manifest.ts';
import { queueSettings, timeoutOf } from '../shared/manifest.ts';

/** The longest SQS keeps a message: time to inspect and redrive what failed. */
const DLQ_RETENTION = Duration.days(14);

const protectedQueue: sqs.QueueProps = { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true };

export class WorkQueue extends Construct {
  readonly queue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  private readonly settings: ReturnType<typeof queueSettings>;

  constructor(
    scope: Construct,
    id: string,
    readonly manifest: Queue,
    alarmTopic: sns.ITopic,
  ) {
    super(scope, id);
    this.settings = queueSettings(manifest);
    if (this.settings.visibilityTimeoutSeconds < timeoutOf(manifest.consumer)) {
      throw new Error(`queue ${manifest.name}: the visibility timeout must be at least the consumer timeout`);
    }
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetters', { ...protectedQueue, retentionPeriod: DLQ_RETENTION });
    this.queue = new sqs.Queue(this, 'Queue', {
      ...protectedQueue,
      visibilityTimeout: Duration.seconds(this.settings.visibilityTimeoutSeconds),
      deliveryDelay: Duration.seconds(this.settings.deliveryDelaySeconds),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: this.settings.maxReceiveCount },
    });
    // Any message in the DLQ is work that failed every retry: someone should look at it.
    this.deadLetterAlarm = new cloudwatch.Alarm(this, 'DeadLettersAlarm', {
      alarmDescription: `Messages of queue ${manifest.name} failed ${this.settings.maxReceiveCount} times and wait in its DLQ`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Also when the DLQ is drained again, so whoever looked into it knows it is handled.
    this.deadLetterAlarm.addAlarmAction(new SnsAction(alarmTopic));
    this.deadLetterAlarm.addOkAction(new SnsAction(alarmTopic));
  }

  /**
   * The consumer's event source. Its role is granted separately (`grantConsume`): roles live
   * in the parent stack, and the consumer may be in a nested one.
   */
  attachConsumer(consumer: lambda.Function): void {
    consumer.addEventSourceMapping('QueueSource', {
      eventSourceArn: this.queue.queueArn,
      batchSize: this.settings.batchSize,
      maxBatchingWindow: Duration.seconds(this.settings.batchingWindowSeconds),
      reportBatchItemFailures: this.settings.reportBatchItemFailures,
    });
  }

  /** What a consumer's role needs to receive and delete messages. */
  grantConsume(role: iam.IGrantable): void {
    this.queue.grantConsumeMessages(role);
  }
}
