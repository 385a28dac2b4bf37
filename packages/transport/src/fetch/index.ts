export { createFetchTransport, type FetchTransportOptions } from "./create-fetch-transport.js";
