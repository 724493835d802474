// The workspace's ESLint plugin.
import { moduleBoundaries } from './module-boundaries.js';

export default {
  meta: { name: '@smartserver-licensing/eslint-rules' },
  rules: { 'module-boundaries': moduleBoundaries },
};
