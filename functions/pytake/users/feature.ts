/** The users feature's part of the PyTake manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { createUserRoute } from './create-user.route.ts';
import { listUsersRoute } from './list-users.route.ts';
import { getMeRoute, updateMeRoute } from './me.route.ts';
import { myStatsRoute, userStatsRoute } from './stats.route.ts';
import { addSkillRoute, availableSkillsRoute, deleteSkillRoute, listSkillsRoute, replaceSkillsRoute, updateSkillRoute } from './skills.route.ts';
import { activateUserRoute, deactivateUserRoute, deleteUserRoute, getUserRoute, updateUserRoute } from './user.route.ts';

export const feature: FeatureManifest = {
  routes: [
    listUsersRoute,
    createUserRoute,
    getMeRoute,
    updateMeRoute,
    myStatsRoute,
    userStatsRoute,
    getUserRoute,
    updateUserRoute,
    activateUserRoute,
    deactivateUserRoute,
    deleteUserRoute,
    listSkillsRoute,
    addSkillRoute,
    replaceSkillsRoute,
    updateSkillRoute,
    deleteSkillRoute,
    availableSkillsRoute,
  ],
};
