/**
 * The chats feature's part of the PenhaS manifest: private chats (sealed at
 * rest with a data key per chat), the support chat, blocks, the user search
 * and public profiles.
 */
import type { FeatureManifest } from '../feature-manifest.ts';
import { chatRoutes } from './chats.route.ts';

export const feature: FeatureManifest = {
  routes: chatRoutes,
};
