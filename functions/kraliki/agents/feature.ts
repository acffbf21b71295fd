/** The agents feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import {
  availableCountRoute,
  createAgentRoute,
  getAgentRoute,
  leaderboardRoute,
  listAgentsRoute,
  myStatsRoute,
  setAgentStatusRoute,
  updateAgentRoute,
} from './agents.route.ts';

export const feature: FeatureManifest = {
  routes: [createAgentRoute, listAgentsRoute, availableCountRoute, getAgentRoute, updateAgentRoute, setAgentStatusRoute, myStatsRoute, leaderboardRoute],
};
