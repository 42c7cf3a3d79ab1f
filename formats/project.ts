/** tipkit's own coordinates, printed in reports. */

/** Where tipkit's sources and docs are published (SARIF informationUri and helpUri); package.json's homepage and repository say the same (tested). */
export const PROJECT_URL = 'https://github.com/tipkit-dev/tipkit';
