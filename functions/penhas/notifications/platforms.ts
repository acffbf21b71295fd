/** The phones push reaches: Android through FCM, iOS through APNs. */
export const PLATFORMS = ['android', 'ios'] as const;
export type Platform = (typeof PLATFORMS)[number];
