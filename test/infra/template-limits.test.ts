/**
 * Every synthesized template, parent and nested, stays well inside CloudFormation's limits
 * (500 resources, 60 dynamic references, 200 parameters and outputs, 1 MB) for the real
 * manifests and for generated ones at and beyond the planned sizes, and two stages of all
 * four services fit the account's default IAM role quota (1,000) many times over.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { services } from '../../functions/services.ts';
import { accessProfiles } from '../../infra/execution-roles.ts';
import { planFunctionGroups } from '../../infra/function-groups.ts';
import { ServiceStack, stackNameOf } from '../../infra/service-stack.ts';
import { defineService, functionsOf, type HttpRoute, type ServiceManifest } from '../../shared/manifest.ts';
import { generatedManifest } from './generated-manifest.ts';

/** What every template must stay under here: CloudFormation's limits with room to grow. */
const LIMITS = { resources: 400, dynamicReferences: 50, bytes: 800 * 1024, parameters: 150, outputs: 150 };

/** One feature folder of 240 routes, a third of them paginating: it must be cut into chunks. */
const oneBigFeature = defineService({
  name: 'bulk',
  description: 'One feature folder too large for one template',
  http: {
    routes: Array.from(
      { length: 240 },
      (_, i): HttpRoute => ({
        method: 'GET',
        path: `/items/${i}`,
        auth: 'jwt',
        handler: `functions/bulk/items/get-item-${i}.ts`,
        access: { table: 'read', paginates: i % 3 === 0 },
      }),
    ),
  },
  table: {},
});

interface TemplateFile {
  name: string;
  bytes: number;
  json: { Resources: Record<string, { Type: string }>; Parameters?: object; Outputs?: object };
  dynamicReferences: number;
}

const outdirs: string[] = [];

/** Synthesizes the manifests' stacks, cdk-nag included, and reads every template file written. */
function synthesize(manifests: ServiceManifest[]): { templates: TemplateFile[]; nagErrors: string[] } {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'template-limits-'));
  outdirs.push(outdir);
  const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stacks = manifests.map((manifest) => new ServiceStack(app, stackNameOf(manifest), { manifest }));
  const nagErrors = stacks.flatMap((stack) =>
    new AwsSolutionsChecks().validateScope(stack).violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`),
  );
  app.synth();
  const templates = readdirSync(outdir)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => {
      const text = readFileSync(path.join(outdir, name), 'utf8');
      return {
        name,
        bytes: statSync(path.join(outdir, name)).size,
        json: JSON.parse(text),
        dynamicReferences: text.match(/\{\{resolve:/g)?.length ?? 0,
      };
    });
  return { templates, nagErrors };
}

afterAll(() => {
  for (const outdir of outdirs) rmSync(outdir, { recursive: true, force: true });
});

describe.each([
  ['the four services', services],
  ['a generated service of 200 routes', [generatedManifest(200)]],
  ['one feature folder of 240 routes', [oneBigFeature]],
])('templates of %s', (_name, manifests) => {
  let templates: TemplateFile[];
  let nagErrors: string[];
  beforeAll(() => {
    ({ templates, nagErrors } = synthesize(manifests));
  });

  it('synthesize with no unacknowledged cdk-nag finding, nested stacks included', () => {
    expect(nagErrors).toEqual([]);
  });

  it(`hold at most ${LIMITS.resources} resources, ${LIMITS.dynamicReferences} dynamic references and ${LIMITS.bytes / 1024} KB each`, () => {
    expect(templates.length).toBeGreaterThan(manifests.length);
    for (const template of templates) {
      expect(Object.keys(template.json.Resources).length, template.name).toBeLessThanOrEqual(LIMITS.resources);
      expect(template.dynamicReferences, template.name).toBeLessThanOrEqual(LIMITS.dynamicReferences);
      expect(template.bytes, template.name).toBeLessThanOrEqual(LIMITS.bytes);
    }
  });

  it(`take at most ${LIMITS.parameters} parameters and give at most ${LIMITS.outputs} outputs each`, () => {
    for (const template of templates) {
      expect(Object.keys(template.json.Parameters ?? {}).length, template.name).toBeLessThanOrEqual(LIMITS.parameters);
      expect(Object.keys(template.json.Outputs ?? {}).length, template.name).toBeLessThanOrEqual(LIMITS.outputs);
    }
  });

  it('create one Lambda per manifest function, and exactly one role per access profile (plus the API Gateway logging role)', () => {
    const count = (type: string) => templates.reduce((sum, t) => sum + Object.values(t.json.Resources).filter((r) => r.Type === type).length, 0);
    expect(count('AWS::Lambda::Function')).toBe(manifests.reduce((sum, m) => sum + functionsOf(m).length, 0));
    const expectedRoles = manifests.reduce((sum, m) => sum + accessProfiles(m).size + (m.websockets?.length ? 1 : 0), 0);
    expect(count('AWS::IAM::Role')).toBe(expectedRoles);
  });
});

describe('function groups', () => {
  it('cuts a feature folder that would pass a template budget into chunks named after it', () => {
    const groups = planFunctionGroups(oneBigFeature);
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.map((group) => group.id)).toEqual(groups.map((_, i) => (i === 0 ? 'Items' : `Items${i + 1}`)));
    expect(groups.flatMap((group) => group.functions)).toHaveLength(oneBigFeature.http.routes.length);
  });

  it('places functions by feature and id, so reordering the manifest moves none', () => {
    const manifest = generatedManifest(200);
    const reordered = defineService({ ...manifest, http: { ...manifest.http, routes: [...manifest.http.routes].reverse() } });
    const placement = (m: ServiceManifest) => Object.fromEntries(planFunctionGroups(m).flatMap((group) => group.functions.map((fn) => [fn.id, group.id])));
    expect(placement(reordered)).toEqual(placement(manifest));
  });

  it('puts webhooks in a group of their own, first, so no group both gives and takes a Function URL', () => {
    const groups = planFunctionGroups(generatedManifest(200));
    expect(groups[0].id).toBe('Webhooks');
    expect(groups[0].functions.every((fn) => fn.trigger.kind === 'webhook')).toBe(true);
    expect(
      groups
        .slice(1)
        .flatMap((group) => group.functions)
        .some((fn) => fn.trigger.kind === 'webhook'),
    ).toBe(false);
  });
});

describe('IAM roles at the planned sizes', () => {
  /** LiftLog as it is; PenhaS ~90, PyTake ~190, Kraliki ~120 routes. */
  const planned = [services.find((service) => service.name === 'liftlog')!, generatedManifest(90), generatedManifest(190), generatedManifest(120)];
  const rolesOf = (manifest: ServiceManifest) => accessProfiles(manifest).size + (manifest.websockets?.length ? 1 : 0);

  it('need a quarter of the default quota of 1,000 at most for two stages of all four services', () => {
    const twoStages = 2 * planned.reduce((sum, manifest) => sum + rolesOf(manifest), 0);
    expect(twoStages).toBeLessThanOrEqual(250);
    // One role per function would have needed this many.
    const perFunction = 2 * planned.reduce((sum, manifest) => sum + functionsOf(manifest).length, 0);
    expect(perFunction).toBeGreaterThan(800);
  });
});
