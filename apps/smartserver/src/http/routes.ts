// Every HTTP route of the SmartServer, in the order the OpenAPI document lists them: the CMS
// session and devices, the license API the widgets' HTTP source calls (`API_ROUTES` of
// @smartserver-licensing/client), returns, and the reminder settings.
import type { SmartServer } from '../context.js';
import { licenseRoutes, notificationRoutes } from './routes/license.js';
import { returnRoutes } from './routes/returns.js';
import { sessionRoutes } from './routes/session.js';
import type { SmartServerRoute } from './routes/common.js';

export function routes(s: SmartServer): SmartServerRoute[] {
  return [...sessionRoutes(s), ...licenseRoutes(s), ...returnRoutes(s), ...notificationRoutes(s)];
}
