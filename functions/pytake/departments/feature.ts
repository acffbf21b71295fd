/** The departments feature's part of the PyTake manifest. */
import type { FeatureManifest } from '../feature-manifest.ts';
import { createDepartmentRoute, deleteDepartmentRoute, getDepartmentRoute, listDepartmentsRoute, updateDepartmentRoute } from './departments.route.ts';

export const feature: FeatureManifest = {
  routes: [createDepartmentRoute, listDepartmentsRoute, getDepartmentRoute, updateDepartmentRoute, deleteDepartmentRoute],
};
