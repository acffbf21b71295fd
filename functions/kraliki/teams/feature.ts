/** The teams feature's part of the Kraliki manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import {
  addMemberRoute,
  createTeamRoute,
  deleteTeamRoute,
  getTeamRoute,
  listMembersRoute,
  listTeamsRoute,
  removeMemberRoute,
  updateTeamRoute,
} from './teams.route.ts';

export const feature: FeatureManifest = {
  routes: [listTeamsRoute, createTeamRoute, getTeamRoute, updateTeamRoute, deleteTeamRoute, listMembersRoute, addMemberRoute, removeMemberRoute],
};
