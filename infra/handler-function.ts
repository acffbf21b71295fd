/**
 * One manifest function as a Lambda: the handler bundled with the same esbuild
 * options the local runtime uses, its own role and its own log group.
 */
import path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../shared/manifest.ts';
import { timeoutOf } from '../shared/manifest.ts';
import { esbuildOptions, LAMBDA_NODE_TARGET } from './bundling.ts';
import { acknowledge, reasons } from './nag.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const DEFAULT_MEMORY_MB = 256;
export const LOG_RETENTION = logs.RetentionDays.ONE_MONTH;

const bundling: BundlingOptions = {
  format: OutputFormat.ESM,
  target: LAMBDA_NODE_TARGET,
  minify: esbuildOptions.minify,
  mainFields: esbuildOptions.mainFields,
  banner: esbuildOptions.banner.js,
  // Nothing is external: the SDK v3 clients a handler imports are bundled and tree-shaken.
  externalModules: [],
  sourceMap: false,
  esbuildArgs: {
    '--tree-shaking': String(esbuildOptions.treeShaking),
    '--legal-comments': esbuildOptions.legalComments,
  },
};

export interface HandlerFunctionProps {
  spec: FunctionSpec;
  description: string;
  environment: Record<string, string>;
}

export class HandlerFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, { spec, description, environment }: HandlerFunctionProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: LOG_RETENTION });
    // An explicit role that may write only to this log group, instead of the managed basic execution policy.
    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    logGroup.grantWrite(role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(ROOT, spec.handler),
      handler: 'handler',
      projectRoot: ROOT,
      depsLockFilePath: path.join(ROOT, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(timeoutOf(spec)),
      description,
      environment,
      role,
      logGroup,
      bundling,
    });
    acknowledge(this.function, 'AwsSolutions-L1', reasons.runtime);
  }
}
