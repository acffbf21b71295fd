/**
 * A manifest's content seed on AWS: a custom resource served by the seed
 * function itself, keyed by its bundle, and nothing else (no provider
 * function, no extra role).
 */
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import penhas from '../../functions/penhas/service.ts';
import { ServiceStack, stackNameOf } from '../../infra/service-stack.ts';
import { defineService, seedFunctionOf } from '../../shared/manifest.ts';

function synthesize(manifest = penhas) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  return new ServiceStack(app, stackNameOf(manifest), { manifest });
}

describe('a service with a content seed', () => {
  it('runs its seed function as a Custom::ContentSeed keyed by the bundle, in the seed function’s own nested stack', () => {
    const stack = synthesize();
    const seed = seedFunctionOf(penhas)!;
    const fn = stack.functions.get(seed.id)!;
    const nested = Stack.of(fn);
    const template = Template.fromStack(nested).toJSON() as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const fnId = nested.resolve(nested.getLogicalId(fn.node.defaultChild as CfnElement)) as string;
    const seeds = Object.values(template.Resources).filter((r) => r.Type === 'Custom::ContentSeed');
    expect(seeds).toHaveLength(1);
    expect(seeds[0].Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
    expect(seeds[0].Properties.BundleKey).toEqual((template.Resources[fnId].Properties.Code as { S3Key: unknown }).S3Key);
    expect(Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function')).toHaveLength(
      stack.functionGroups.find((g) => g === nested)!.functions.size,
    );
  });

  it('adds nothing to a service without one', () => {
    const plain = defineService({ name: 'plain', description: 'no seed', http: { routes: [] }, table: {} });
    const stack = synthesize(plain);
    expect(seedFunctionOf(plain)).toBeUndefined();
    for (const group of stack.functionGroups) expect(JSON.stringify(Template.fromStack(group).toJSON())).not.toContain('Custom::ContentSeed');
  });
});
