/**
 * One manifest function as a Lambda: its prebuilt bundle (infra/bundle-functions.ts),
 * the role and log group of its access profile (infra/execution-roles.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../shared/manifest.ts';
import { timeoutOf } from '../shared/manifest.ts';
import { acknowledge, reasons } from './nag.ts';

const DEFAULT_MEMORY_MB = 256;
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

export interface HandlerFunctionProps {
  spec: FunctionSpec;
  description: string;
  environment: Record<string, string>;
  code: lambda.Code;
  role: iam.IRole;
  logGroup: logs.ILogGroup;
}

export class HandlerFunction extends Construct {
  readonly function: lambda.Function;

  constructor(scope: Construct, id: string, { spec, description, environment, code, role, logGroup }: HandlerFunctionProps) {
    super(scope, id);
    this.function = new lambda.Function(this, 'Function', {
      code,
      // The bundle is `index.mjs` exporting `handler`.
      handler: 'index.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(timeoutOf(spec)),
      description,
      environment,
      role,
      logGroup,
    });
    acknowledge(this.function, 'AwsSolutions-L1', reasons.runtime);
  }
}
