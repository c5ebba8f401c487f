/*
 * The entry of dist/core.js: what the adapters call on the core module (see core.ts), and
 * parsePiece for the worker thread (dist/pieceWorker.js). Only these are bundled there (and
 * what they use), as a bundle of the whole extension would.
 */
export { createIncidentCore, createReport, isReport, mergeConfig, nameHasId, parseConfigText, parsePiece, ReportParser, RULE_IDS, validateConfig, validateSettings } from '../core';
