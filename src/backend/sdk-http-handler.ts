/**
 * What the bundle gives the SDK clients' runtime configs in place of @smithy/node-http-handler and
 * the old CloudHSM client's @aws-sdk/node-http-handler (scripts/bundle.mjs): the same two names,
 * with the handler loaded on its first request (src/backend/lazy-http-handler.ts).
 */
export { streamCollector } from "@smithy/core/serde";
export { LazyNodeHttpHandler as NodeHttpHandler } from "./lazy-http-handler.js";
