/** CDK entry: one stack per service, every stack checked against the cdk-nag AWS Solutions rules. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { services } from '../functions/services.ts';
import { ServiceStack, stackNameOf } from './service-stack.ts';

const app = new App();
for (const manifest of services) {
  new ServiceStack(app, stackNameOf(manifest), {
    manifest,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
