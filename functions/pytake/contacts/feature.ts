/** The contacts feature's part of the PyTake manifest, assembled by ../service.ts. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { addContactTagsRoute, removeContactTagsRoute, replaceContactTagsRoute } from './contact-tags.route.ts';
import {
  blockContactRoute,
  contactStatsOverviewRoute,
  contactStatsRoute,
  createContactRoute,
  deleteContactRoute,
  getContactRoute,
  listContactsRoute,
  markVipRoute,
  unblockContactRoute,
  unmarkVipRoute,
  updateContactRoute,
} from './contacts.route.ts';
import { createTagRoute, deleteTagRoute, getTagRoute, listTagsRoute, updateTagRoute } from './tags.route.ts';

export const feature: FeatureManifest = {
  routes: [
    contactStatsOverviewRoute,
    listContactsRoute,
    createContactRoute,
    getContactRoute,
    contactStatsRoute,
    updateContactRoute,
    deleteContactRoute,
    blockContactRoute,
    unblockContactRoute,
    markVipRoute,
    unmarkVipRoute,
    replaceContactTagsRoute,
    addContactTagsRoute,
    removeContactTagsRoute,
    listTagsRoute,
    createTagRoute,
    getTagRoute,
    updateTagRoute,
    deleteTagRoute,
  ],
};
