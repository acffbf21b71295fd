/**
 * The CDK app of a set of services: every function of every service bundled first, in one
 * esbuild pass (unless this synth needs no bundles: `cdk ls`, `cdk destroy`), one stack per
 * service, every stack checked against the cdk-nag AWS Solutions rules, nested stacks included.
 */
import { App, type AppProps, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { ServiceManifest } from '../shared/manifest.ts';
import { BUNDLE_ROOT, bundleFunctions, synthesizesWithoutBundling } from './bundle-functions.ts';
import { ServiceStack, stackNameOf } from './service-stack.ts';

export async function serviceApp(manifests: ServiceManifest[], props: AppProps & { bundleRoot?: string } = {}): Promise<App> {
  const { bundleRoot = BUNDLE_ROOT, ...appProps } = props;
  const app = new App(appProps);
  const bundles = synthesizesWithoutBundling(app) ? undefined : (await bundleFunctions(manifests, bundleRoot)).bundles;
  for (const manifest of manifests) {
    new ServiceStack(app, stackNameOf(manifest), {
      manifest,
      bundles,
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    });
  }
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return app;
}
