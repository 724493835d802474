// Entry of the bundled page (dist/cms.js): registers <cms-app>, which index.html already holds.
import { defineCmsApp } from './cms-app.js';

export { CmsApp, renderCms, defineCmsApp, type CmsOptions } from './cms-app.js';

defineCmsApp();
