// Every HTTP route of the license cloud, in one table assembled from one module per area
// (routes/). Each route is declared once: validation, access, and the OpenAPI document all come
// from this table. Handlers call the services (inventory, activation/, registration, offline,
// sessions, notifications), which hold the SQL and the rules.
import type { Route } from '@smartserver-licensing/server-kit';
import type { Cloud } from '../cloud.js';
import type { Access, Principal } from './auth.js';
import { customerRoutes } from './routes/customer.js';
import { partnerRoutes } from './routes/partner.js';
import { sessionRoutes } from './routes/sessions.js';
import { smartServerRoutes } from './routes/smartserver.js';
import { supportRoutes } from './routes/support.js';

export function routes(cloud: Cloud): Route<Access, Principal>[] {
  return [
    ...sessionRoutes(cloud),
    ...partnerRoutes(cloud),
    ...customerRoutes(cloud),
    ...supportRoutes(cloud),
    ...smartServerRoutes(cloud),
  ];
}
