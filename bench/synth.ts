/**
 * Wall time of `cdk synth --quiet` (one esbuild pass for every function, the stacks,
 * cdk-nag, CDK's template validation, assets staged), for the four real services and for
 * a generated service of 400 routes: cold (no bundle cache) and warm (nothing changed).
 *
 * Run by `npm run bench`; the CLI runs this same file as its CDK app, the case named in
 * BENCH_SYNTH_CASE, with a bundle cache of its own so the project's is left alone.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { services } from '../functions/services.ts';
import { serviceApp } from '../infra/service-app.ts';
import { functionsOf, type ServiceManifest } from '../shared/manifest.ts';
import { generatedManifest } from '../test/infra/generated-manifest.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, '.local', 'bench');
/** Where the generated service's handler modules are written. */
const GENERATED_ROOT = path.relative(ROOT, path.join(BENCH_DIR, 'functions'));
const CASE_VARIABLE = 'BENCH_SYNTH_CASE';
export const GENERATED_ROUTES = 400;

const cases = {
  real: { label: 'the four services', manifests: () => services },
  generated: { label: `generated, ${GENERATED_ROUTES} routes`, manifests: () => [generatedManifest(GENERATED_ROUTES, GENERATED_ROOT)] },
};
type CaseName = keyof typeof cases;

const bundleRootOf = (name: CaseName) => path.join(BENCH_DIR, 'lambda-bundles', name);

/**
 * Each generated handler re-exports a real one under a name of its own, so every bundle is
 * a realistic size and different from every other, as the products' handlers will be.
 */
function writeGeneratedHandlers(manifest: ServiceManifest): void {
  const real = functionsOf(services.find((service) => service.name === 'liftlog')!)
    .filter((fn) => fn.trigger.kind === 'http')
    .map((fn) => fn.spec.handler);
  functionsOf(manifest).forEach((fn, index) => {
    const file = path.join(ROOT, fn.spec.handler);
    mkdirSync(path.dirname(file), { recursive: true });
    const target = path.relative(path.dirname(file), path.join(ROOT, real[index % real.length]));
    writeFileSync(file, `export { handler } from '${target}';\nexport const functionId = '${fn.id}';\n`);
  });
}

export interface SynthFigure {
  label: string;
  functions: number;
  cold: Timing;
  warm: Timing;
}

/** Wall time, and the CPU time of the whole process tree (CLI, app, esbuild), which machine load does not inflate. */
export interface Timing {
  wallSeconds: number;
  cpuSeconds: number;
}

function timeSynth(name: CaseName): Timing {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const app = `${process.execPath} --import tsx bench/synth.ts`;
  const started = performance.now();
  // /usr/bin/time reports user and system time of every process it and its children waited for.
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', 'cpu %U %S', path.join(ROOT, 'node_modules', '.bin', 'cdk'), 'synth', '--quiet', '--app', app, '--output', outdir],
    { cwd: ROOT, env: { ...process.env, [CASE_VARIABLE]: name }, encoding: 'utf8' },
  );
  const wallSeconds = (performance.now() - started) / 1000;
  rmSync(outdir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`cdk synth (${name}) failed:\n${run.stderr}`);
  const [, user, system] = run.stderr.match(/cpu ([\d.]+) ([\d.]+)/)!;
  return { wallSeconds, cpuSeconds: Number(user) + Number(system) };
}

export function benchSynth(): SynthFigure[] {
  writeGeneratedHandlers(cases.generated.manifests()[0]);
  return (Object.keys(cases) as CaseName[]).map((name) => {
    rmSync(bundleRootOf(name), { recursive: true, force: true });
    const cold = timeSynth(name);
    const warm = timeSynth(name);
    const functions = cases[name].manifests().reduce((sum, manifest) => sum + functionsOf(manifest).length, 0);
    return { label: cases[name].label, functions, cold, warm };
  });
}

const caseName = process.env[CASE_VARIABLE] as CaseName | undefined;
if (caseName) {
  (await serviceApp(cases[caseName].manifests(), { bundleRoot: bundleRootOf(caseName) })).synth();
}
