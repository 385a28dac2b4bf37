export { createNodeHttpTransport, type NodeHttpTransportOptions } from "./create-node-http-transport.js";
