// Placeholder until the portal pages land: keeps the app's wiring in one place.
import type { Hono } from 'hono';

export function pages(_app: Hono): void {}
