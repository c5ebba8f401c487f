/*
 * The entry of dist/core.js: what the adapters call on the core module (see core.ts). Only
 * these are bundled there (and what they use), as a bundle of the whole extension would.
 */
export { createIncidentCore, createReport, isReport, mergeConfig, nameHasId, parseConfigText, ReportParser, RULE_IDS, validateConfig, validateSettings } from '../core';
