/**
 * The web feature's part of the PenhaS manifest: the public pages (FAQ, terms
 * of use, privacy policy), assembled by ../service.ts.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { faqDetailRoute, faqIndexRoute, privacyPolicyRoute, termsOfUseRoute } from './web.route.ts';

export const feature: FeatureManifest = { routes: [faqIndexRoute, faqDetailRoute, termsOfUseRoute, privacyPolicyRoute] };
