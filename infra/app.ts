/** CDK entry (cdk.json): the four services' stacks. */
import { services } from '../functions/services.ts';
import { serviceApp } from './service-app.ts';

(await serviceApp(services)).synth();
